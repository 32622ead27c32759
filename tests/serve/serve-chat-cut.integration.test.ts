/**
 * The quick chat after a cut answer (LM Studio ended the stream without finishing it): `chat.done` says
 * it was cut and returns the conversation the partial answer was kept in, so the next question goes on
 * in that conversation instead of starting a new one.
 */
import { describe, expect, it } from 'vitest';
import { useServeSession } from '../support/serve-session';

const session = useServeSession();

interface Done {
  requestId: string;
  finishReason: string;
  cut?: boolean;
  conversationId?: string | null;
  messageId?: number | null;
}

describe('the quick chat after a cut answer', () => {
  it('returns the kept conversation with the cut answer, and the next question goes on in it', async () => {
    const ws = await session.start({
      emulator: { preload: [{ key: 'llama-3.2-3b-instruct' }], tokensPerSecond: 400, timeToFirstTokenMs: 20 },
    });
    session.emulator!.control.failNextChat({ kind: 'clean-eof', afterTokens: 5 });
    const ask = async (content: string, conversationId: string) => {
      const started = (await ws.call('chat.send', { messages: [{ role: 'user', content }], conversationId }))
        .result as { requestId: string };
      return (await ws.waitForEvent('chat.done', 20_000, (p) => (p as Done).requestId === started.requestId)) as Done;
    };

    const cut = await ask('Tell me about the Amazon river.', 'new');
    expect(cut).toMatchObject({
      finishReason: 'error',
      cut: true,
      conversationId: expect.any(String),
      messageId: expect.any(Number),
    });

    const next = await ask('And its length?', cut.conversationId!);
    expect(next).toMatchObject({ finishReason: 'stop', conversationId: cut.conversationId });
    const history = (await ws.call('chat.history')).result as { conversations: Array<{ id: string }> };
    expect(history.conversations.map((c) => c.id)).toEqual([cut.conversationId]);
    const kept = (await ws.call('chat.conversation', { id: cut.conversationId })).result as {
      messages: Array<{ role: string }>;
    };
    expect(kept.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });
});
