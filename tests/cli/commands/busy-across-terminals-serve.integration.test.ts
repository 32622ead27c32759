/**
 * Two terminals WITH `loadout serve` running, and an LM Studio WITHOUT `lms` (so LM Studio cannot say what
 * is generating): terminal A streams `loadout chat`, terminal B runs `loadout apply gaming`, which would
 * unload A's model. Both CLIs have a dead LM Studio URL of their own, so both work through serve, whose one
 * core owns the busy state: B is refused and A's answer completes uncut; once A ends, B goes through.
 * The no-serve case is busy-across-terminals.test.ts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConfigCommand } from '../../../electron/cli/commands/config';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';
import { runLoadout, spawnLoadout, type ProcessOutput } from '../../support/cli-harness';
import { deadCliEnv, startRunningServe, type RunningServe } from '../../support/running-serve';

const ROOT = path.resolve(__dirname, '../../..');
const MODEL = 'qwen2.5-7b-instruct';
let home: string;
let emu: LmStudioEmulator;
let serve: RunningServe;

/** Terminal A: `loadout chat` as a child process (through serve); `interrupt` sends it Ctrl+C. */
function startChat(maxTokens: number): { output: Promise<ProcessOutput>; interrupt(): void } {
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
    '--no-history',
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...deadCliEnv(home), HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const output = new Promise<ProcessOutput>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { output, interrupt: () => child.kill('SIGINT') };
}

/** Resolves once the emulator is streaming an answer from MODEL (A's request arrived, through serve). */
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
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-busy-serve-'));
  // A slow model: A's answer streams for tens of seconds, longer than B's whole run.
  emu = await createLmStudioEmulator({
    tokensPerSecond: 4,
    timeToFirstTokenMs: 50,
    loadMsPerGb: 2,
    preload: [{ key: MODEL, contextLength: 8192 }],
  });
  // Refuse at once instead of waiting 30 s for the answer to end.
  const set = await runLoadout(
    [createConfigCommand()],
    ['config', 'set', 'lmstudio.busyWaitSeconds', '0'],
    deadCliEnv(home),
  );
  expect(set.code, set.stderr).toBe(0);
  // No `lms` for serve either (deadCliEnv's LOADOUT_LMS names a missing file).
  serve = await startRunningServe(home, emu.url, { env: { HOME: home } });
});
afterEach(async () => {
  await serve.stop();
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('busy state across terminals, with serve running (no lms)', { timeout: 240_000 }, () => {
  it("refuses to apply away the model another terminal's chat streams, and the answer completes uncut", async () => {
    const chat = startChat(60);
    await untilStreaming(chat.output);
    const refused = await spawnLoadout(['apply', 'gaming'], deadCliEnv(home));
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`${MODEL} \\(answering a Loadout request\\).*still generating`));
    expect(refused.stderr).toContain('Pass --force to unload anyway.');
    expect(unloads()).toBe(0);

    const answered = await chat.output;
    expect(answered.code, answered.stderr).toBe(0);
    expect(summary(answered.stdout)).toMatchObject({ model: MODEL, finishReason: 'length', completionTokens: 60 });

    const applied = await spawnLoadout(['apply', 'gaming'], deadCliEnv(home));
    expect(applied.code, applied.stderr).toBe(0);
    expect(emu.state.instances).toEqual([]);
  });

  it('Ctrl+C in the chat terminal stops the answer in serve, and the switch then goes through', async () => {
    const chat = startChat(400);
    await untilStreaming(chat.output);
    chat.interrupt();
    const stopped = await chat.output;
    expect(stopped.code).toBe(1);
    while (emu.state.instances.some((i) => i.activeRequests > 0))
      await new Promise((resolve) => setTimeout(resolve, 50));
    const applied = await spawnLoadout(['apply', 'gaming'], deadCliEnv(home));
    expect(applied.code, applied.stderr).toBe(0);
  });
});
