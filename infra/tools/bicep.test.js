// Compiles the Bicep templates offline with the linter rules of infra/bicepconfig.json, run by ./glue test.
// A clean build is the bar: any error or warning fails. Run alone: node --test infra/tools/
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');
const { bicepPath } = require('./bicep-path');

const INFRA = path.join(__dirname, '..');
// The parameter files read the app registration ids from the environment, as in docs/DEPLOY.md.
const DEPLOY_ENV = {
  GLUE_API_APP_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  GLUE_BOT_APP_ID: '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9',
  GLUE_DOMAIN: 'glue.contoso.com',
};

// Runs the Bicep CLI; an env value of undefined removes that variable. Resolves to its exit status and the error and
// warning lines of its diagnostics (each starts with the path of the file it is about).
function bicep(args, { env = DEPLOY_ENV, cwd = INFRA } = {}) {
  const merged = Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined);
  return new Promise((resolve, reject) => {
    execFile(bicepPath(), args, { cwd, encoding: 'utf8', env: Object.fromEntries(merged), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ status: error ? error.code : 0, diagnostics: stderr.split('\n').filter((l) => / : (Error|Warning) /.test(l)), output: stdout });
    });
  });
}

// Copies of the templates with one mistake each: the linter rules we made errors must fail the build.
const MISTAKES = {
  'an unused parameter': ['main.bicep', "\nparam forgotten string\n", /Error no-unused-params/],
  'a secret in an output': ['modules/storage.bicep', "\noutput accountKey string = account.listKeys().keys[0].value\n", /Error outputs-should-not-contain-secrets/],
  'a hard-coded cloud URL': ['modules/web.bicep', "\noutput portal string = 'https://management.azure.com/'\n", /Error no-hardcoded-env-urls/],
};
const PARAMETER_FILES = fs.readdirSync(INFRA).filter((f) => f.endsWith('.bicepparam'));

// The CLI takes over a second of CPU to start and compile one file, and compiles many in one process (--pattern) for
// a fraction of that each; so the templates are built in three runs side by side, not once per test: every main.bicep
// (an unchanged copy and one copy per mistake, each in a folder of its own), every parameter file, and a parameter
// file without the app registration ids. --pattern writes FILE.json beside each file that builds, and none for a
// file with an error.
async function buildAll() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'glue-bicep-'));
  const folders = { clean: path.join(work, 'clean') };
  Object.keys(MISTAKES).forEach((name, i) => { folders[name] = path.join(work, `mistake-${i}`); });
  for (const folder of Object.values(folders)) {
    fs.cpSync(INFRA, folder, { recursive: true, filter: (src) => !src.startsWith(path.join(INFRA, 'tools')) });
  }
  for (const [name, [file, addition]] of Object.entries(MISTAKES)) fs.appendFileSync(path.join(folders[name], file), addition);
  const [templates, parameters, withoutIds] = await Promise.all([
    bicep(['build', '--pattern', '*/main.bicep'], { cwd: work }),
    bicep(['build-params', '--pattern', 'clean/*.bicepparam'], { cwd: work }),
    bicep(['build-params', path.join(folders.clean, 'main.dev.bicepparam'), '--stdout'], { env: { GLUE_API_APP_ID: undefined, GLUE_BOT_APP_ID: undefined } }),
  ]);
  const about = (run, file) => run.diagnostics.filter((d) => d.startsWith(file));
  const built = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
  return {
    work,
    template: (folder) => ({ diagnostics: about(templates, folders[folder] + path.sep), output: built(path.join(folders[folder], 'main.json')) }),
    parameters: (file) => ({ diagnostics: about(parameters, path.join(folders.clean, file)), output: built(path.join(folders.clean, file.replace(/\.bicepparam$/, '.json'))) }),
    withoutIds,
  };
}

test.describe('bicep', () => {
  let builds;
  test.before(async () => { builds = await buildAll(); });
  test.after(() => builds && fs.rmSync(builds.work, { recursive: true, force: true }));

  test.it('main.bicep builds with no error and no warning', () => {
    const { diagnostics, output } = builds.template('clean');
    assert.deepEqual(diagnostics, []);
    assert.ok(output, 'main.bicep did not build');
    const template = JSON.parse(output);
    assert.deepEqual(Object.keys(template.outputs).filter((o) => /^[A-Z_]+$/.test(o)), ['BOT_ID', 'APP_ID', 'DOMAIN']);
  });

  for (const file of PARAMETER_FILES) {
    test.it(`${file} builds with no error and no warning`, () => {
      const { diagnostics, output } = builds.parameters(file);
      assert.deepEqual(diagnostics, []);
      assert.ok(output, `${file} did not build`);
    });
  }

  test.it('each deployment mode has its parameter file; the multi-tenant one uses a bot type Azure still creates', () => {
    const modes = {};
    for (const file of PARAMETER_FILES) {
      const { parameters } = JSON.parse(builds.parameters(file).output);
      modes[file] = { tenancy: parameters.tenancyMode.value, bot: parameters.botAppType.value };
    }
    assert.deepEqual(modes['main.multitenant.bicepparam'], { tenancy: 'MultiTenant', bot: 'UserAssignedMSI' });
    assert.equal(modes['main.dev.bicepparam'].tenancy, 'SelfHosted');
    assert.equal(modes['main.prod.bicepparam'].tenancy, 'SelfHosted');
    assert.match(builds.template('clean').output, /Tenancy__Mode/);
  });

  test.it('a parameter file fails when the app registration ids are not given', () => {
    const { status, diagnostics } = builds.withoutIds;
    assert.equal(status, 1);
    assert.ok(diagnostics.some((d) => d.includes('GLUE_API_APP_ID')), diagnostics.join('\n'));
  });

  for (const [name, [file, , expected]] of Object.entries(MISTAKES)) {
    test.it(`fails on ${name} (in ${file})`, () => {
      const { diagnostics, output } = builds.template(name);
      assert.equal(output, undefined, 'the template built');
      assert.match(diagnostics.join('\n'), expected);
    });
  }
});
