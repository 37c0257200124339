// ./glue package --env FILE [--out FILE]: writes the Microsoft 365 app package (default appPackage.zip).
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const { buildPackage } = require('./app-package');

async function main() {
  const { values } = parseArgs({ options: { env: { type: 'string' }, out: { type: 'string', default: 'appPackage.zip' } } });
  if (!values.env) throw new Error('usage: ./glue package --env FILE [--out appPackage.zip]');
  const zip = await buildPackage(fs.readFileSync(values.env, 'utf8'));
  fs.writeFileSync(values.out, zip);
  console.log(`wrote ${path.resolve(values.out)} (${zip.length} bytes): manifest.json, color.png, outline.png`);
}

main().catch((e) => {
  console.error(`package: ${e.message}`);
  process.exit(1);
});
