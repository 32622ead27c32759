/** Reads tests/fixtures/gaming as a Windows machine: "D:\\SteamLibrary" is tests/fixtures/gaming/D/SteamLibrary. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LibraryFs } from '../../../electron/core/gaming/game-libraries';

export const GAMING_FIXTURE = path.resolve(__dirname, '../../fixtures/gaming');

/** The fixture file behind a Windows path; throws for anything that is not drive-absolute. */
export function fixturePath(windowsPath: string): string {
  const match = /^([A-Za-z]):\\?(.*)$/.exec(windowsPath);
  if (!match) throw new Error(`not a Windows path: ${windowsPath}`);
  return path.join(GAMING_FIXTURE, match[1]!.toUpperCase(), ...match[2]!.split('\\').filter(Boolean));
}

export const windowsDriveFs: LibraryFs = {
  readdir: (dir) => readdir(fixturePath(dir)),
  readFile: (file) => readFile(fixturePath(file), 'utf8'),
};
