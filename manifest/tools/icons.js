// The app icons, drawn in code so the committed PNGs can be regenerated and checked: three people (dots) held
// together by the work between them (lines). `node manifest/tools/icons.js` rewrites manifest/color.png,
// manifest/outline.png and the Outlook add-in's ribbon icons (src/web/public/addin/icon-16/32/80.png, served by the
// app under /addin/); the tests check that the committed files equal a fresh drawing.
const fs = require('fs');
const path = require('path');
const { PNG } = require('pngjs');

const ACCENT = [0x4f, 0x52, 0xb2]; // the manifest's accentColor, #4F52B2
const WHITE = [255, 255, 255];
const NODES = [[0.5, 0.24], [0.25, 0.7], [0.75, 0.7]]; // in units of the icon's size

// Distance from point p to the segment a-b.
function segmentDistance([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

// Whether a point (unit coordinates) is on the mark: a dot at each node, a line between each pair of nodes.
function onMark(p, dotRadius, lineHalfWidth) {
  if (NODES.some((n) => Math.hypot(p[0] - n[0], p[1] - n[1]) <= dotRadius)) return true;
  return NODES.some((a, i) => segmentDistance(p, a, NODES[(i + 1) % NODES.length]) <= lineHalfWidth);
}

// Share of a pixel covered by the mark, from a 4x4 grid of samples (anti-aliasing).
function coverage(x, y, size, dotRadius, lineHalfWidth) {
  let hits = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      if (onMark([(x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size], dotRadius, lineHalfWidth)) hits++;
    }
  }
  return hits / 16;
}

function draw(size, paint) {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = paint(x, y);
      png.data.set([r, g, b, a], (y * size + x) * 4);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

// Full colour, the white mark on the accent colour: 192x192 for Teams, 16/32/80 for Outlook's ribbon, where the
// small sizes need the bolder strokes of the outline icon to stay legible.
function colorIcon(size = 192) {
  const [dot, line] = size <= 32 ? [0.14, 0.05] : [0.11, 0.035];
  return draw(size, (x, y) => {
    const c = coverage(x, y, size, dot, line);
    return [...ACCENT.map((v, k) => Math.round(v + (WHITE[k] - v) * c)), 255];
  });
}

// 32x32 outline: white only, on transparent; coverage goes into the alpha channel.
function outlineIcon() {
  return draw(32, (x, y) => [...WHITE, Math.round(255 * coverage(x, y, 32, 0.14, 0.05))]);
}

const ADDIN_ICON_DIR = path.join(__dirname, '../../src/web/public/addin');
const ADDIN_ICON_SIZES = [16, 32, 80];
const addinIconFile = (size) => `icon-${size}.png`;

function writeIcons(dir) {
  fs.writeFileSync(path.join(dir, 'color.png'), colorIcon());
  fs.writeFileSync(path.join(dir, 'outline.png'), outlineIcon());
  fs.mkdirSync(ADDIN_ICON_DIR, { recursive: true });
  for (const size of ADDIN_ICON_SIZES) fs.writeFileSync(path.join(ADDIN_ICON_DIR, addinIconFile(size)), colorIcon(size));
}

module.exports = { colorIcon, outlineIcon, ACCENT, ADDIN_ICON_DIR, ADDIN_ICON_SIZES, addinIconFile };

if (require.main === module) {
  writeIcons(path.join(__dirname, '..'));
  console.log('wrote manifest/color.png, manifest/outline.png and src/web/public/addin/icon-{16,32,80}.png');
}
