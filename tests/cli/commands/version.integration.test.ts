/**
 * `loadout --version` has one source, package.json: read from source under tsx, and stamped into the
 * bundle by `npm run build:cli`, so a bundle run far from any package.json still knows its version.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without types
import { buildCli } from '../../../scripts/build-cli.mjs';
import { runProcess, spawnLoadout } from '../../support/cli-harness';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const away = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-version-'));

afterAll(() => fs.rmSync(away, { recursive: true, force: true }));

describe('loadout --version', () => {
  it("prints package.json's version from source (tsx)", async () => {
    const result = await spawnLoadout(['--version'], { LOADOUT_HOME: path.join(away, 'home') });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${pkg.version}\n`);
  });

  it('prints it from the build:cli bundle, with no package.json above the bundle', async () => {
    // The build:cli build (scripts/build-cli.mjs), writing outside the checkout; node_modules linked
    // beside it for the external packages, so only the version could be missing there.
    const outfile = (await buildCli(path.join(away, 'cli'))) as string;
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(away, 'node_modules'), 'junction');
    const result = await runProcess(process.execPath, [outfile, '--version'], {
      cwd: away,
      env: { ...process.env, LOADOUT_HOME: path.join(away, 'home') },
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${pkg.version}\n`);
  });
});
