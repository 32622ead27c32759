/**
 * One core per machine: with `loadout serve` running (real processes, one LOADOUT_HOME, the LM Studio
 * emulator and the fake nvidia-smi given to serve only), `apply` and `monitor` work through it. The
 * CLI's own environment points at no LM Studio and no nvidia-smi, so an answer that names the
 * emulator's models or the H200 came from serve. `--standalone`, a stale file and a wrong token too.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUNNING_FILE_NAME } from '../../../electron/core/attach/running-announce';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { spawnLoadout } from '../../support/cli-harness';
import { deadCliEnv, startRunningServe, type RunningServe } from '../../support/running-serve';

let home: string;
let emu: LmStudioEmulator;
let serve: RunningServe | null = null;

const runningFile = () => path.join(home, RUNNING_FILE_NAME);
/** The CLI's environment: the same data folder, but no LM Studio and no nvidia-smi of its own. */
const cliEnv = () => deadCliEnv(home);

/** `loadout serve --port 0` with the emulator and the fake nvidia-smi; resolves once it announced itself. */
async function startServe(): Promise<void> {
  serve = await startRunningServe(home, emu.url, { lms: FAKE_LMS_PATH });
}

async function stopServe(): Promise<number | null> {
  if (!serve) return null;
  const code = await serve.stop();
  serve = null;
  return code;
}

beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-attach-'));
  emu = await createLmStudioEmulator({ loadMsPerGb: 2 });
});
afterEach(async () => {
  await stopServe();
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the CLI works through a running `loadout serve`', { timeout: 240_000 }, () => {
  it('announces serve in a user-only file, applies and monitors through it, and removes the file on exit', async () => {
    await startServe();
    const announce = JSON.parse(fs.readFileSync(runningFile(), 'utf8')) as Record<string, unknown>;
    expect(announce).toMatchObject({
      pid: serve!.child.pid,
      face: 'serve',
      port: expect.any(Number),
      token: expect.any(String),
    });
    if (process.platform !== 'win32') expect(fs.statSync(runningFile()).mode & 0o777).toBe(0o600);

    const applied = await spawnLoadout(['apply', 'dual-7b', '--json'], cliEnv());
    expect(applied.code, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({
      preset: 'dual-7b',
      plan: [
        { action: 'load', key: 'qwen2.5-7b-instruct', instanceId: 'qwen2.5-7b-instruct' },
        { action: 'load', key: 'qwen2.5-7b-instruct', instanceId: 'qwen2.5-7b-instruct:2' },
      ],
      result: 'ok',
    });
    expect(emu.state.instances.map((i) => i.id).sort()).toEqual(['qwen2.5-7b-instruct', 'qwen2.5-7b-instruct:2']);

    const monitored = await spawnLoadout(['monitor', '--count', '2', '--json'], cliEnv());
    expect(monitored.code, monitored.stderr).toBe(0);
    const samples = monitored.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { gpuSource: string; gpus: { name: string }[] });
    expect(samples).toHaveLength(2);
    for (const s of samples)
      expect(s).toMatchObject({
        gpuSource: 'nvidia-smi',
        gpus: [expect.objectContaining({ name: expect.stringContaining('H200') })],
      });

    expect(await stopServe()).toBe(0);
    expect(fs.existsSync(runningFile())).toBe(false);
  });

  it('--standalone runs the core in the CLI itself, with its own (here: no) LM Studio', async () => {
    await startServe();
    const standalone = await spawnLoadout(['apply', 'gaming', '--standalone'], cliEnv());
    expect(standalone.code).toBe(1);
    expect(standalone.stderr).toContain('LM Studio');
    const monitored = await spawnLoadout(['monitor', '--once', '--json', '--standalone', '--no-ledger'], cliEnv());
    expect(monitored.code, monitored.stderr).toBe(0);
    expect(JSON.parse(monitored.stdout)).toMatchObject({ gpus: [] });
  });

  it('ignores a file left by a process that is gone, and runs the core in-process without a word', async () => {
    const deadPid = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.on('close', () => resolve(child.pid!));
    });
    fs.writeFileSync(
      runningFile(),
      JSON.stringify({
        pid: deadPid,
        face: 'serve',
        port: 9,
        token: 'x'.repeat(32),
        version: '0.1.0',
        startedAt: new Date().toISOString(),
      }),
    );
    const applied = await spawnLoadout(['apply', 'gaming', '--json'], {
      ...cliEnv(),
      LOADOUT_LMSTUDIO_URL: emu.url,
      LOADOUT_LMS: FAKE_LMS_PATH,
    });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toBe('');
    expect(JSON.parse(applied.stdout)).toMatchObject({ preset: 'gaming', result: 'ok' });
  });

  it('is refused by the running serve with a wrong token, and says what to do', async () => {
    await startServe();
    const announce = JSON.parse(fs.readFileSync(runningFile(), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(runningFile(), JSON.stringify({ ...announce, token: 'not-the-token-of-this-run' }));
    const refused = await spawnLoadout(['apply', 'gaming'], cliEnv());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused this command (HTTP 401');
    expect(refused.stderr).toContain('--standalone');
    expect(emu.state.calls.filter((c) => c.method === 'POST')).toEqual([]);
  });
});
