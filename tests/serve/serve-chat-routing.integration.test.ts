/**
 * The quick chat's routing, ratings and history over the app API: a real `loadout serve` core in a
 * temp LOADOUT_HOME (real ChatStore in loadout.db) against the LM Studio emulator.
 */
import { describe, expect, it } from 'vitest';
import { openChatStore } from '../../electron/core/chat/open-chat-store';
import { createChatHandlers } from '../../electron/core/api/handlers/chat-handlers';
import type { ApiSocket } from '../support/server-harness';
import { useServeSession } from '../support/serve-session';

const session = useServeSession();
const start = (preload: Array<{ key: string }>) =>
  session.start({ emulator: { preload, tokensPerSecond: 400, timeToFirstTokenMs: 20 } });

const CODE_PROMPT =
  'Fix this Python error:\n```python\ndef f(x):\n    return x +\n```\nTraceback (most recent call last):\n  File "main.py", line 2\nSyntaxError: invalid syntax';
const LOADED = [{ key: 'qwen2.5-coder-14b-instruct' }, { key: 'llama-3.2-3b-instruct' }];

interface Option {
  modelKey: string;
  displayName: string;
  score: number;
  reason: string;
  notes: Array<{ kind: string; up?: number }>;
  loaded: boolean;
}
interface Route {
  choice: Option | null;
  runnersUp: Option[];
  reason: string;
  reasonParts: { kind: string };
  task: string;
  confidence: number;
}
interface Done {
  requestId: string;
  finishReason: string;
  model?: string;
  messageId?: number | null;
  conversationId?: string | null;
  ttftMs?: number | null;
  tokensPerSecond?: number | null;
  energyWh?: number | null;
}

async function askAndWait(
  ws: ApiSocket,
  content: string,
  extra: Record<string, unknown> = {},
): Promise<{ started: Record<string, unknown>; done: Done }> {
  const started = (await ws.call('chat.send', { messages: [{ role: 'user', content }], ...extra })).result as Record<
    string,
    unknown
  >;
  const done = (await ws.waitForEvent('chat.done', 20_000, (p) => (p as Done).requestId === started.requestId)) as Done;
  return { started, done };
}

describe('chat.route', () => {
  it('routes a code question to the loaded coder, with the runners-up, their scores and reasons', async () => {
    const ws = await start(LOADED);
    const res = await ws.call('chat.route', { messages: [{ role: 'user', content: CODE_PROMPT }] });
    expect(res.error).toBeUndefined();
    const route = res.result as Route;
    expect(route.task).toBe('code');
    expect(route.choice).toMatchObject({ modelKey: 'qwen2.5-coder-14b-instruct', loaded: true });
    expect(route.choice!.displayName.length).toBeGreaterThan(0);
    expect(route.reasonParts.kind).toBe('routed');
    expect(route.reason).toContain('code detected');
    expect(route.runnersUp.map((o) => o.modelKey)).toContain('llama-3.2-3b-instruct');
    const runner = route.runnersUp.find((o) => o.modelKey === 'llama-3.2-3b-instruct')!;
    expect(runner.score).toBeLessThan(route.choice!.score);
    expect(runner.reason).toContain('loaded');
    expect(route.confidence).toBeGreaterThan(0);
    expect(route.confidence).toBeLessThanOrEqual(1);
  });

  it('says the user picked a model when one is named, and refuses bad input', async () => {
    const ws = await start(LOADED);
    const route = (
      await ws.call('chat.route', {
        messages: [{ role: 'user', content: CODE_PROMPT }],
        model: 'llama-3.2-3b-instruct',
      })
    ).result as Route;
    expect(route.choice?.modelKey).toBe('llama-3.2-3b-instruct');
    expect(route.reasonParts).toMatchObject({ kind: 'override', state: 'loaded' });
    expect(route.runnersUp.map((o) => o.modelKey)).toContain('qwen2.5-coder-14b-instruct');
    expect((await ws.call('chat.route', { messages: [] })).error).toMatchObject({ code: 'invalid-input' });
  });

  it('answers with no choice and what to do when nothing is loaded', async () => {
    const ws = await start([]);
    const route = (await ws.call('chat.route', { messages: [{ role: 'user', content: 'hi' }] })).result as Route;
    expect(route.choice).toBeNull();
    expect(route.reasonParts.kind).toBe('none');
    expect(route.reason.length).toBeGreaterThan(10);
  });
});

describe('chat.send keeps the exchange; chat.rate feeds the router', () => {
  it('ends with the model, the measurements and the message id; a 👍 is stored and shows in the next decision', async () => {
    const ws = await start(LOADED);
    const { started, done } = await askAndWait(ws, CODE_PROMPT, { conversationId: 'new' });
    expect(started).toMatchObject({
      model: 'qwen2.5-coder-14b-instruct',
      task: 'code',
      reasonParts: { kind: 'routed' },
    });
    expect(done).toMatchObject({ finishReason: 'stop', model: 'qwen2.5-coder-14b-instruct', fallbackFrom: null });
    expect(done.messageId).toEqual(expect.any(Number));
    expect(done.conversationId).toEqual(expect.any(String));
    expect(done.ttftMs).toBeGreaterThan(0);
    expect(done.tokensPerSecond).toBeGreaterThan(0);

    // The follow-up goes into the same conversation.
    const second = await askAndWait(ws, 'And in one line?', { conversationId: done.conversationId });
    expect(second.done.conversationId).toBe(done.conversationId);

    expect((await ws.call('chat.rate', { messageId: done.messageId, rating: 1 })).result).toEqual({ rated: true });
    const { opened, store } = openChatStore(session.harness!.home);
    try {
      const kept = store.messages(done.conversationId!);
      expect(kept.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
      expect(kept[1]).toMatchObject({
        id: done.messageId,
        rating: 1,
        model: 'qwen2.5-coder-14b-instruct',
        task: 'code',
      });
    } finally {
      opened.close();
    }
    const route = (await ws.call('chat.route', { messages: [{ role: 'user', content: CODE_PROMPT }] })).result as Route;
    expect(route.choice?.notes).toContainEqual(expect.objectContaining({ kind: 'ratings', up: 1, down: 0 }));

    const history = (await ws.call('chat.history', { limit: 5 })).result as {
      conversations: Array<{ id: string; title: string }>;
    };
    expect(history.conversations[0]).toMatchObject({
      id: done.conversationId,
      title: expect.stringContaining('Fix this Python error'),
    });
    const conversation = (await ws.call('chat.conversation', { id: done.conversationId })).result as {
      messages: Array<{ id: number; rating: number | null }>;
    };
    expect(conversation.messages.find((m) => m.id === done.messageId)?.rating).toBe(1);

    // 0 clears the rating.
    expect((await ws.call('chat.rate', { messageId: done.messageId, rating: 0 })).result).toEqual({ rated: true });
    const cleared = (await ws.call('chat.conversation', { id: done.conversationId })).result as {
      messages: Array<{ id: number; rating: number | null }>;
    };
    expect(cleared.messages.find((m) => m.id === done.messageId)?.rating).toBeNull();
  });

  it('refuses a rating for an unknown answer, a question, or an odd value', async () => {
    const ws = await start(LOADED);
    const { done } = await askAndWait(ws, 'Say hi.', { conversationId: 'new' });
    expect((await ws.call('chat.rate', { messageId: 999_999, rating: 1 })).error).toMatchObject({ code: 'not-found' });
    // The question (the message before the answer) cannot be rated.
    expect((await ws.call('chat.rate', { messageId: done.messageId! - 1, rating: -1 })).error).toMatchObject({
      code: 'not-found',
    });
    expect((await ws.call('chat.rate', { messageId: done.messageId, rating: 2 })).error).toMatchObject({
      code: 'invalid-input',
    });
    expect((await ws.call('chat.conversation', { id: 'nope' })).error).toMatchObject({ code: 'not-found' });
  });

  it('keeps nothing when the caller does not ask for a conversation', async () => {
    const ws = await start(LOADED);
    const { done } = await askAndWait(ws, 'Say hi.');
    expect(done.messageId).toBeNull();
    expect(((await ws.call('chat.history')).result as { conversations: unknown[] }).conversations).toEqual([]);
  });
});

describe('without a chat history', () => {
  it('answers rate, history and conversation with what happened and what to do', async () => {
    const handlers = createChatHandlers(undefined, {
      ask: () => Promise.reject(new Error('unused')),
      route: () => Promise.reject(new Error('unused')),
      store: null,
      onRated: () => {},
      close: () => {},
    });
    const context = { transport: 'ws' as const, callerId: 't' };
    await expect(handlers['chat.rate']({ messageId: 1, rating: 1 }, context)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/could not be opened.*Restart Loadout/),
    });
    await expect(handlers['chat.history']({ limit: 5 }, context)).rejects.toMatchObject({ code: 'unavailable' });
    await expect(handlers['chat.send']({ messages: [{ role: 'user', content: 'hi' }] }, context)).rejects.toMatchObject(
      { code: 'unavailable' },
    );
  });
});

describe('a chat streams only to the client that asked', () => {
  it('sends chat.delta and chat.done to the asking socket, none to another; broadcasts still reach both', async () => {
    const asker = await start(LOADED);
    const other = await session.connect();
    const { done } = await askAndWait(asker, 'Say hello.');
    expect(done.finishReason).toBe('stop');
    expect(asker.events.filter((e) => e.event === 'chat.delta').length).toBeGreaterThan(0);
    // A round trip on the other socket: any event sent to it before this answer has arrived by now.
    expect((await other.call('app.info')).error).toBeUndefined();
    expect(other.events.filter((e) => e.event.startsWith('chat.'))).toEqual([]);
    // An event for everyone still reaches the socket that did not ask.
    session.harness!.events.emit('chat.done', { requestId: 'all', finishReason: 'stop', error: null, usage: null });
    await other.waitForEvent('chat.done', 5_000, (p) => (p as Done).requestId === 'all');
  });
});
