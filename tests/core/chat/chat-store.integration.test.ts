/** Chat history, ratings and the routing log in a real loadout.db, and the evidence the router reads back. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openChatStore } from '../../../electron/core/chat/open-chat-store';
import { buildEvidence } from '../../../shared/routing/build-evidence';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tempHome = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-chat-'));
  dirs.push(d);
  return d;
};

describe('chat store', () => {
  it('keeps conversations and answers with their measurements across reopenings', () => {
    const home = tempHome();
    const first = openChatStore(home);
    const c = first.store.startConversation('  Qual a capital\n da Austrália?  ');
    first.store.addMessage(c.id, { role: 'user', content: 'Qual a capital da Austrália?' });
    const answerId = first.store.addMessage(c.id, {
      role: 'assistant',
      content: 'Canberra.',
      model: 'llama-3.2-3b-instruct',
      endpointId: 'local',
      task: 'quick',
      reason: 'short question → llama-3.2-3b-instruct, loaded',
      ttftMs: 120,
      tokensPerSecond: 140,
      completionTokens: 4,
      energyWh: 0.002,
      finish: 'stop',
    });
    first.opened.close();

    const again = openChatStore(home);
    expect(again.store.listConversations()).toMatchObject([{ id: c.id, title: 'Qual a capital da Austrália?' }]);
    const msgs = again.store.messages(c.id);
    expect(msgs.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(msgs[1]).toMatchObject({
      id: answerId,
      model: 'llama-3.2-3b-instruct',
      task: 'quick',
      ttftMs: 120,
      tokensPerSecond: 140,
      energyWh: 0.002,
      rating: null,
    });
    again.opened.close();
    expect(fs.existsSync(path.join(home, 'loadout.db'))).toBe(true);
  });

  it('stores 👍/👎 on answers only, and they come back as evidence per task', () => {
    const { opened, store } = openChatStore(tempHome());
    const c = store.startConversation('x');
    const q = store.addMessage(c.id, { role: 'user', content: 'x' });
    const a1 = store.addMessage(c.id, {
      role: 'assistant',
      content: 'a',
      model: 'qwen2.5-7b-instruct',
      task: 'code',
      tokensPerSecond: 80,
      ttftMs: 200,
    });
    const a2 = store.addMessage(c.id, {
      role: 'assistant',
      content: 'b',
      model: 'qwen2.5-7b-instruct',
      task: 'code',
      tokensPerSecond: 60,
      ttftMs: 100,
    });
    expect(store.rate(q, 1)).toBe(false);
    expect(store.rate(a1, -1)).toBe(true);
    expect(store.rate(a2, -1)).toBe(true);
    expect(store.rate(9999, 1)).toBe(false);
    const ev = buildEvidence(store.answerSamples());
    expect(ev['qwen2.5-7b-instruct']).toMatchObject({
      tokensPerSecond: 70,
      ttftMs: 150,
      ratings: { code: { up: 0, down: 2 } },
    });
    store.rate(a2, null);
    expect(buildEvidence(store.answerSamples())['qwen2.5-7b-instruct']?.ratings).toEqual({ code: { up: 0, down: 1 } });
    store.addSample('endpoint', {
      model: 'qwen2.5-7b-instruct',
      task: 'code',
      ttftMs: 90,
      tokensPerSecond: 100,
      completionTokens: 40,
    });
    expect(buildEvidence(store.answerSamples())['qwen2.5-7b-instruct']).toMatchObject({
      tokensPerSecond: 80,
      speedSamples: 3,
    });
    store.deleteConversation(c.id);
    expect(store.messages(c.id)).toEqual([]);
    opened.close();
  });

  it('batches deferred writes and writes them on close', () => {
    const home = tempHome();
    const { opened, store } = openChatStore(home);
    for (let i = 0; i < 3; i++)
      store.later(
        (s) =>
          s.addSample('endpoint', {
            model: 'm',
            task: 'quick',
            ttftMs: 10,
            tokensPerSecond: 100 + i,
            completionTokens: 5,
          }),
        60_000,
      );
    expect(store.answerSamples()).toEqual([]);
    opened.close();
    const again = openChatStore(home);
    expect(
      again.store
        .answerSamples()
        .map((a) => a.tokensPerSecond)
        .sort(),
    ).toEqual([100, 101, 102]);
    again.opened.close();
  });

  it('logs routing decisions', () => {
    const { opened, store } = openChatStore(tempHome());
    store.logRoute(
      'cli',
      {
        task: {
          kind: 'code',
          language: 'en',
          promptTokens: 12,
          answerBudget: 2048,
          confidence: 0.9,
          hasCode: true,
          signals: [],
        },
        confidence: 0.9,
        reason: 'code detected → x',
        choice: null,
      },
      85,
    );
    expect(store.routingLog()).toMatchObject([
      { origin: 'cli', task: 'code', model: null, reason: 'code detected → x', confidence: 0.9 },
    ]);
    opened.close();
  });
});
