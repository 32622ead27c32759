/**
 * A preset exported on Windows must import back however the shell saved it: PowerShell 5.1's `>` writes
 * UTF-16LE with a BOM, Notepad may write a UTF-8 BOM, `--output` writes plain UTF-8. Real bytes, real CLI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetsCommand } from '../../../electron/cli/commands/presets';
import { runLoadout, spawnLoadout } from '../../support/cli-harness';

let home: string;
const env = () => ({ LOADOUT_HOME: home, LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9', LOADOUT_NVML: 'off' });
const presets = (...argv: string[]) => runLoadout([presetsCommand], ['presets', ...argv], env());
const file = (name: string, bytes: Buffer) => {
  const p = path.join(home, name);
  fs.writeFileSync(p, bytes);
  return p;
};
/** What Windows PowerShell 5.1 writes for `loadout presets export dev > dev.json`: a BOM, UTF-16LE, CRLF lines. */
const powershellRedirect = (stdout: string) =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(stdout.replace(/\n/g, '\r\n'), 'utf16le')]);

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-presets-enc-'));
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

// Spawned CLI processes take seconds on a busy machine: generous timeouts, no timing assertions.
describe('presets export / import across encodings (black box)', { timeout: 120_000 }, () => {
  it('imports back a PowerShell-redirected export (UTF-16LE with a BOM)', async () => {
    const exported = await spawnLoadout(['presets', 'export', 'dev'], env());
    expect(exported.code, exported.stderr).toBe(0);
    const redirected = file(
      'dev-ps.json',
      powershellRedirect(exported.stdout.replace('"id": "dev"', '"id": "dev-ps"')),
    );
    expect([...fs.readFileSync(redirected).subarray(0, 4)]).toEqual([0xff, 0xfe, 0x7b, 0x00]);
    const imported = await spawnLoadout(['presets', 'import', redirected], env());
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe('Imported 1 preset(s): dev-ps.\n');
    const list = JSON.parse((await presets('--json')).stdout) as {
      presets: Array<{ id: string; name: string; models: unknown[] }>;
    };
    const dev = list.presets.find((p) => p.id === 'dev')!;
    expect(list.presets.find((p) => p.id === 'dev-ps')).toEqual({ ...dev, id: 'dev-ps', builtIn: false });
  });

  it('writes --output as UTF-8 without a BOM, the same document stdout gets', async () => {
    const out = path.join(home, 'dev-out.json');
    const written = await presets('export', 'dev', '--output', out);
    expect(written).toEqual({ code: 0, stdout: '', stderr: `Wrote ${out} (UTF-8).\n` });
    const bytes = fs.readFileSync(out);
    expect(bytes[0]).toBe(0x7b);
    expect(bytes.toString('utf8')).toBe((await presets('export', 'dev')).stdout);
  });

  it('imports UTF-8 with a BOM and UTF-16BE with a BOM', async () => {
    const json = (await presets('export', 'light')).stdout;
    const utf8Bom = file(
      'light-8.json',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(json.replace('"id": "light"', '"id": "light-8"'), 'utf8'),
      ]),
    );
    const be = file(
      'light-be.json',
      Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        Buffer.from(json.replace('"id": "light"', '"id": "light-be"'), 'utf16le').swap16(),
      ]),
    );
    expect(await presets('import', utf8Bom)).toMatchObject({ code: 0, stdout: 'Imported 1 preset(s): light-8.\n' });
    expect(await presets('import', be)).toMatchObject({ code: 0, stdout: 'Imported 1 preset(s): light-be.\n' });
  });

  it('refuses bytes that are not text, says how to save them, and changes nothing', async () => {
    const before = (await presets('--json')).stdout;
    const latin1 = file('latin1.json', Buffer.from('[{"id":"x","name":"C\xf3digo","models":[]}]', 'latin1'));
    const refused = await presets('import', latin1);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `loadout presets: ${latin1} was not imported (nothing changed): it is not valid UTF-8 text. Save it as UTF-8 (or UTF-16 with a byte-order mark) and try again.\n`,
    );
    expect((await presets('--json')).stdout).toBe(before);
  });

  it('says why --output could not be written, and exits 1', async () => {
    const missing = path.join(home, 'no-such-folder', 'dev.json');
    const r = await presets('export', 'dev', '--output', missing);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `loadout presets: could not write ${missing} (ENOENT); nothing was written. Check that its folder exists`,
    );
  });
});
