import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trayIconPath } from '../../../electron/main/tray/tray-icons';

const resources = path.resolve(__dirname, '../../../resources');

function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(buf.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('tray and app icons', () => {
  for (const state of ['idle', 'loading', 'busy', 'error'] as const) {
    it(`has the ${state} icon for every platform`, () => {
      expect(pngSize(trayIconPath(resources, state, 'linux'))).toEqual({ width: 32, height: 32 });
      const mac = trayIconPath(resources, state, 'darwin');
      expect(path.basename(mac)).toBe(`tray-${state}Template.png`);
      expect(pngSize(mac)).toEqual({ width: 16, height: 16 });
      expect(pngSize(mac.replace('.png', '@2x.png'))).toEqual({ width: 32, height: 32 });
      const ico = fs.readFileSync(trayIconPath(resources, state, 'win32'));
      expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 4]);
      expect([...Array(4).keys()].map((i) => ico[6 + i * 16])).toEqual([16, 24, 32, 48]);
    });
  }

  it('has the app icon for the installers (512 px PNG, ICO up to 256 px)', () => {
    expect(pngSize(path.join(resources, 'icon.png'))).toEqual({ width: 512, height: 512 });
    const ico = fs.readFileSync(path.join(resources, 'icon.ico'));
    const count = ico.readUInt16LE(4);
    expect(ico[6 + (count - 1) * 16]).toBe(0); // 0 means 256 px
  });
});
