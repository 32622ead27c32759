/**
 * config.json rewritten by hand under a running `loadout serve` (a real process): it keeps serving with
 * the last good settings and reports each problem once, by field path, on stderr and to the UI.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiSocket } from '../support/server-harness';

const root = path.resolve(__dirname, '../..');
const homes: string[] = [];
const children: Array<{ kill(signal: NodeJS.Signals): unknown }> = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
});

/** Poll `check` until it holds (a condition, not a time, decides the test; vitest's timeout is the bound). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 25));
}

describe('a hand-edited config.json under a running loadout serve', () => {
  it('keeps serving with the last good settings and names each problem once', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-serve-edit-'));
    homes.push(home);
    const file = path.join(home, 'config.json');
    const good = JSON.stringify({ schemaVersion: 1, energy: { tariff: 0.5, gapLimitSeconds: 5 } }, null, 2);
    fs.writeFileSync(file, good);
    // Node itself with tsx as a loader, not the tsx wrapper: a kill of the wrapper would leave the server running.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/main.ts', 'serve', '--port', '0', '--renderer', path.join(home, 'none')],
      {
        cwd: root,
        env: {
          ...process.env,
          LOADOUT_HOME: home,
          LOADOUT_NVML: 'off',
          LOADOUT_NVIDIA_SMI: path.join(home, 'no-nvidia-smi'),
          LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9',
        },
      },
    );
    children.push(child);
    let stdout = '';
    let stderr = '';
    let exited: number | null | undefined;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => (exited = code));
    await until(() => /serving on http:\/\/127\.0\.0\.1:\d+/.test(stdout) || exited !== undefined);
    const port = Number(/serving on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]);
    const socket = await ApiSocket.connect(port);
    const tariff = async () =>
      ((await socket.call('settings.get')).result as { energy: { tariff: number | null } }).energy.tariff;
    expect(await tariff()).toBe(0.5);

    const cases: Array<[string, string, RegExp]> = [
      ['truncated', good.slice(0, 30), /not valid JSON: it ends too early/],
      [
        'a wrong type',
        JSON.stringify({ energy: { tariff: 'cheap' } }),
        /energy\.tariff: expected a number \(found text\)/,
      ],
      ['null', 'null', /holds null instead of a settings object/],
      ['[]', '[]', /holds a list instead of a settings object/],
      ['a string', '"tariff"', /holds text instead of a settings object/],
    ];
    for (const [name, text, detail] of cases) {
      fs.writeFileSync(file, text);
      expect(await tariff(), name).toBe(0.5);
      expect((await socket.call('app.info')).result, name).toMatchObject({ name: 'Loadout' });
      const problem = (await socket.call('settings.problem')).result as { problem: { detail: string } | null };
      expect(problem.problem?.detail, name).toMatch(detail);
      await until(() => detail.test(stderr));
      expect(fs.readFileSync(file, 'utf8'), name).toBe(text);
    }
    await tariff();
    for (const [, , detail] of cases) expect(stderr.match(new RegExp(detail.source, 'g'))).toHaveLength(1);
    expect(socket.events.filter((e) => e.event === 'settings.problem').length).toBe(cases.length);
    expect(exited).toBeUndefined();

    fs.writeFileSync(file, JSON.stringify({ energy: { tariff: 0.8 } }));
    expect(await tariff()).toBe(0.8);
    expect((await socket.call('settings.problem')).result).toEqual({ problem: null });
    expect(fs.readdirSync(home).filter((f) => f.startsWith('config.damaged-'))).toEqual([]);
    socket.close();
  }, 60_000);
});
