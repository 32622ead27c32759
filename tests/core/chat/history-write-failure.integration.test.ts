/** A history write that fails is said once, not swallowed, and said again only after a write succeeded. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAnswer, ChatService } from '../../../electron/core/chat/chat-service';
import { openChatStore } from '../../../electron/core/chat/open-chat-store';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import { createRoutedChat } from '../../../electron/core/routing/routed-chat';
import { readRoutingState } from '../../../electron/core/routing/routing-state-source';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';

let emu: LmStudioEmulator | null = null;
let home: string | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
  if (home) fs.rmSync(home, { recursive: true, force: true });
  home = null;
});

/** Answers every question with the same text (it implements ChatService). */
const answering: ChatService = {
  async chat(call) {
    const answer: ChatAnswer = {
      model: call.model,
      text: 'Lima.',
      finishReason: 'stop',
      promptTokens: 5,
      completionTokens: 2,
      ttftMs: 10,
      tokensPerSecond: 50,
      durationMs: 40,
      startedAt: 0,
      endedAt: 40,
      energyWh: null,
    };
    return answer;
  },
};

describe('a failed chat-history write', () => {
  it('is reported once while writes keep failing, and again after one succeeded', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct', contextLength: 8192 }] });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-history-fail-'));
    const { opened, store } = openChatStore(home);
    const lmstudio = createLmStudioClient({ baseUrl: emu.url, env: { PATH: '' } });
    const messages: string[] = [];
    const routed = createRoutedChat({
      snapshot: () => readRoutingState({ lmstudio }),
      chat: answering,
      store,
      origin: 'cli',
      onMessage: (m) => messages.push(m),
    });
    const ask = () =>
      routed.ask({ messages: [{ role: 'user', content: 'Qual a capital do Peru?' }], conversationId: 'new' });
    try {
      // The disk refuses every new message (as a full disk or a read-only file would).
      opened.db.exec(
        `CREATE TRIGGER refuse_messages BEFORE INSERT ON chat_message BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
      );
      const first = await ask();
      expect(first.answer.text).toBe('Lima.');
      expect(first.messageId).toBeNull();
      await ask();
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/not saved to the chat history \(database or disk is full\).*check that loadout\.db/);

      opened.db.exec('DROP TRIGGER refuse_messages');
      expect((await ask()).messageId).not.toBeNull();
      opened.db.exec(
        `CREATE TRIGGER refuse_messages BEFORE INSERT ON chat_message BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
      );
      await ask();
      expect(messages).toHaveLength(2);
    } finally {
      opened.close();
    }
  });
});
