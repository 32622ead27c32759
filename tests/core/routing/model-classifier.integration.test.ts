/** The optional "ask a small loaded model" mode: only when the detector is unsure, never in the way when it fails. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAnswer, ChatCall, ChatService } from '../../../electron/core/chat/chat-service';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import { classifyWithModel, pickClassifierModel } from '../../../electron/core/routing/model-classifier';
import { createRoutedChat } from '../../../electron/core/routing/routed-chat';
import { readRoutingState } from '../../../electron/core/routing/routing-state-source';
import { createChatService } from '../../../electron/core/chat/chat-service';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';

let emu: LmStudioEmulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

/** A chat service that answers the classifier with a fixed word and records every call (it implements ChatService). */
function scriptedChat(word: string, calls: ChatCall[]): ChatService {
  return {
    async chat(call) {
      calls.push(call);
      const text = call.messages[0]?.role === 'system' ? word : 'an answer';
      const answer: ChatAnswer = {
        model: call.model,
        text,
        finishReason: 'stop',
        promptTokens: 1,
        completionTokens: 1,
        ttftMs: 1,
        tokensPerSecond: null,
        durationMs: 1,
        startedAt: 0,
        endedAt: 0,
        energyWh: null,
      };
      return answer;
    },
  };
}

describe('model classifier', () => {
  it('asks the smallest loaded model, and its word moves an unsure prompt to the right model', async () => {
    emu = await createLmStudioEmulator({
      preload: [
        { key: 'qwen2.5-coder-14b-instruct', contextLength: 8192 },
        { key: 'qwen2.5-7b-instruct', contextLength: 8192 },
        { key: 'llama-3.2-1b-instruct', contextLength: 4096 },
      ],
    });
    const lmstudio = createLmStudioClient({ baseUrl: emu.url, env: { PATH: '' } });
    const snapshot = () => readRoutingState({ lmstudio });
    expect(pickClassifierModel(await snapshot())).toEqual({
      modelKey: 'llama-3.2-1b-instruct',
      instanceId: 'llama-3.2-1b-instruct',
    });
    const calls: ChatCall[] = [];
    const routed = createRoutedChat({
      snapshot,
      chat: scriptedChat('code', calls),
      origin: 'cli',
      classifyWithModel: true,
    });
    // No code signal in the text: the detector alone calls it general chat, and is unsure.
    const r = await routed.ask({
      messages: [
        {
          role: 'user',
          content:
            'Como eu faço isso funcionar direito no servidor de produção da empresa sem precisar parar nada durante o dia?',
        },
      ],
    });
    expect(calls[0]).toMatchObject({ model: 'llama-3.2-1b-instruct', maxTokens: 4, temperature: 0 });
    expect(r.decision.task.kind).toBe('code');
    expect(r.decision.task.signals).toContain('classified as code');
    expect(r.answeredBy.modelKey).toBe('qwen2.5-coder-14b-instruct');
    // A sure prompt is not sent to the classifier.
    calls.length = 0;
    await routed.ask({ messages: [{ role: 'user', content: '```py\nprint(1)\n```' }] });
    expect(calls.filter((c) => c.messages[0]?.role === 'system')).toHaveLength(0);
  });

  it("an answer it cannot read leaves the detector's guess (the emulator does not answer in labels)", async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: 'llama-3.2-1b-instruct', contextLength: 4096 }] });
    const lmstudio = createLmStudioClient({ baseUrl: emu.url, env: { PATH: '' } });
    const snap = await readRoutingState({ lmstudio });
    expect(await classifyWithModel(createChatService(), snap, 'Como faço isso?')).toBeNull();
    expect(emu.state.calls.filter((c) => c.path === '/v1/chat/completions')).toHaveLength(1);
  });
});
