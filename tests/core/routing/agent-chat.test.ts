/**
 * The chat through an agent's contract, over a fake contract client: the model is fixed and nothing is
 * kept on the agent, events that arrive before `chat.send` answers are not lost, a refused model is
 * `model-not-loaded` (the routed chat tries the next choice), an agent's failure keeps its code and the
 * text so far, and a connection that closes is noticed by the liveness check.
 */
import { describe, expect, it } from 'vitest';
import { ChatError } from '../../../electron/core/chat/chat-errors';
import type { ChatCall } from '../../../electron/core/chat/chat-service';
import { createAgentChat, toContractMessages } from '../../../electron/core/routing/agent-chat';
import type { FleetView } from '../../../electron/core/routing/fleet-endpoints';
import type { ApiResponse, ContractClient } from '../../../shared/contract';
import { createContractEvents } from '../../../shared/contract/client';

type Handler = (method: string, input: unknown) => ApiResponse<unknown> | Promise<ApiResponse<unknown>>;

function fakeAgent(handler: Handler) {
  const events = createContractEvents();
  const calls: Array<{ method: string; input: unknown }> = [];
  const client = {
    call: async (method: string, input: unknown) => {
      calls.push({ method, input });
      return handler(method, input);
    },
    on: (event: never, listener: never) => events.on(event, listener),
  } as unknown as ContractClient;
  const fleet: FleetView = { snapshot: () => [], client: async () => client };
  return { fleet, events, calls };
}

const call = (over: Partial<ChatCall> = {}): ChatCall => ({
  endpoint: { id: 'agent:ws', label: 'ws', kind: 'remote', openAiBaseUrl: 'http://x', apiKey: null, agent: 'ws' },
  model: 'qwen2.5-coder-14b-instruct',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'hi' },
  ],
  ...over,
});
const ok = (result: unknown): ApiResponse<unknown> => ({ ok: true, result });
const done = (extra: Record<string, unknown> = {}) => ({
  requestId: 'r1',
  finishReason: 'stop' as const,
  error: null,
  usage: { promptTokens: 4, completionTokens: 2 },
  model: 'qwen2.5-coder-14b-instruct',
  ttftMs: 30,
  tokensPerSecond: 55,
  energyWh: 0.01,
  ...extra,
});

describe('agent chat', () => {
  it('sends the fixed model, keeps nothing on the agent, and loses no event that came before the answer', async () => {
    const agent = fakeAgent((method) => {
      if (method !== 'chat.send') return ok({});
      // The agent streams before its chat.send answer reaches us.
      agent.events.emit('chat.delta', { requestId: 'r1', text: 'Hel' });
      agent.events.emit('chat.delta', { requestId: 'other', text: 'NOT OURS' });
      queueMicrotask(() => {
        agent.events.emit('chat.delta', { requestId: 'r1', text: 'lo' });
        agent.events.emit('chat.done', done());
      });
      return ok({ requestId: 'r1', model: 'qwen2.5-coder-14b-instruct', reason: 'chosen by you' });
    });
    const deltas: string[] = [];
    const answer = await createAgentChat(agent.fleet).chat(call({ onDelta: (t) => deltas.push(t), maxTokens: 9 }));
    expect(agent.calls.find((c) => c.method === 'chat.send')!.input).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
      model: 'qwen2.5-coder-14b-instruct',
      maxTokens: 9,
      keep: false,
    });
    expect(answer).toMatchObject({
      text: 'Hello',
      finishReason: 'stop',
      completionTokens: 2,
      promptTokens: 4,
      ttftMs: 30,
      tokensPerSecond: 55,
      energyWh: 0.01,
    });
    expect(deltas).toEqual(['Hel', 'lo']);
  });

  it('a model the agent refuses is model-not-loaded, with nothing streamed', async () => {
    const agent = fakeAgent(() => ({ ok: false, error: { code: 'refused', message: 'no model fits' } }));
    const error = (await createAgentChat(agent.fleet)
      .chat(call())
      .catch((e: unknown) => e)) as ChatError;
    expect(error).toBeInstanceOf(ChatError);
    expect(error.code).toBe('model-not-loaded');
    expect(error.partialText).toBe('');
    expect(error.message).toContain('"ws" did not take the question: no model fits');
  });

  it("an agent's failed answer keeps its code and the text so far", async () => {
    const agent = fakeAgent((method) => {
      if (method !== 'chat.send') return ok({});
      queueMicrotask(() => {
        agent.events.emit('chat.delta', { requestId: 'r1', text: 'Part' });
        agent.events.emit(
          'chat.done',
          done({
            finishReason: 'error',
            error: { code: 'failed', message: 'LM Studio stopped' },
            failure: { code: 'interrupted', serverMessage: null },
            cut: true,
          }),
        );
      });
      return ok({ requestId: 'r1', model: 'm', reason: 'x' });
    });
    const error = (await createAgentChat(agent.fleet)
      .chat(call())
      .catch((e: unknown) => e)) as ChatError;
    expect(error.code).toBe('interrupted');
    expect(error.partialText).toBe('Part');
    expect(error.message).toBe('LM Studio stopped (on "ws")');
  });

  it('notices a closed connection before the first text: not-running, so the next choice is tried', async () => {
    let closed = false;
    const agent = fakeAgent((method) => {
      if (method === 'chat.send') {
        queueMicrotask(() => (closed = true));
        return ok({ requestId: 'r1', model: 'm', reason: 'x' });
      }
      return closed ? { ok: false, error: { code: 'unavailable', message: 'the connection to "ws" closed' } } : ok({});
    });
    const error = (await createAgentChat(agent.fleet, { livenessMs: 5 })
      .chat(call())
      .catch((e: unknown) => e)) as ChatError;
    expect(error.code).toBe('not-running');
    expect(error.partialText).toBe('');
    expect(error.message).toContain('"ws" went away before answering (the connection to "ws" closed)');
  });

  it('turns OpenAI messages into the contract: developer as system, tools left out, the last pictures kept', () => {
    expect(
      toContractMessages([
        { role: 'developer', content: 'rules' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
        { role: 'tool', content: 'x', tool_call_id: 't' },
      ]),
    ).toEqual({
      messages: [
        { role: 'system', content: 'rules' },
        { role: 'user', content: 'what is this?' },
      ],
      images: ['data:image/png;base64,AAAA'],
    });
  });
});
