/**
 * Answers from an upstream with Nagle on (headers and body in two writes): the relay must not wait on its
 * own kernel's delayed ACK. A busy keep-alive connection is where Linux delays it (~40 ms, timed in
 * bench/upstream-nagle and bench/endpoint). On Linux the upstream call ACKs each answer's headers at once
 * (TCP_QUICKACK) and keeps its connection, streamed or whole; without quick-ACK, a whole answer over
 * plain http goes on a new connection (which ACKs at once) and streams keep reusing theirs.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RouteDecision } from '../../../shared/routing/types';
import { createOpenAiRouter } from '../../../electron/core/routing/openai-router';
import type { RoutingSnapshot } from '../../../electron/core/routing/routing-state-source';
import { loadQuickAck, type AckNow } from '../../../electron/core/routing/quick-ack';
import { createUpstreamCall, type UpstreamCall } from '../../../electron/core/routing/upstream-request';
import { startNagleUpstream, type NagleUpstream } from '../../support/nagle-upstream';
import { quickAckState } from '../../support/tcp-quick-ack-state';

const ANSWER = {
  id: 'c1',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Lima.' }, finish_reason: 'stop' }],
};
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function nagleUpstream(): Promise<NagleUpstream> {
  const upstream = await startNagleUpstream(ANSWER);
  closers.push(upstream.close);
  return upstream;
}

/** The endpoint's router on a local server, sending every request to `upstream` through `call`. */
async function relayTo(upstream: NagleUpstream, call: UpstreamCall): Promise<string> {
  const choice = {
    modelKey: 'm',
    instanceId: 'm',
    endpointId: 'local',
    endpointKind: 'local',
    machine: null,
    needsLoad: false,
    contextLength: 4096,
    score: 1,
    source: 'override',
  } as const;
  const decision = {
    choice,
    runnersUp: [],
    reason: 'asked for m',
    task: { kind: 'chat' },
    mention: null,
  } as unknown as RouteDecision;
  const snapshot = {
    chatEndpoints: new Map([
      ['local', { id: 'local', label: 'this PC', kind: 'local', openAiBaseUrl: upstream.baseUrl, apiKey: null }],
    ]),
  } as unknown as RoutingSnapshot;
  const handler = createOpenAiRouter({
    routedChat: { route: () => Promise.resolve({ decision, snapshot, decisionUs: 0 }) },
    snapshot: () => Promise.resolve(snapshot),
    upstream: call,
  });
  const server = http.createServer((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
}

const ask = (url: string, stream: boolean) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'm', stream, messages: [{ role: 'user', content: 'Capital do Peru?' }] }),
  });

const noQuickAck = () => Promise.resolve(null);

describe.runIf(process.platform === 'linux')('an upstream with Nagle on, quick-ACK on Linux', () => {
  it('the endpoint ACKs the headers of every answer, streamed or whole, on one kept-alive connection', async () => {
    const upstream = await nagleUpstream();
    const bound = await loadQuickAck();
    expect(bound).not.toBeNull();
    const acked: boolean[] = [];
    const spy: AckNow = (socket) => {
      const ok = bound!(socket);
      acked.push(ok);
      return ok;
    };
    const url = await relayTo(upstream, createUpstreamCall({ quickAck: () => Promise.resolve(spy) }));
    // The first call asks for the binding; it is in place from the next one on.
    expect((await ask(url, true)).status).toBe(200);
    for (const stream of [false, true, false, true]) {
      const res = await ask(url, stream);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(JSON.stringify(ANSWER));
    }
    expect(acked).toEqual([true, true, true, true]);
    expect(upstream.requestsPerConnection).toEqual([5]);
  });

  it('each answer arrives with its socket out of delayed-ACK mode, where a call without quick-ACK leaves it in', async () => {
    const upstream = await nagleUpstream();
    const states = async (call: UpstreamCall) => {
      const out: Array<number | null> = [];
      for (let i = 0; i < 4; i++) {
        const res = await call(`${upstream.baseUrl}/chat/completions`, {
          headers: {},
          body: '{"stream":true}',
          signal: new AbortController().signal,
        });
        out.push(quickAckState((res.body as unknown as { socket: Socket }).socket));
        for await (const chunk of res.body) void chunk;
      }
      return out.slice(1);
    };
    // Back-to-back calls on a kept-alive connection: Linux holds the ACK of the answer's headers (0), until
    // its ~40 ms timer; a stalled test process may see the timer's 1, so not every call is asserted.
    expect(await states(createUpstreamCall({ quickAck: noQuickAck }))).toContain(0);
    expect(await states(createUpstreamCall({ quickAck: loadQuickAck }))).toEqual([1, 1, 1]);
  });
});

describe('an upstream with Nagle on, no quick-ACK (another OS, or koffi missing)', () => {
  it('the endpoint relays each non-streamed answer intact, each on a new upstream connection', async () => {
    const upstream = await nagleUpstream();
    const url = await relayTo(upstream, createUpstreamCall({ quickAck: noQuickAck }));
    for (let i = 0; i < 4; i++) {
      const res = await ask(url, false);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(ANSWER);
    }
    expect(upstream.requestsPerConnection).toEqual([1, 1, 1, 1]);
  });

  it('streamed requests keep reusing one keep-alive connection', async () => {
    const upstream = await nagleUpstream();
    const call = createUpstreamCall({ quickAck: noQuickAck });
    for (let i = 0; i < 3; i++) {
      const res = await call(`${upstream.baseUrl}/chat/completions`, {
        headers: {},
        body: '{"stream":true}',
        signal: new AbortController().signal,
      });
      for await (const chunk of res.body) void chunk;
    }
    expect(upstream.requestsPerConnection).toEqual([3]);
  });
});
