// Compiles the Bicep templates offline with the linter rules of infra/bicepconfig.json, run by ./glue test.
// A clean build is the bar: any error or warning fails. Run alone: node --test infra/tools/
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { bicepPath } = require('./bicep-path');

const INFRA = path.join(__dirname, '..');
// The parameter files read the app registration ids from the environment, as in docs/DEPLOY.md.
const DEPLOY_ENV = {
  GLUE_API_APP_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  GLUE_BOT_APP_ID: '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9',
  GLUE_DOMAIN: 'glue.contoso.com',
};

// Runs the Bicep CLI; an env value of undefined removes that variable.
function bicep(verb, file, env = DEPLOY_ENV) {
  const merged = Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined);
  const result = spawnSync(bicepPath(), [verb, file, '--stdout'], {
    encoding: 'utf8',
    env: Object.fromEntries(merged),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  const diagnostics = result.stderr.split('\n').filter((l) => / : (Error|Warning) /.test(l));
  return { status: result.status, diagnostics, output: result.stdout };
}

test.describe('bicep', { concurrency: 2 }, () => {
  test.it('main.bicep builds with no error and no warning', () => {
    const { status, diagnostics, output } = bicep('build', path.join(INFRA, 'main.bicep'));
    assert.deepEqual(diagnostics, []);
    assert.equal(status, 0);
    const template = JSON.parse(output);
    assert.deepEqual(Object.keys(template.outputs).filter((o) => /^[A-Z_]+$/.test(o)), ['BOT_ID', 'APP_ID', 'DOMAIN']);
  });

  for (const file of fs.readdirSync(INFRA).filter((f) => f.endsWith('.bicepparam'))) {
    test.it(`${file} builds with no error and no warning`, () => {
      const { status, diagnostics } = bicep('build-params', path.join(INFRA, file));
      assert.deepEqual(diagnostics, []);
      assert.equal(status, 0);
    });
  }

  test.it('each deployment mode has its parameter file; the multi-tenant one uses a bot type Azure still creates', () => {
    const modes = {};
    for (const file of fs.readdirSync(INFRA).filter((f) => f.endsWith('.bicepparam'))) {
      const { output } = bicep('build-params', path.join(INFRA, file));
      const parameters = JSON.parse(JSON.parse(output).parametersJson).parameters;
      modes[file] = { tenancy: parameters.tenancyMode.value, bot: parameters.botAppType.value };
    }
    assert.deepEqual(modes['main.multitenant.bicepparam'], { tenancy: 'MultiTenant', bot: 'UserAssignedMSI' });
    assert.equal(modes['main.dev.bicepparam'].tenancy, 'SelfHosted');
    assert.equal(modes['main.prod.bicepparam'].tenancy, 'SelfHosted');
    const template = bicep('build', path.join(INFRA, 'main.bicep')).output;
    assert.match(template, /Tenancy__Mode/);
  });

  test.it('a parameter file fails when the app registration ids are not given', () => {
    const { status, diagnostics } = bicep('build-params', path.join(INFRA, 'main.dev.bicepparam'), { GLUE_API_APP_ID: undefined, GLUE_BOT_APP_ID: undefined });
    assert.equal(status, 1);
    assert.ok(diagnostics.some((d) => d.includes('GLUE_API_APP_ID')), diagnostics.join('\n'));
  });

  // Copies of the templates with one mistake each: the linter rules we made errors must fail the build.
  const mistakes = {
    'an unused parameter': ['main.bicep', "\nparam forgotten string\n", /Error no-unused-params/],
    'a secret in an output': ['modules/storage.bicep', "\noutput accountKey string = account.listKeys().keys[0].value\n", /Error outputs-should-not-contain-secrets/],
    'a hard-coded cloud URL': ['modules/web.bicep', "\noutput portal string = 'https://management.azure.com/'\n", /Error no-hardcoded-env-urls/],
  };
  for (const [name, [file, addition, expected]] of Object.entries(mistakes)) {
    test.it(`fails on ${name}`, (t) => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'glue-bicep-'));
      t.after(() => fs.rmSync(copy, { recursive: true, force: true }));
      fs.cpSync(INFRA, copy, { recursive: true, filter: (src) => !src.includes(`${path.sep}tools`) });
      fs.appendFileSync(path.join(copy, file), addition);
      const { status, diagnostics } = bicep('build', path.join(copy, 'main.bicep'));
      assert.equal(status, 1);
      assert.match(diagnostics.join('\n'), expected);
    });
  }
});
