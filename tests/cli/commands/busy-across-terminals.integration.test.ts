/**
 * Two terminals, nothing else running, an LM Studio WITHOUT `lms` (so LM Studio cannot say what is generating):
 * terminal A streams `loadout chat`, terminal B runs `loadout apply gaming`, which would unload A's model.
 * B (and an `unload` in terminal C) must refuse, naming A, and A's answer must complete uncut; once A ends, B goes through. Both are real
 * processes sharing one LOADOUT_HOME, seeing each other only through loadout.db's in_flight rows.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConfigCommand } from '../../../electron/cli/commands/config';
import { openInFlightTable } from '../../../electron/core/presets/in-flight-table';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';
import { holdLock, type LockHolder } from '../../support/hold-lock';
import { runLoadout, spawnLoadout, type ProcessOutput } from '../../support/cli-harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MODEL = 'qwen2.5-7b-instruct';
let home: string;
let emu: LmStudioEmulator;
let holder: LockHolder | null = null;

/** No `lms` anywhere: a missing LOADOUT_LMS, a HOME without ~/.lmstudio, a PATH without it. */
const env = (): Record<string, string> => ({
  LOADOUT_HOME: home,
  LOADOUT_LMSTUDIO_URL: emu.url,
  LOADOUT_LMS: path.join(home, 'no-lms'),
  HOME: home,
  LOADOUT_NVML: 'off',
  LOADOUT_NVIDIA_SMI: path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi'),
  LM_API_TOKEN: '',
});

/** Terminal A: `loadout chat` as a child process; resolves when it ends. */
function startChat(maxTokens: number): Promise<ProcessOutput> {
  return new Promise((resolve, reject) => {
    const args = [
      '--import',
      'tsx',
      'electron/cli/main.ts',
      'chat',
      'Explain KV cache offload',
      '--model',
      MODEL,
      '--max-tokens',
      String(maxTokens),
      '--json',
    ];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves once the emulator is streaming an answer from MODEL (A's request arrived). */
async function untilStreaming(chat: Promise<ProcessOutput>): Promise<void> {
  let ended = false;
  void chat.then(() => (ended = true));
  while (!emu.state.instances.some((i) => i.id === MODEL && i.activeRequests > 0)) {
    if (ended) throw new Error(`the chat ended before it streamed: ${JSON.stringify(await chat)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const unloads = () => emu.state.calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/models/unload').length;
const summary = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;

beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-busy-terminals-'));
  // A slow model: A's answer streams for tens of seconds, longer than B's whole run.
  emu = await createLmStudioEmulator({
    tokensPerSecond: 4,
    timeToFirstTokenMs: 50,
    loadMsPerGb: 2,
    preload: [{ key: MODEL, contextLength: 8192 }],
  });
  // Refuse at once instead of waiting 30 s for the answer to end.
  const set = await runLoadout([createConfigCommand()], ['config', 'set', 'lmstudio.busyWaitSeconds', '0'], env());
  expect(set.code, set.stderr).toBe(0);
});
afterEach(async () => {
  await holder?.stop();
  holder = null;
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('busy state across terminals (no lms, nothing running)', { timeout: 240_000 }, () => {
  it("refuses to apply or unload away the model another terminal's chat streams, and the answer completes uncut", async () => {
    const chat = startChat(100);
    await untilStreaming(chat);
    // Terminals B and C at once: a switch that drops A's model, and an unload of it.
    const [refused, notUnloaded] = await Promise.all([
      spawnLoadout(['apply', 'gaming'], env()),
      spawnLoadout(['unload', MODEL], env()),
    ]);
    for (const run of [refused, notUnloaded]) {
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(`${MODEL} \\(answering in another Loadout process: loadout chat, pid \\d+`),
      );
      expect(run.stderr).toContain('Pass --force to unload anyway.');
    }
    expect(unloads()).toBe(0);

    const answered = await chat;
    expect(answered.code, answered.stderr).toBe(0);
    expect(summary(answered.stdout)).toMatchObject({ model: MODEL, finishReason: 'length', completionTokens: 100 });

    // A has ended (its row deleted): the same switch now goes through.
    const applied = await spawnLoadout(['apply', 'gaming'], env());
    expect(applied.code, applied.stderr).toBe(0);
    expect(emu.state.instances).toEqual([]);
  });

  it('is not blocked by a row whose process is gone or whose heartbeat stopped', async () => {
    const deadPid = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.on('close', () => resolve(child.pid!));
    });
    const table = openInFlightTable(home, true)!;
    const now = Date.now();
    const lmstudio = `${emu.url}/v1`;
    table.sync(
      [
        {
          id: 'crashed-chat',
          pid: deadPid,
          lmstudio,
          model: MODEL,
          startedAt: now,
          heartbeatAt: now,
          origin: 'loadout chat',
        },
        // This test's own process is alive, but its row has not beaten for a minute: a hung process.
        {
          id: 'hung-chat',
          pid: process.pid,
          lmstudio,
          model: MODEL,
          startedAt: now - 60_000,
          heartbeatAt: now - 60_000,
          origin: 'loadout chat',
        },
      ],
      [],
      0,
    );
    table.close();
    const applied = await spawnLoadout(['apply', 'gaming'], env());
    expect(applied.code, applied.stderr).toBe(0);
    expect(emu.state.instances).toEqual([]);
  });

  it('answers in full while another program holds loadout.db locked, and says so once', async () => {
    openInFlightTable(home, true)!.close();
    holder = await holdLock(path.join(home, 'loadout.db'));
    const answered = await startChat(12);
    expect(answered.code, answered.stderr).toBe(0);
    expect(summary(answered.stdout)).toMatchObject({ model: MODEL, finishReason: 'length', completionTokens: 12 });
    expect(
      answered.stderr.match(/other Loadout processes cannot see which models this one is answering with/g),
    ).toHaveLength(1);
  });
});
