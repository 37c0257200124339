// Bundles office-mock.js (office-addin-mock and all) into one browser script, .artifacts/office-mock.js, which the task
// pane tests serve in place of office.js. office-addin-mock imports office-addin-manifest only for its OfficeApp enum;
// the rest of that package is Node-only (files, zips), so the bundle takes the enum's own module.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
await build({
  entryPoints: [path.join(root, 'tests/addin-mock/office-mock.js')],
  outfile: path.join(root, '.artifacts/office-mock.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  alias: { 'office-addin-manifest': path.join(root, 'node_modules/office-addin-manifest/lib/officeApp.js') },
  logLevel: 'warning',
});
