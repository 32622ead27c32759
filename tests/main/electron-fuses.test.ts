/**
 * The packaged binary's Electron fuses (security checklist #19), read by electron-builder's own config
 * loader and schema check, so a typo or an option electron-builder ignores fails here, not in a release.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// electron-builder's config loader lives in app-builder-lib, its engine (not re-exported by electron-builder).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';

const ROOT = path.resolve(__dirname, '../..');

/** Source files of the app (what ships) that could start the Electron binary as Node. */
function shippedSources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mts|cts|js|mjs|cjs)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('Electron fuses', () => {
  it('electron-builder.yml flips every hardening fuse and electron-builder accepts it', async () => {
    const config = await getConfig(ROOT, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('nothing in the app runs the Electron binary as Node (runAsNode is off)', () => {
    const offenders = [...shippedSources(path.join(ROOT, 'electron')), ...shippedSources(path.join(ROOT, 'bin'))]
      .filter((file) =>
        /ELECTRON_RUN_AS_NODE|child_process['"][^;]*\bfork\b|\.fork\(/.test(fs.readFileSync(file, 'utf8')),
      )
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
