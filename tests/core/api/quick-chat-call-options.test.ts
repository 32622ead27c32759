/** The quick chat passes a caller's per-call options (the CLI's flags) to the one router, and ends with what `loadout chat` prints. */
import { describe, expect, it } from 'vitest';
import type { ChatDone } from '../../../shared/contract';
import { createEventHub } from '../../../shared/contract/event-hub';
import type { RouteChoice, RouteDecision } from '../../../shared/routing/types';
import { QuickChat } from '../../../electron/core/api/quick-chat';
import { NoRouteError, type RoutedAnswer, type RoutedAsk } from '../../../electron/core/routing/routed-chat';
import { ChatError } from '../../../electron/core/chat/chat-errors';

const choice = { modelKey: 'qwen2-vl-7b-instruct', endpointKind: 'cloud', endpointId: 'cloud' } as RouteChoice;
const decision = {
  choice,
  reason: 'image attached → qwen2-vl-7b-instruct',
  reasonParts: { kind: 'routed' },
  task: { kind: 'vision' },
  confidence: 0.9,
  runnersUp: [],
} as unknown as RouteDecision;
const answered: RoutedAnswer = {
  decision,
  answeredBy: choice,
  answer: {
    text: 'ok',
    finishReason: 'length',
    ttftMs: 12,
    tokensPerSecond: 40,
    promptTokens: null,
    completionTokens: 7,
    energyWh: null,
  } as RoutedAnswer['answer'],
  fallbackFrom: { modelKey: 'llava-7b', machine: null, error: 'llava-7b is not loaded' },
  conversationId: null,
  messageId: null,
};

/** A quick chat over a fake router; resolves the request it was asked and the chat.done the caller got. */
async function send(input: Parameters<QuickChat['send']>[0], outcome: (req: RoutedAsk) => Promise<RoutedAnswer>) {
  const hub = createEventHub();
  const asked: RoutedAsk[] = [];
  const done = new Promise<ChatDone>((resolve) =>
    hub.subscribe((e, to) => e.event === 'chat.done' && to === 'cli-socket' && resolve(e.payload)),
  );
  const chat = new QuickChat({ ask: (req) => (asked.push(req), outcome(req)), events: hub });
  await chat.send(input, 'cli-socket').catch(() => undefined);
  return { asked: asked[0]!, done: await done };
}

describe('QuickChat: per-call options', () => {
  it('hands the CLI flags to the router for this call only, pictures as image parts', async () => {
    const { asked, done } = await send(
      {
        messages: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: 'What does this sign say?' },
        ],
        images: ['data:image/png;base64,iVBORw0KGgo='],
        maxTokens: 30,
        taskHint: 'vision',
        allowLoad: true,
        classify: true,
        keep: false,
        conversationId: 'new',
        origin: 'cli',
      },
      async () => answered,
    );
    expect(asked).toMatchObject({
      maxTokens: 30,
      taskHint: 'vision',
      policy: { allowJitLoad: true },
      classifyWithModel: true,
      keep: false,
      origin: 'cli',
      conversationId: undefined,
    });
    expect(asked.messages).toEqual([
      { role: 'system', content: 'be brief' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What does this sign say?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
    ]);
    expect(done).toMatchObject({
      finishReason: 'length',
      model: 'qwen2-vl-7b-instruct',
      endpoint: 'cloud',
      completionTokens: 7,
      fallbackFrom: 'llava-7b',
      fallbackError: 'llava-7b is not loaded',
    });
  });

  it('leaves the settings in charge when no flag is given', async () => {
    const { asked } = await send(
      { messages: [{ role: 'user', content: 'hi' }], conversationId: 'new' },
      async () => answered,
    );
    expect(asked).toMatchObject({
      policy: undefined,
      classifyWithModel: undefined,
      keep: undefined,
      origin: undefined,
      conversationId: 'new',
    });
    expect(asked.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it("ends a failed answer with the chat's own code and the server's words", async () => {
    const { done } = await send({ messages: [{ role: 'user', content: 'hi' }] }, async (req) => {
      req.onDecision?.(decision);
      throw new ChatError(
        'failed',
        'LM Studio answered with an error instead of an answer: "Model is unloaded."',
        'Model is unloaded.',
      );
    });
    expect(done).toMatchObject({
      finishReason: 'error',
      error: { code: 'failed' },
      failure: { code: 'failed', serverMessage: 'Model is unloaded.' },
    });
  });

  it('refuses a question no model can take with the router reason as data, for a window to word', async () => {
    const none = { kind: 'none', why: 'nothing-fits', task: 'code', promptTokens: 40, exclusion: null } as const;
    const chat = new QuickChat({
      ask: async () => {
        throw new NoRouteError({ ...decision, choice: null, reason: 'no local model fits', reasonParts: none });
      },
      events: createEventHub(),
    });
    await expect(chat.send({ messages: [{ role: 'user', content: 'hi' }] }, 'cli-socket')).rejects.toMatchObject({
      code: 'refused',
      message: 'no local model fits',
      problem: { kind: 'no-route', reasonParts: none },
    });
  });
});
