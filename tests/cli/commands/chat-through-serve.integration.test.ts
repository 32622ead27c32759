/**
 * `loadout chat` with `loadout serve` running streams through it: the CLI's own environment names no
 * LM Studio, so an answer from the emulator's models came through serve's core. The output, the
 * `--json` line, the history and the exit codes are the in-process ones (chat.test.ts, chat-faults.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openChatStore } from '../../../electron/core/chat/open-chat-store';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { spawnLoadout } from '../../support/cli-harness';
import { deadCliEnv, startRunningServe, type RunningServe } from '../../support/running-serve';

const MODEL = 'qwen2.5-7b-instruct';
let home: string;
let emu: LmStudioEmulator;
let serve: RunningServe;
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
const chat = (...args: string[]) => spawnLoadout(['chat', ...args], deadCliEnv(home));

beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-chat-through-'));
  emu = await createLmStudioEmulator({
    tokensPerSecond: 200,
    timeToFirstTokenMs: 20,
    preload: [
      { key: 'qwen2.5-coder-14b-instruct', contextLength: 8192 },
      { key: MODEL, contextLength: 8192 },
    ],
  });
  serve = await startRunningServe(home, emu.url, { lms: FAKE_LMS_PATH });
});
afterEach(async () => {
  await serve.stop();
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('loadout chat through a running serve', { timeout: 120_000 }, () => {
  it('streams the routed answer, ends --json with the in-process fields, and keeps it as a CLI exchange', async () => {
    const r = await chat('Refatore: `function f(a){return a.map(x=>x*2)}`', '--json', '--max-tokens', '30');
    expect(r.code, r.stderr).toBe(0);
    const summary = lastJson(r.stdout);
    expect(summary).toMatchObject({
      model: 'qwen2.5-coder-14b-instruct',
      endpoint: 'local',
      machine: null,
      finishReason: 'length',
      completionTokens: 30,
      messageId: expect.any(Number),
    });
    expect(summary.reason).toMatch(/^code detected → qwen2\.5-coder-14b-instruct/);
    expect(Object.keys(summary)).toEqual([
      'model',
      'reason',
      'ttftMs',
      'tokensPerSecond',
      'energyWh',
      'endpoint',
      'machine',
      'finishReason',
      'completionTokens',
      'messageId',
    ]);
    expect(r.stdout.trim().split('\n').slice(0, -1).join('\n').length).toBeGreaterThan(20);
    const { opened, store } = openChatStore(home);
    try {
      const [conversation] = store.listConversations();
      expect(store.messages(conversation!.id).map((m) => [m.role, m.id === summary.messageId])).toEqual([
        ['user', false],
        ['assistant', true],
      ]);
    } finally {
      opened.close();
    }
  });

  it('--explain prints the scores, --no-history keeps nothing, --task is the task', async () => {
    const r = await chat('oi, tudo bem?', '--explain', '--max-tokens', '5', '--no-history', '--task', 'chat');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/scores:\n/);
    expect(r.stderr).toMatch(/ · first token \d+ ms · [\d.]+ tok\/s · /);
    expect(r.stdout.trim().length).toBeGreaterThan(0);
    const { opened, store } = openChatStore(home);
    try {
      expect(store.listConversations()).toEqual([]);
    } finally {
      opened.close();
    }
  });

  it('a cut answer: the partial text, stderr says so, and --json ends with the error; exit 1', async () => {
    emu.control.failNextChat({ kind: 'clean-eof', afterTokens: 4 });
    const cut = await chat('Explain KV cache offload in one paragraph.', '--model', MODEL, '--no-history', '--json');
    expect(cut.code).toBe(1);
    const lines = cut.stdout.trim().split('\n');
    expect(lines[0]).toBe('Emulated answer about explain');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({
      model: MODEL,
      finishReason: 'error',
      cut: true,
      energyWh: null,
      error: { code: 'interrupted', message: expect.stringMatching(/stopped halfway/) },
    });
    expect(cut.stderr).toMatch(/stopped halfway.*marked as cut/);

    emu.control.failNextChat({ kind: 'error-body' });
    const refused = await chat(
      'Explain KV cache offload in one paragraph.',
      '--model',
      MODEL,
      '--no-history',
      '--json',
    );
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout.trim())).toMatchObject({
      model: MODEL,
      cut: false,
      error: { serverMessage: 'Model is unloaded.' },
    });
    expect(refused.stderr).toMatch(/answered with an error instead of an answer: "Model is unloaded\."/);
  });

  it('a model that is not loaded: says how to load it, exits 1', async () => {
    const r = await chat('hi', '--model', 'deepseek-coder-33b-instruct', '--no-history');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /deepseek-coder-33b-instruct is not loaded in LM Studio.*lms load deepseek-coder-33b-instruct/,
    );
  });
});
