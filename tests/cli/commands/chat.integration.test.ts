/** `loadout chat` as a user runs it, against the LM Studio emulator: routed, streamed, measured, kept. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBenchStore } from '../../../electron/core/bench/bench-store';
import { chatCommand } from '../../../electron/cli/commands/chat';
import { qwen7bResult } from '../../support/result-fixture';
import { openChatStore } from '../../../electron/core/chat/open-chat-store';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { runLoadout } from '../../support/cli-harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let home: string;
let emu: LmStudioEmulator;
const env = (extra: Record<string, string> = {}) => ({
  LOADOUT_HOME: home,
  LOADOUT_LMSTUDIO_URL: emu.url,
  LOADOUT_LMS: FAKE_LMS_PATH,
  LOADOUT_NVML: 'off',
  LOADOUT_NVIDIA_SMI: path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi'),
  PATH: process.env.PATH,
  HOME: home,
  ...extra,
});
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;

beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-chat-cli-'));
  emu = await createLmStudioEmulator({
    tokensPerSecond: 100,
    timeToFirstTokenMs: 60,
    preload: [
      { key: 'qwen2.5-coder-14b-instruct', contextLength: 8192 },
      { key: 'qwen2.5-7b-instruct', contextLength: 8192 },
    ],
  });
});
afterEach(async () => {
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('loadout chat', () => {
  it('streams the routed answer and ends --json with model, reason, ttft, tok/s and energy', async () => {
    const r = await runLoadout(
      [chatCommand],
      ['chat', 'Refatore: `function f(a){return a.map(x=>x*2)}`', '--json', '--max-tokens', '30'],
      env(),
    );
    expect(r.code).toBe(0);
    const summary = lastJson(r.stdout);
    expect(summary).toMatchObject({
      model: 'qwen2.5-coder-14b-instruct',
      endpoint: 'local',
      machine: null,
      finishReason: 'length',
      completionTokens: 30,
    });
    expect(summary.reason).toMatch(/^code detected → qwen2\.5-coder-14b-instruct/);
    expect(summary.ttftMs).toBeGreaterThanOrEqual(50);
    expect(summary.tokensPerSecond).toBeGreaterThan(50);
    expect(summary.tokensPerSecond).toBeLessThan(200);
    expect(summary).toHaveProperty('energyWh');
    const text = r.stdout.trim().split('\n').slice(0, -1).join('\n');
    expect(text.length).toBeGreaterThan(20);
    const chatCall = emu.state.calls.filter((c) => c.path === '/v1/chat/completions');
    expect(chatCall).toHaveLength(1);
  });

  it('keeps the exchange in the history with its measurements', async () => {
    const r = await runLoadout([chatCommand], ['chat', 'What is 15% of 240?', '--json', '--max-tokens', '8'], env());
    expect(r.code).toBe(0);
    const { messageId, model } = lastJson(r.stdout) as { messageId: number; model: string };
    const { opened, store } = openChatStore(home);
    const [conv] = store.listConversations();
    const msgs = store.messages(conv!.id);
    expect(msgs.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(msgs[1]).toMatchObject({ id: messageId, model, task: 'quick', completionTokens: 8 });
    expect(msgs[1]!.tokensPerSecond).toBeGreaterThan(0);
    expect(store.routingLog()[0]).toMatchObject({ origin: 'cli', task: 'quick', model });
    opened.close();
  });

  it('--explain prints the scores; text mode says the model and the numbers on stderr', async () => {
    const r = await runLoadout(
      [chatCommand],
      ['chat', 'oi, tudo bem?', '--explain', '--max-tokens', '5', '--no-history'],
      env(),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^short question → qwen2\.5-7b-instruct/);
    expect(r.stderr).toMatch(/scores:\n/);
    expect(r.stderr).toMatch(
      /qwen2\.5-7b-instruct · first token \d+ ms · [\d.]+ tok\/s · (energy not measured|[\d.]+ Wh)/,
    );
    expect(r.stdout.trim().length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(home, 'loadout.db')) && openChatStore(home).store.listConversations().length).toBe(
      0,
    );
  });

  it('a model that is not loaded: says how to load it, exits 1', async () => {
    const r = await runLoadout(
      [chatCommand],
      ['chat', 'hi', '--model', 'deepseek-coder-33b-instruct', '--no-history'],
      env(),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /deepseek-coder-33b-instruct is not loaded in LM Studio.*lms load deepseek-coder-33b-instruct/,
    );
  });

  it('nothing loaded: the router says what to do, --json still ends with the summary line', async () => {
    await emu.close();
    emu = await createLmStudioEmulator();
    const r = await runLoadout(
      [chatCommand],
      ['chat', 'hello, how are you today my friend?', '--json', '--no-history'],
      env(),
    );
    expect(r.code).toBe(1);
    expect(lastJson(r.stdout)).toMatchObject({ model: null, ttftMs: null, tokensPerSecond: null, energyWh: null });
    expect(r.stderr).toMatch(
      /no model fits \(not loaded \(JIT loading off\)\); load one that can, or allow JIT loading/,
    );
  });

  it('LM Studio going down mid-answer keeps what arrived and says what happened', async () => {
    emu.control.dropNextStreamAfter(4);
    const r = await runLoadout(
      [chatCommand],
      ['chat', 'Write a haiku about autumn leaves falling', '--max-tokens', '40', '--no-history'],
      env(),
    );
    expect(r.code).toBe(1);
    expect(r.stdout.trim().length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/stopped halfway/);
  });
});

describe('loadout chat --image', () => {
  it('sends the picture to a vision model as a data URL', async () => {
    await emu.close();
    emu = await createLmStudioEmulator({
      tokensPerSecond: 400,
      preload: [
        { key: 'qwen2.5-7b-instruct', contextLength: 8192 },
        { key: 'qwen2-vl-7b-instruct', contextLength: 8192 },
      ],
    });
    const png = path.join(home, 'placa.png');
    fs.writeFileSync(
      png,
      Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
        'hex',
      ),
    );
    const r = await runLoadout(
      [chatCommand],
      ['chat', 'O que está escrito nesta placa?', '--image', png, '--json', '--max-tokens', '4', '--no-history'],
      env(),
    );
    expect(r.code).toBe(0);
    expect(lastJson(r.stdout)).toMatchObject({ model: 'qwen2-vl-7b-instruct' });
    expect(lastJson(r.stdout).reason).toMatch(/^image attached → qwen2-vl-7b-instruct/);
    const bad = await runLoadout([chatCommand], ['chat', 'x', '--image', path.join(home, 'nope.txt')], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/use a \.png, \.jpg, \.webp or \.gif file/);
  });

  it('weighs the stored benchmark results (speed and stars) in its decision', async () => {
    const { opened, store } = openBenchStore(home);
    store.add(qwen7bResult({ human: { rating: 5, bestFor: null, issues: null, notes: null, ratedAt: null } }));
    opened.close();
    const r = await runLoadout(
      [chatCommand],
      ['chat', 'What is 15% of 240?', '--explain', '--json', '--max-tokens', '4', '--no-history'],
      env(),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/qwen2\.5-7b-instruct\s+[\d.]+\s+.*stars \+4/);
    expect(r.stderr).toContain('98 tok/s measured');
  });
});
