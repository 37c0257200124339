// The store-readiness check run by ./glue test: the committed manifest and icons pass every machine-checkable rule of
// Microsoft's Teams Store validation guidelines, and each rule fails on the regression it guards against.
// Run alone: node --test manifest/tools/
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { PNG } = require('pngjs');
const pkg = require('./app-package');
const icons = require('./icons');
const { checkStoreReadiness, grantedPermissions } = require('./store-readiness');

const MANIFEST_DIR = path.join(__dirname, '..');
const EXAMPLE_ENV = pkg.parseEnv(fs.readFileSync(path.join(MANIFEST_DIR, 'env/dev.env.example'), 'utf8'));
const filled = () => pkg.fillManifest(JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8')), EXAMPLE_ENV);
const committedIcons = () => ({ color: fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')), outline: fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png')) });

/** An icon with one pixel changed: a corner of the colour icon, or a coloured dot in the outline. */
function withPixel(buffer, x, y, rgba) {
  const png = PNG.sync.read(buffer);
  png.data.set(rgba, (y * png.width + x) * 4);
  return PNG.sync.write(png);
}

test.describe('store readiness', () => {
  test.it('the committed manifest, filled with the example env, and the icons pass every rule', () => {
    assert.deepEqual(checkStoreReadiness(filled(), committedIcons()), []);
  });

  test.it('reads the Graph permissions the deployment guide grants, which the description must name', () => {
    assert.deepEqual(grantedPermissions(), ['Calendars.ReadBasic.All', 'User.Read.All', 'MailboxSettings.Read', 'Files.ReadWrite.All']);
    assert.deepEqual(grantedPermissions('no permissions here'), []);
  });

  // Each planted regression: what is broken, and the problem the check must name.
  const regressions = {
    'a short name with "Teams"': [(m) => { m.name.short = 'GlueTeams'; }, /name.short "GlueTeams" uses the Microsoft name "Teams"/],
    'a full name with "Teams"': [(m) => { m.name.full = 'Glueprint for Teams'; }, /name.full .* "Teams"/],
    'a developer name with "Microsoft"': [(m) => { m.developer.name = 'Microsoft Glue'; }, /developer.name .* "Microsoft"/],
    'a short name of 31 characters': [(m) => { m.name.short = 'G'.repeat(31); }, /name.short is 31 characters, at most 30/],
    'a full name of 101 characters': [(m) => { m.name.full = 'G'.repeat(101); }, /name.full is 101 characters, at most 100/],
    'a full name equal to the short one': [(m) => { m.name.full = m.name.short; }, /name.full must differ/],
    'a name after a Teams feature': [(m) => { m.name.short = 'Glue Calendar'; }, /Teams feature "Calendar"/],
    'a short description of 81 characters': [(m) => { m.description.short = 'x'.repeat(81); }, /description.short is 81 characters, at most 80/],
    'a short description saying "app"': [(m) => { m.description.short = 'The app that makes glue work visible.'; }, /uses the word "app"/],
    'a long description of 4001 characters': [(m) => { m.description.full += 'x'.repeat(4001); }, /description.full is \d+ characters, at most 4000/],
    'a long description of 501 words': [(m) => { m.description.full += ' word'.repeat(501); }, /description.full is \d+ words, at most 500/],
    'a description that hides Exchange Online': [(m) => { m.description.full = m.description.full.replaceAll('Exchange Online', 'Exchange'); }, /does not state Exchange Online/],
    'a description that hides admin consent': [(m) => { m.description.full = m.description.full.replaceAll('consent', 'approval'); }, /does not state admin consent/],
    'a description without a Graph permission': [(m) => { m.description.full = m.description.full.replaceAll('MailboxSettings.Read', 'mailbox settings'); }, /does not name the Graph permission MailboxSettings.Read/],
    'a description saying "Teams" before "Microsoft Teams"': [(m) => { m.description.full = `Teams glue. ${m.description.full}`; }, /first name Teams as "Microsoft Teams"/],
    'a description without its support link': [(m) => { m.description.full = m.description.full.replace(/Support: \S+/, ''); }, /has no support link/],
    'a wildcard domain': [(m) => { m.validDomains.push('*.contoso.com'); }, /wildcard: \*\.contoso\.com/],
    'a tunnel domain': [(m) => { m.validDomains.push('glue.ngrok.io'); }, /tunnelling service: glue\.ngrok\.io/],
    'a tab on a domain not declared': [(m) => { m.staticTabs[1].contentUrl = 'https://elsewhere.example.com/tab'; }, /elsewhere\.example\.com\/tab is not on a valid domain/],
    'a page over http': [(m) => { m.developer.termsOfUseUrl = m.developer.termsOfUseUrl.replace('https:', 'http:'); }, /\/terms is not https/],
    'no webApplicationInfo': [(m) => { delete m.webApplicationInfo; }, /webApplicationInfo is missing/],
    'an SSO resource on another domain': [(m) => { m.webApplicationInfo.resource = `api://other.example.com/${m.webApplicationInfo.id}`; }, /resource .* must be api:\/\/DOMAIN\/CLIENT_ID/],
    'no help command': [(m) => { m.bots[0].commandLists[0].commands = m.bots[0].commandLists[0].commands.filter((c) => c.title !== 'help'); }, /has no "help" command/],
    'eleven commands': [(m) => { for (let i = 0; i < 6; i++) m.bots[0].commandLists[0].commands.push({ title: `c${i}`, description: 'd' }); }, /has 11 commands, at most 10/],
    'no privacy URL': [(m) => { delete m.developer.privacyUrl; }, /developer.privacyUrl is missing/],
    'a privacy URL the app does not serve': [(m) => { m.developer.privacyUrl += '-policy'; }, /must be the app's own \/privacy page/],
  };
  for (const [name, [breakIt, problem]] of Object.entries(regressions)) {
    test.it(`fails with ${name}`, () => {
      const m = filled();
      breakIt(m);
      assert.match(checkStoreReadiness(m, committedIcons()).join('\n'), problem);
    });
  }

  const iconRegressions = {
    'an outline icon with a coloured pixel': [(i) => ({ ...i, outline: withPixel(i.outline, 3, 3, [255, 0, 0, 255]) }), /outline.png has a pixel that is neither white nor transparent at 3,3/],
    'a colour icon of the wrong size': [(i) => ({ ...i, color: icons.colorIcon(80) }), /color.png is 80x80, must be 192x192/],
    'a colour icon without a solid background': [(i) => ({ ...i, color: withPixel(i.color, 0, 0, [0, 0, 0, 0]) }), /no solid or transparent background/],
  };
  for (const [name, [breakIt, problem]] of Object.entries(iconRegressions)) {
    test.it(`fails with ${name}`, () => {
      assert.match(checkStoreReadiness(filled(), breakIt(committedIcons())).join('\n'), problem);
    });
  }
});
