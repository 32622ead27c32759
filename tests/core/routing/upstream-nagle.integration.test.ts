/**
 * Whole answers from an upstream with Nagle on (headers and body in two writes): the relay must not wait
 * on its own kernel's delayed ACK. A busy keep-alive connection is where Linux delays it (~40 ms, timed
 * in bench/upstream-nagle); a new connection ACKs at once. So: each whole answer arrives on its own
 * connection, streams keep reusing theirs, and the answer itself is intact.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RouteDecision } from '../../../shared/routing/types';
import { createOpenAiRouter } from '../../../electron/core/routing/openai-router';
import type { RoutingSnapshot } from '../../../electron/core/routing/routing-state-source';
import { postUpstream } from '../../../electron/core/routing/upstream-request';
import { startNagleUpstream, type NagleUpstream } from '../../support/nagle-upstream';

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

/** The endpoint's router on a local server, sending every request to `upstream` (the default upstream call, as in production). */
async function relayTo(upstream: NagleUpstream): Promise<string> {
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
  });
  const server = http.createServer((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
}

describe('whole answers from an upstream with Nagle on', () => {
  it('the endpoint relays each non-streamed answer intact, each on a new upstream connection', async () => {
    const upstream = await nagleUpstream();
    const url = await relayTo(upstream);
    for (let i = 0; i < 4; i++) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'Capital do Peru?' }] }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(ANSWER);
    }
    expect(upstream.requestsPerConnection).toEqual([1, 1, 1, 1]);
  });

  it('streamed requests keep reusing one keep-alive connection', async () => {
    const upstream = await nagleUpstream();
    for (let i = 0; i < 3; i++) {
      const res = await postUpstream(`${upstream.baseUrl}/chat/completions`, {
        headers: {},
        body: '{"stream":true}',
        signal: new AbortController().signal,
      });
      for await (const chunk of res.body) void chunk;
    }
    expect(upstream.requestsPerConnection).toEqual([3]);
  });
});
