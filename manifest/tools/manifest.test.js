// The app package checks run by ./glue test: the manifest against the official schema, the icons, the env file
// rules and the zip. Run alone: node --test manifest/tools/
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const JSZip = require('jszip');
const { PNG } = require('pngjs');
const pkg = require('./app-package');
const icons = require('./icons');

const MANIFEST_DIR = path.join(__dirname, '..');
const EXAMPLE_ENV = fs.readFileSync(path.join(MANIFEST_DIR, 'env/dev.env.example'), 'utf8');
const template = () => JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8'));
const filled = () => pkg.fillManifest(template(), pkg.parseEnv(EXAMPLE_ENV));
const withEnv = (key, value) => EXAMPLE_ENV.replace(new RegExp(`^${key}=.*$`, 'm'), `${key}=${value}`);

test.describe('manifest', () => {
  test.it('filled with the example env, validates against the official schema', () => {
    assert.deepEqual(pkg.validateManifest(filled()), []);
  });

  test.it('is on the newest bundled schema that carries bots, static tabs, SSO and Outlook extensions', () => {
    const versions = fs.readdirSync(pkg.SCHEMA_DIR)
      .map((d) => /^v(\d+)\.(\d+)$/.exec(d)).filter(Boolean)
      .filter((m) => {
        const { properties } = JSON.parse(fs.readFileSync(path.join(pkg.SCHEMA_DIR, m[0], 'MicrosoftTeams.schema.json'), 'utf8'));
        return ['bots', 'staticTabs', 'webApplicationInfo', 'extensions'].every((p) => p in properties);
      })
      .sort((a, b) => a[1] - b[1] || a[2] - b[2]);
    assert.equal(template().manifestVersion, `${versions.at(-1)[1]}.${versions.at(-1)[2]}`);
  });

  test.it('declares the bot, the tabs, SSO and the Outlook meeting add-in on the configured domain', () => {
    const m = filled();
    const env = pkg.parseEnv(EXAMPLE_ENV);
    assert.equal(m.bots[0].botId, env.BOT_ID);
    assert.deepEqual(m.bots[0].scopes, ['personal']);
    assert.deepEqual(m.bots[0].commandLists[0].commands.map((c) => c.title), ['help', 'this week', 'summary', 'settings', 'delete my data']);
    assert.ok(m.bots[0].commandLists[0].commands.every((c) => c.description));
    const tabs = Object.fromEntries(m.staticTabs.filter((t) => t.name).map((t) => [t.name, t.contentUrl]));
    assert.deepEqual(tabs, { 'My glue work': `https://${env.DOMAIN}/tab/me`, 'Team review': `https://${env.DOMAIN}/tab/team` });
    assert.deepEqual(m.webApplicationInfo, { id: env.APP_ID, resource: `api://${env.DOMAIN}/${env.APP_ID}` });
    assert.deepEqual(m.validDomains, [env.DOMAIN]);
    const [ext] = m.extensions;
    // Mailbox 1.3 (convertToRestId, saveAsync) everywhere the add-in is declared; categories (1.8) are looked for at
    // run time, so that an older Outlook still saves tags and says why it sets no category.
    for (const where of [ext, ...ext.runtimes, ...ext.ribbons]) {
      assert.deepEqual(where.requirements.capabilities, [{ name: 'Mailbox', minVersion: '1.3' }]);
    }
    // The master category list needs the read/write mailbox permission.
    assert.deepEqual(m.authorization.permissions.resourceSpecific, [{ name: 'Mailbox.ReadWrite.User', type: 'Delegated' }]);
    assert.deepEqual(ext.ribbons[0].contexts, ['meetingDetailsOrganizer', 'meetingDetailsAttendee']);
    const button = ext.ribbons[0].tabs[0].groups[0].controls[0];
    assert.equal(button.label, 'Tag glue work');
    const runtime = ext.runtimes.find((r) => r.actions.some((a) => a.id === button.actionId && a.type === 'openPage'));
    assert.equal(runtime.code.page, `https://${env.DOMAIN}/addin/taskpane`);
    assert.equal(m.accentColor, `#${icons.ACCENT.map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase());
  });

  const broken = {
    'a bot without its id': [(m) => delete m.bots[0].botId, /\/bots\/0 must have required property 'botId'/],
    'a value of the wrong type': [(m) => { m.bots[0].scopes = 'personal'; }, /\/bots\/0\/scopes must be array/],
    'an unknown property': [(m) => { m.staticTabs[1].colour = 'blue'; }, /\/staticTabs\/1 must NOT have additional properties.*colour/],
    'a ribbon context Outlook does not have': [(m) => { m.extensions[0].ribbons[0].contexts = ['calendarRead']; }, /contexts\/0 must be equal to one of the allowed values/],
  };
  for (const [name, [breakIt, error]] of Object.entries(broken)) {
    test.it(`with ${name}, is rejected by the schema`, () => {
      const m = filled();
      breakIt(m);
      assert.match(pkg.validateManifest(m).join('\n'), error);
    });
  }
});

test.describe('icons', () => {
  const read = (file) => fs.readFileSync(path.join(MANIFEST_DIR, file));

  test.it('are valid PNGs of the right sizes, the outline white on transparent', () => {
    assert.deepEqual(pkg.checkIcon('color', read('color.png')), []);
    assert.deepEqual(pkg.checkIcon('outline', read('outline.png')), []);
    const outline = PNG.sync.read(read('outline.png'));
    assert.ok(outline.data.some((v, i) => i % 4 === 3 && v === 0), 'the outline has transparent pixels');
    assert.ok(outline.data.some((v, i) => i % 4 === 3 && v === 255), 'the outline has opaque white pixels');
  });

  test.it('are what the generator draws (regenerate with node manifest/tools/icons.js)', () => {
    assert.ok(read('color.png').equals(icons.colorIcon()));
    assert.ok(read('outline.png').equals(icons.outlineIcon()));
  });

  test.it('include every ribbon icon the manifest names, served by the app from src/web/public/addin/', () => {
    const urls = new Set(JSON.stringify(template()).match(/https:\/\/\$\{\{DOMAIN\}\}\/addin\/[^"]+\.png/g));
    const sizes = icons.ADDIN_ICON_SIZES.map((size) => [size, `https://\${{DOMAIN}}/addin/${icons.addinIconFile(size)}`]);
    assert.deepEqual([...urls].sort(), sizes.map(([, url]) => url).sort());
    for (const [size] of sizes) {
      const file = fs.readFileSync(path.join(icons.ADDIN_ICON_DIR, icons.addinIconFile(size)));
      const png = PNG.sync.read(file);
      assert.deepEqual([png.width, png.height], [size, size]);
      assert.ok(file.equals(icons.colorIcon(size)), `${icons.addinIconFile(size)} is what the generator draws`);
    }
  });

  test.it('are refused when not PNG, of the wrong size, or an outline with colour', () => {
    assert.match(pkg.checkIcon('color', Buffer.from('GIF89a')).join(), /not a valid PNG/);
    assert.match(pkg.checkIcon('outline', icons.colorIcon()).join(), /192x192, must be 32x32/);
    const png = PNG.sync.read(icons.outlineIcon());
    png.data.set([255, 0, 0, 255], 0);
    assert.match(pkg.checkIcon('outline', PNG.sync.write(png)).join(), /neither white nor transparent at 0,0/);
  });
});

test.describe('env file', () => {
  const refusals = {
    'a missing value': [EXAMPLE_ENV.replace(/^BOT_ID=.*\n/m, ''), /BOT_ID is missing/],
    'an empty value': [withEnv('APP_ID', ''), /APP_ID is missing/],
    'an id that is not a GUID': [withEnv('APP_ID', 'glueteams-api'), /APP_ID must be a GUID/],
    'a domain with a scheme': [withEnv('DOMAIN', 'https://glue.contoso.com'), /DOMAIN must be a host name/],
    'a domain with a path': [withEnv('DOMAIN', 'glue.contoso.com/app'), /DOMAIN must be a host name/],
    'a line that is not KEY=VALUE': [`${EXAMPLE_ENV}\nDOMAIN glue.contoso.com\n`, /expected KEY=VALUE/],
  };
  for (const [name, [text, message]] of Object.entries(refusals)) {
    test.it(`with ${name}, is refused before anything is written`, async () => {
      await assert.rejects(pkg.buildPackage(text), message);
    });
  }

  test.it('leaves no placeholder unfilled', () => {
    assert.throws(() => pkg.fillManifest({ a: ['x ${{BOT_ID}}', { b: '${{API_SECRET}}' }] }, { BOT_ID: '1' }), /placeholders without a value: API_SECRET/);
    assert.doesNotMatch(JSON.stringify(filled()), /\$\{\{/);
  });
});

test.describe('package', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glue-package-'));
  test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const run = (envFile, out) => spawnSync(process.execPath, [path.join(__dirname, 'package.js'), '--env', envFile, '--out', out], { encoding: 'utf8' });

  test.it('writes a zip with exactly manifest.json and the two icons at its root', async () => {
    const out = path.join(tmp, 'appPackage.zip');
    const result = run(path.join(MANIFEST_DIR, 'env/dev.env.example'), out);
    assert.equal(result.status, 0, result.stderr);
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json').async('string'));
    assert.deepEqual(pkg.validateManifest(manifest), []);
    assert.ok((await zip.file('outline.png').async('nodebuffer')).equals(fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png'))));
  });

  test.it('exits non-zero and writes nothing for an env with an invalid value', () => {
    const envFile = path.join(tmp, 'bad.env');
    const out = path.join(tmp, 'bad.zip');
    fs.writeFileSync(envFile, withEnv('BOT_ID', 'not-a-guid'));
    const result = run(envFile, out);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /BOT_ID must be a GUID/);
    assert.equal(fs.existsSync(out), false);
  });
});
