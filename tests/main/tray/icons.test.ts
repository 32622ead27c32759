import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { trayIconPath } from '../../../electron/main/tray/tray-icons';

const resources = path.resolve(__dirname, '../../../resources');
const STATES = ['idle', 'loading', 'busy', 'error'] as const;

function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(buf.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** The frames of an ICO whose entries are PNGs: the size its directory states and the decoded pixels. */
function icoFrames(file: string): Array<{ size: number; png: PNG }> {
  const ico = fs.readFileSync(file);
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const entry = 6 + i * 16;
    const bytes = ico.subarray(
      ico.readUInt32LE(entry + 12),
      ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8),
    );
    return { size: ico[entry] || 256, png: PNG.sync.read(bytes) };
  });
}

/** WCAG relative luminance of an sRGB colour (0..255 channels). */
function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}
function contrast(a: number[], b: number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
const hex = (h: string) => [0, 2, 4].map((i) => Number.parseInt(h.slice(i + 1, i + 3), 16));

/**
 * Windows 11 paints the taskbar with acrylic over the wallpaper. Its plain colours: Mica's base
 * (#F3F3F3 light, #202020 dark) and the opaque taskbar with transparency effects off (about #EEEEEE
 * and #1C1C1C); plus the extremes of a bright or dark wallpaper showing through (white, #2C2C2C).
 */
const TASKBARS = {
  light: ['#F3F3F3', '#EEEEEE', '#FFFFFF'],
  dark: ['#202020', '#1C1C1C', '#2C2C2C'],
} as const;

/** Pixels at least 75 % opaque: the glyph's body (antialiased edges are not what makes it visible). */
const SOLID = 192;

/** The lowest contrast of the icon's solid pixels, composited over the taskbar, against that taskbar; and how much of the frame they cover. */
function measure(png: PNG, taskbar: number[]) {
  let worst = Infinity;
  let solid = 0;
  let badgeSolid = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const o = (y * png.width + x) * 4;
      const a = png.data[o + 3]! / 255;
      if (png.data[o + 3]! < SOLID) continue;
      const over = [0, 1, 2].map((k) => png.data[o + k]! * a + taskbar[k]! * (1 - a));
      worst = Math.min(worst, contrast(over, taskbar));
      solid++;
      if (x >= png.width * 0.6 && y >= png.height * 0.6) badgeSolid++;
    }
  }
  return { worst, coverage: solid / (png.width * png.height), badgeSolid };
}

describe('tray and app icons', () => {
  for (const state of STATES) {
    it(`has the ${state} icon for every platform`, () => {
      expect(pngSize(trayIconPath(resources, state, 'linux'))).toEqual({ width: 32, height: 32 });
      const mac = trayIconPath(resources, state, 'darwin');
      expect(path.basename(mac)).toBe(`tray-${state}Template.png`);
      expect(pngSize(mac)).toEqual({ width: 16, height: 16 });
      expect(pngSize(mac.replace('.png', '@2x.png'))).toEqual({ width: 32, height: 32 });
      for (const taskbar of ['light', 'dark'] as const) {
        const frames = icoFrames(trayIconPath(resources, state, 'win32', taskbar));
        // 100, 125, 150, 200, 250 and 300 % of the 16 px small icon.
        expect(frames.map((f) => f.size)).toEqual([16, 20, 24, 32, 40, 48]);
        for (const f of frames) expect([f.png.width, f.png.height]).toEqual([f.size, f.size]);
      }
    });

    for (const taskbar of ['light', 'dark'] as const) {
      it(`shows the ${state} icon at 3:1 or more on a ${taskbar} Windows taskbar, in every frame`, () => {
        for (const { size, png } of icoFrames(trayIconPath(resources, state, 'win32', taskbar))) {
          for (const colour of TASKBARS[taskbar]) {
            const { worst, coverage, badgeSolid } = measure(png, hex(colour));
            expect(worst, `${size} px on ${colour}`).toBeGreaterThanOrEqual(3);
            // Something solid to see: the layers, and the state's badge in the lower right.
            expect(coverage, `${size} px`).toBeGreaterThan(0.15);
            if (state !== 'idle') expect(badgeSolid, `${size} px badge`).toBeGreaterThan(0);
          }
        }
      });
    }
  }

  it('keeps macOS template icons black with alpha, so the menu bar tints them', () => {
    for (const state of STATES) {
      const png = PNG.sync.read(fs.readFileSync(trayIconPath(resources, state, 'darwin')));
      for (let o = 0; o < png.data.length; o += 4)
        expect([png.data[o], png.data[o + 1], png.data[o + 2]]).toEqual([0, 0, 0]);
    }
  });

  it('has the app icon for the installers (512 px PNG, ICO up to 256 px)', () => {
    expect(pngSize(path.join(resources, 'icon.png'))).toEqual({ width: 512, height: 512 });
    const ico = fs.readFileSync(path.join(resources, 'icon.ico'));
    const count = ico.readUInt16LE(4);
    expect(ico[6 + (count - 1) * 16]).toBe(0); // 0 means 256 px
  });
});
