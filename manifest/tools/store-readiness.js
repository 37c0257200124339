// The Teams Store's machine-checkable rules (Microsoft's "Teams Store validation guidelines", MicrosoftDocs/msteams-docs,
// and the manifest reference) applied to a filled manifest and its icons. Each rule returns the problems it finds as
// sentences; an empty list means the package passes what a machine can tell. What only the running app can show (the
// privacy, terms and support pages answering, the welcome and help cards) is checked by
// tests/GlueTeams.App.Tests/Store/StoreReadinessTests.cs.
const fs = require('fs');
const path = require('path');
const { PNG } = require('pngjs');
const { checkIcon } = require('./app-package');

/** The pages the app serves (src/GlueTeams.App/Store/StoreLinks.cs) that the manifest's developer links must name. */
const APP_PAGES = { privacyUrl: '/privacy', termsOfUseUrl: '/terms', websiteUrl: '/support' };
/** Microsoft product names an app name must not use; and Teams' own features, which it must not be named after. */
const MICROSOFT_NAMES = ['Teams', 'Microsoft', 'Office', 'Outlook', 'Excel', 'PowerPoint', 'Word', 'OneDrive', 'SharePoint', 'OneNote', 'Azure', 'Surface', 'Xbox'];
const TEAMS_FEATURES = ['Chat', 'Contacts', 'Calendar', 'Calls', 'Files', 'Activity', 'Apps', 'Help'];
/** Tunnels and shared hosts the store refuses in validDomains. */
const TUNNELS = /(^|\.)(ngrok(-free)?\.(io|app|dev)|devtunnels\.ms|loca\.lt|trycloudflare\.com|localtunnel\.me|serveo\.net)$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What the long description must say the app depends on, besides each Graph permission. */
const DEPENDENCIES = [['work or school', 'the work or school account it needs'], ['Exchange Online', 'Exchange Online'], ['admin', 'the admin'], ['consent', 'admin consent']];

const word = (name) => new RegExp(`\\b${name}\\b`, 'i');
/** A name used as a word in any case, or as a capitalised part of a word ("GlueTeams"). */
const usesName = (name, text) => word(name).test(text) || text.includes(name);
const words = (text) => text.split(/\s+/).filter(Boolean).length;

/** The Graph application permissions the deployment guide grants (docs/DEPLOY.md, `az ad app permission add`). */
function grantedPermissions(deployGuide = fs.readFileSync(path.join(__dirname, '../../docs/DEPLOY.md'), 'utf8')) {
  return [...deployGuide.matchAll(/role_id ([A-Za-z.]+)\)=Role/g)].map((m) => m[1]);
}

function checkNames(m) {
  const problems = [];
  const { short = '', full = '' } = m.name ?? {};
  if (!short.trim()) problems.push('name.short is empty');
  if (short.length > 30) problems.push(`name.short is ${short.length} characters, at most 30`);
  if (full.length > 100) problems.push(`name.full is ${full.length} characters, at most 100`);
  if (full && full === short) problems.push('name.full must differ from name.short');
  for (const [key, value] of [['name.short', short], ['name.full', full], ['developer.name', m.developer?.name ?? '']]) {
    for (const name of MICROSOFT_NAMES.filter((n) => usesName(n, value))) problems.push(`${key} "${value}" uses the Microsoft name "${name}"`);
  }
  for (const name of TEAMS_FEATURES.filter((n) => usesName(n, short))) problems.push(`name.short "${short}" is named after the Teams feature "${name}"`);
  return problems;
}

function checkDescriptions(m, permissions) {
  const problems = [];
  const { short = '', full = '' } = m.description ?? {};
  if (!short.trim()) problems.push('description.short is empty');
  if (short.length > 80) problems.push(`description.short is ${short.length} characters, at most 80`);
  if (word('apps?').test(short)) problems.push('description.short uses the word "app"');
  if (full.length > 4000) problems.push(`description.full is ${full.length} characters, at most 4000`);
  if (words(full) > 500) problems.push(`description.full is ${words(full)} words, at most 500`);
  for (const [text, what] of DEPENDENCIES) {
    if (!full.toLowerCase().includes(text.toLowerCase())) problems.push(`description.full does not state ${what} ("${text}")`);
  }
  for (const permission of permissions) {
    if (!full.includes(permission)) problems.push(`description.full does not name the Graph permission ${permission}`);
  }
  const firstTeams = full.search(/\bTeams\b/);
  if (firstTeams >= 0 && !full.slice(0, firstTeams).endsWith('Microsoft ')) problems.push('description.full must first name Teams as "Microsoft Teams"');
  if (/\b(MS|MSFT)\b/.test(full)) problems.push('description.full abbreviates Microsoft');
  if (/Office 365/i.test(full)) problems.push('description.full says "Office 365" where the store wants "Microsoft 365"');
  const support = m.developer?.websiteUrl;
  if (support && !full.includes(support)) problems.push(`description.full has no support link (${support})`);
  return problems;
}

/** Every http(s) URL anywhere in the manifest. */
function urls(value, found = []) {
  if (typeof value === 'string' && /^https?:\/\//i.test(value)) found.push(value);
  else if (Array.isArray(value)) value.forEach((v) => urls(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => urls(v, found));
  return found;
}

function checkDomains(m) {
  const problems = [];
  const domains = m.validDomains ?? [];
  if (domains.length === 0) problems.push('validDomains is empty');
  for (const domain of domains) {
    if (domain.includes('*')) problems.push(`validDomains has a wildcard: ${domain}`);
    if (TUNNELS.test(domain)) problems.push(`validDomains has a tunnelling service: ${domain}`);
  }
  // The JSON schema's own link is not a page of the app.
  for (const url of urls({ ...m, $schema: undefined })) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:') problems.push(`${url} is not https`);
    else if (!domains.includes(parsed.host)) problems.push(`${url} is not on a valid domain`);
  }
  return problems;
}

function checkSso(m) {
  const info = m.webApplicationInfo;
  if (!info) return ['webApplicationInfo is missing (the tabs and the add-in sign in with Entra ID SSO)'];
  const problems = GUID.test(info.id ?? '') ? [] : [`webApplicationInfo.id "${info.id}" is not an app registration's client id`];
  const expected = (m.validDomains ?? []).map((d) => `api://${d}/${info.id}`);
  if (!expected.includes(info.resource)) problems.push(`webApplicationInfo.resource "${info.resource}" must be api://DOMAIN/CLIENT_ID on a valid domain`);
  return problems;
}

function checkBots(m) {
  return (m.bots ?? []).flatMap((bot, i) => {
    const lists = bot.commandLists ?? [];
    if (lists.length === 0) return [`bots/${i} lists no commands`];
    return lists.flatMap((list, j) => {
      const titles = list.commands.map((c) => c.title.toLowerCase());
      const problems = [];
      if (!titles.includes('help')) problems.push(`bots/${i}/commandLists/${j} has no "help" command`);
      if (titles.length > 10) problems.push(`bots/${i}/commandLists/${j} has ${titles.length} commands, at most 10`);
      if (new Set(titles).size !== titles.length) problems.push(`bots/${i}/commandLists/${j} repeats a command`);
      for (const c of list.commands.filter((c) => !c.description?.trim())) problems.push(`the command "${c.title}" has no description`);
      return problems;
    });
  });
}

function checkPages(m) {
  return Object.entries(APP_PAGES).flatMap(([key, page]) => {
    const url = m.developer?.[key];
    if (!url) return [`developer.${key} is missing`];
    const parsed = new URL(url);
    return parsed.pathname === page ? [] : [`developer.${key} ${url} must be the app's own ${page} page`];
  });
}

/** The colour icon's symbol must sit on a solid or fully transparent square: its four corners are one colour. */
function checkColorBackground(buffer) {
  let png;
  try {
    png = PNG.sync.read(buffer);
  } catch {
    return []; // checkIcon says it is not a PNG
  }
  const at = (x, y) => png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4).join(',');
  const corners = new Set([at(0, 0), at(png.width - 1, 0), at(0, png.height - 1), at(png.width - 1, png.height - 1)]);
  return corners.size === 1 ? [] : ['color.png has no solid or transparent background (its corners differ)'];
}

/** Every problem a store reviewer's machine would find in a filled manifest and its icons ({ color, outline } buffers). */
function checkStoreReadiness(manifest, icons, permissions = grantedPermissions()) {
  return [
    ...checkNames(manifest),
    ...checkDescriptions(manifest, permissions),
    ...checkIcon('color', icons.color),
    ...checkColorBackground(icons.color),
    ...checkIcon('outline', icons.outline),
    ...checkDomains(manifest),
    ...checkSso(manifest),
    ...checkBots(manifest),
    ...checkPages(manifest),
  ];
}

module.exports = { APP_PAGES, grantedPermissions, checkStoreReadiness };
