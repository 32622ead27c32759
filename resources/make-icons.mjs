#!/usr/bin/env node
// Draws Loadout's tray and app icons (no image tools needed): three stacked "layers" (a loadout of
// models) with a status badge. Writes PNGs (zlib-deflated RGBA) and ICO containers (PNG entries)
// into resources/. Run: node resources/make-icons.mjs   (outputs are committed).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const STATES = ['idle', 'loading', 'busy', 'error'];
// One palette per background. Windows' taskbar is light or dark (SystemUsesLightTheme), so its ICOs come
// in both; each colour keeps >= 3:1 against the taskbars it is drawn for (tests/main/tray/icons.test.ts).
// Linux keeps the original light-on-dark palette (panels are mostly dark); macOS uses mono templates.
const PALETTES = {
  linux: { layers: [226, 232, 240], loading: [59, 130, 246], busy: [34, 197, 94], error: [239, 68, 68] },
  'on-dark': { layers: [226, 232, 240], loading: [96, 165, 250], busy: [74, 222, 128], error: [248, 113, 113] },
  'on-light': { layers: [30, 41, 59], loading: [29, 78, 216], busy: [21, 128, 61], error: [185, 28, 28] },
};
// 100 %, 125 %, 150 %, 200 %, 250 % and 300 % of the 16 px small icon.
const ICO_SIZES = [16, 20, 24, 32, 40, 48];

// ---- geometry in a 0..1 square: signed distances (negative inside) ---------------------------
function roundedBox(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

/** What covers (x, y): 'layer', 'badge', 'cut' (the ring around the badge), or null. */
function shapeAt(x, y, state) {
  const badge = state !== 'idle';
  const bx = 0.76,
    by = 0.76,
    br = 0.2;
  if (badge && circle(x, y, bx, by, br + 0.07) < 0) {
    if (state === 'loading') return Math.abs(circle(x, y, bx, by, br - 0.05)) < 0.06 ? 'badge' : 'cut';
    if (state === 'busy') return circle(x, y, bx, by, br) < 0 ? 'badge' : 'cut';
    // error: a filled disc with an exclamation mark cut out
    if (circle(x, y, bx, by, br) >= 0) return 'cut';
    const bar = roundedBox(x, y, bx, by - 0.045, 0.028, 0.085, 0.025) < 0;
    const dot = circle(x, y, bx, by + 0.115, 0.03) < 0;
    return bar || dot ? 'cut' : 'badge';
  }
  for (const cy of [0.24, 0.5, 0.76]) {
    const width = cy === 0.24 ? 0.36 : cy === 0.5 ? 0.4 : 0.44;
    if (roundedBox(x, y, 0.5, cy, width, 0.085, 0.06) < 0) return 'layer';
  }
  return null;
}

/** Rasterize one icon: RGBA bytes, 4×4 supersampling. `palette` null draws black with alpha (macOS template). */
function draw(size, state, palette) {
  const px = new Uint8Array(size * size * 4);
  const n = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let layer = 0,
        badge = 0;
      for (let sj = 0; sj < n; sj++) {
        for (let si = 0; si < n; si++) {
          const hit = shapeAt((i + (si + 0.5) / n) / size, (j + (sj + 0.5) / n) / size, state);
          if (hit === 'layer') layer++;
          else if (hit === 'badge') badge++;
        }
      }
      const total = n * n;
      const a = (layer + badge) / total;
      const o = (j * size + i) * 4;
      if (a === 0) continue;
      let rgb = [0, 0, 0];
      if (palette) {
        const lc = palette.layers,
          bc = palette[state] ?? lc;
        rgb = lc.map((c, k) => Math.round((c * layer + bc[k] * badge) / (layer + badge)));
      }
      px[o] = rgb[0];
      px[o + 1] = rgb[1];
      px[o + 2] = rgb[2];
      px[o + 3] = Math.round(a * 255);
    }
  }
  return px;
}

/** A frame behind the layers for the app icon (dark rounded square). */
function drawAppIcon(size) {
  const fg = draw(size, 'idle', PALETTES.linux);
  const px = new Uint8Array(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const o = (j * size + i) * 4;
      const x = (i + 0.5) / size,
        y = (j + 0.5) / size;
      const inside = roundedBox(x, y, 0.5, 0.5, 0.46, 0.46, 0.12) < 0;
      // the layers, shrunk into the frame
      const sx = Math.min(size - 1, Math.max(0, Math.floor(((x - 0.5) / 0.7 + 0.5) * size)));
      const sy = Math.min(size - 1, Math.max(0, Math.floor(((y - 0.5) / 0.7 + 0.5) * size)));
      const f = (sy * size + sx) * 4;
      const fa = fg[f + 3] / 255;
      if (!inside) continue;
      const bg = [30, 41, 59];
      for (let k = 0; k < 3; k++) px[o + k] = Math.round(bg[k] * (1 - fa) + fg[f + k] * fa);
      px[o + 3] = 255;
    }
  }
  return px;
}

// ---- PNG and ICO encoding --------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** Encode RGBA pixels as a PNG (8-bit RGBA, no filtering, zlib level 9). */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
/** An ICO holding PNG images (valid since Windows Vista), one per size. */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

// ---- outputs ---------------------------------------------------------------------------------
function write(rel, buf) {
  const file = path.join(here, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, buf);
  return rel;
}

const written = [];
for (const state of STATES) {
  written.push(write(`tray/tray-${state}.png`, encodePng(32, draw(32, state, PALETTES.linux))));
  written.push(write(`tray/tray-${state}Template.png`, encodePng(16, draw(16, state, null))));
  written.push(write(`tray/tray-${state}Template@2x.png`, encodePng(32, draw(32, state, null))));
  for (const taskbar of ['on-light', 'on-dark']) {
    const frames = ICO_SIZES.map((s) => ({ size: s, png: encodePng(s, draw(s, state, PALETTES[taskbar])) }));
    written.push(write(`tray/tray-${state}-${taskbar}.ico`, encodeIco(frames)));
  }
}
written.push(write('icon.png', encodePng(512, drawAppIcon(512))));
written.push(
  write(
    'icon.ico',
    encodeIco([16, 24, 32, 48, 64, 128, 256].map((s) => ({ size: s, png: encodePng(s, drawAppIcon(s)) }))),
  ),
);
console.log(`Wrote ${written.length} icons:\n  ${written.join('\n  ')}`);
