/** `loadout chat` never prints a fault as a finished answer: each ends in exit 1 with what happened and what to do. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatCommand } from '../../../electron/cli/commands/chat';
import { modelsCommand } from '../../../electron/cli/commands/models';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { tryOpenChatStore } from '../../../electron/core/chat/open-chat-store';
import { runLoadout } from '../../support/cli-harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MODEL = 'qwen2.5-7b-instruct';
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
/** `loadout chat` with the model pinned (the answer's own faults) or routed (`--model auto`: what the router saw). */
const chat = (model = MODEL) =>
  runLoadout(
    [chatCommand],
    ['chat', 'Explain KV cache offload in one paragraph.', '--model', model, '--no-history'],
    env(),
  );

beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-chat-faults-'));
  emu = await createLmStudioEmulator({ tokensPerSecond: 400, preload: [{ key: MODEL, contextLength: 8192 }] });
});
afterEach(async () => {
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('loadout chat: faults are never answers', () => {
  it('HTTP 200 {"error": "Model is unloaded."}: exit 1, LM Studio quoted, no answer printed', async () => {
    emu.control.failNextChat({ kind: 'error-body' });
    const r = await chat();
    expect(r.code).toBe(1);
    expect(r.stdout.trim()).toBe('');
    expect(r.stderr).toMatch(/answered with an error instead of an answer: "Model is unloaded\."/);
  });

  it('a stream that ends cleanly halfway: the partial text is kept, stderr says it is cut, exit 1', async () => {
    emu.control.failNextChat({ kind: 'clean-eof', afterTokens: 4 });
    const r = await chat();
    expect(r.code).toBe(1);
    expect(r.stdout.trim()).toBe('Emulated answer about explain');
    expect(r.stderr).toMatch(/stopped halfway.*marked as cut/);
  });

  it('--json still ends with its summary line, carrying the error, when the answer is cut or refused', async () => {
    emu.control.failNextChat({ kind: 'clean-eof', afterTokens: 4 });
    const cut = await runLoadout(
      [chatCommand],
      ['chat', 'Explain KV cache offload in one paragraph.', '--model', MODEL, '--no-history', '--json'],
      env(),
    );
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
    emu.control.failNextChat({ kind: 'error-body' });
    const refused = await runLoadout(
      [chatCommand],
      ['chat', 'Explain KV cache offload in one paragraph.', '--model', MODEL, '--no-history', '--json'],
      env(),
    );
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout.trim())).toMatchObject({
      model: MODEL,
      cut: false,
      error: { serverMessage: 'Model is unloaded.' },
    });
  });

  it('a cut answer is kept in the chat history, marked as cut, not dropped', async () => {
    emu.control.failNextChat({ kind: 'clean-eof', afterTokens: 4 });
    const r = await runLoadout(
      [chatCommand],
      ['chat', 'Explain KV cache offload in one paragraph.', '--model', MODEL, '--json'],
      env(),
    );
    expect(r.code).toBe(1);
    const { messageId } = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { messageId?: number };
    const history = tryOpenChatStore(home, () => {});
    try {
      const [conversation] = history.store!.listConversations();
      const messages = history.store!.messages(conversation!.id);
      expect(messages.map((m) => [m.role, m.content, m.finish])).toEqual([
        ['user', 'Explain KV cache offload in one paragraph.', null],
        ['assistant', 'Emulated answer about explain', 'cut'],
      ]);
      expect(messages[1]!.id).toBe(messageId);
    } finally {
      history.close();
    }
  });

  it('LM Studio wants a token: chat says so and how to give it, like models does', async () => {
    emu.control.set({ token: 'sk-lm-abcdefgh:abcdefghijklmnopqrst' });
    const r = await chat('auto');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /LM Studio requires an API token: create one in LM Studio \(Developer → Server Settings → Manage Tokens\), set LM_API_TOKEN/,
    );
    expect(r.stderr).not.toMatch(/not reachable/);
    const models = await runLoadout([modelsCommand], ['models'], env());
    expect(models.stderr).toMatch(/requires an API token/);
  });

  it.each(['html', 'garbage'] as const)(
    'a server that is not LM Studio (%s) is named as such, in chat and in models',
    async (impostor) => {
      emu.control.set({ impostor });
      const r = await chat('auto');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/The server at LM Studio's address is not LM Studio.*check the address/);
      expect(r.stderr).not.toMatch(/not reachable|not running/);
      const models = await runLoadout([modelsCommand], ['models'], env());
      expect(models.code).toBe(1);
      expect(models.stderr).toMatch(/answers, but it is not LM Studio/);
    },
  );
});
