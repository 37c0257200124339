// Builds the Microsoft 365 app package: fills the manifest template from an env file, validates it offline against
// the official JSON schema bundled in @microsoft/app-manifest, checks the icons, and zips the three files.
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');
const JSZip = require('jszip');
const { PNG } = require('pngjs');

const MANIFEST_DIR = path.join(__dirname, '..');
const SCHEMA_DIR = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build/json-schemas/teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;
const ENV_RULES = {
  TEAMS_APP_ID: [GUID, 'a GUID'],
  BOT_ID: [GUID, 'a GUID'],
  APP_ID: [GUID, 'a GUID'],
  DOMAIN: [HOST, 'a host name without scheme, port or path, e.g. glue.contoso.com'],
};
const ICONS = { color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } };

/** KEY=VALUE lines; blank lines and # comments ignored; optional quotes around the value. */
function parseEnv(text) {
  const env = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new Error(`line ${i + 1}: expected KEY=VALUE, got "${line}"`);
    env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

/** Problems with the values the manifest needs: missing, empty, or not of the expected shape. */
function checkEnv(env) {
  return Object.entries(ENV_RULES).flatMap(([key, [pattern, what]]) => {
    if (!env[key]) return [`${key} is missing or empty`];
    return pattern.test(env[key]) ? [] : [`${key} must be ${what}: "${env[key]}"`];
  });
}

/** Replaces every ${{NAME}} in every string of the template; throws naming the placeholders left without a value. */
function fillManifest(template, env) {
  const unfilled = new Set();
  const fill = (value) => {
    if (typeof value === 'string') {
      return value.replace(PLACEHOLDER, (whole, name) => (env[name] ? env[name] : (unfilled.add(name), whole)));
    }
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  const filled = fill(template);
  if (unfilled.size) throw new Error(`placeholders without a value: ${[...unfilled].join(', ')}`);
  return filled;
}

function loadSchema(version) {
  const file = path.join(SCHEMA_DIR, `v${version}`, 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(file)) throw new Error(`no bundled schema for manifestVersion "${version}"`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const validators = new Map();
/** Schema errors (as "path message" lines) for a filled manifest, against the schema of its own manifestVersion. */
function validateManifest(manifest) {
  const version = manifest && manifest.manifestVersion;
  if (!validators.has(version)) {
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    addFormats(ajv, ['uri', 'email', 'regex']);
    validators.set(version, ajv.compile(loadSchema(version)));
  }
  const validate = validators.get(version);
  if (validate(manifest)) return [];
  return validate.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Problems with an icon file: not a PNG, wrong size, or (outline) a pixel that is neither white nor transparent. */
function checkIcon(kind, buffer) {
  const { file, size } = ICONS[kind];
  let png;
  try {
    png = PNG.sync.read(buffer);
  } catch (e) {
    return [`${file} is not a valid PNG (${e.message})`];
  }
  const problems = png.width === size && png.height === size ? [] : [`${file} is ${png.width}x${png.height}, must be ${size}x${size}`];
  if (kind === 'outline') {
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = png.data.subarray(i, i + 4);
      if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
        problems.push(`${file} has a pixel that is neither white nor transparent at ${(i / 4) % png.width},${Math.floor(i / 4 / png.width)}`);
        break;
      }
    }
  }
  return problems;
}

/** Fills, validates and zips; returns the zip as a Buffer or throws with every problem found. */
async function buildPackage(envText, manifestDir = MANIFEST_DIR) {
  const env = parseEnv(envText);
  const envProblems = checkEnv(env);
  if (envProblems.length) throw new Error(`the env file is not usable:\n  ${envProblems.join('\n  ')}`);
  const manifest = fillManifest(JSON.parse(fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8')), env);
  const icons = Object.fromEntries(Object.keys(ICONS).map((kind) => [kind, fs.readFileSync(path.join(manifestDir, ICONS[kind].file))]));
  const problems = [
    ...validateManifest(manifest),
    ...Object.entries(icons).flatMap(([kind, buffer]) => checkIcon(kind, buffer)),
  ];
  if (problems.length) throw new Error(`the app package is not valid:\n  ${problems.join('\n  ')}`);
  const zip = new JSZip();
  const date = new Date('1980-01-01T00:00:00Z'); // fixed, so the same inputs give the same bytes
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const kind of Object.keys(ICONS)) zip.file(ICONS[kind].file, icons[kind], { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

module.exports = { SCHEMA_DIR, parseEnv, checkEnv, fillManifest, validateManifest, checkIcon, buildPackage };
