/**
 * Routing across the desk against real Loadout agents (tests/support/fleet-agents.ts: each its own
 * `loadout serve` on a loopback address with an LM Studio emulator): the question goes to the agent
 * holding the best model through its own contract (`chat.send`), fails over to the next machine when
 * the chosen one is killed before the first token, and is kept as a cut answer (no failover) when it
 * is killed after it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../../../electron/core/chat/chat-errors';
import { connectToAgent, type AgentConnection } from '../../../electron/core/fleet/agent-connection';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import { createRoutingFeature, type RoutingFeature } from '../../../electron/core/routing/create-routing';
import { createOpenAiRouter } from '../../../electron/core/routing/openai-router';
import type { FleetView } from '../../../electron/core/routing/fleet-endpoints';
import type { MachineSnapshot } from '../../../shared/contract';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';
import { startFleetAgent, type FleetAgent } from '../../support/fleet-agents';
import { machineSnapshot } from '../../support/fleet-snapshots';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const CODE = 'Traceback (most recent call last):\n  File "app.py", line 9\nKeyError: \'id\'';
const chatCalls = (emu: LmStudioEmulator) => emu.state.calls.filter((c) => /chat/.test(c.path)).length;

async function agent(host: string, models: string[]): Promise<FleetAgent> {
  const a = await startFleetAgent(host, `token-${host}-0123456789abcdef`, models);
  cleanups.push(() => a.stop());
  return a;
}

function snapshotOf(name: string, a: FleetAgent, loaded: string[]): MachineSnapshot {
  return machineSnapshot({
    name,
    url: a.url,
    since: 0,
    lastSeen: 0,
    gpus: [{ name: 'GPU', utilizationPercent: 2, vramUsedBytes: null, vramTotalBytes: null, powerW: null }],
    loadedModels: loaded,
  });
}

/** The fleet as the watch would show it (both online, idle), with one contract socket per agent. */
function fleetOf(agents: Record<string, { agent: FleetAgent; loaded: string[] }>): FleetView {
  const sockets = new Map<string, Promise<AgentConnection>>();
  cleanups.push(async () => {
    for (const s of sockets.values()) await (await s.catch(() => null))?.close();
  });
  return {
    snapshot: () => Object.entries(agents).map(([name, x]) => snapshotOf(name, x.agent, x.loaded)),
    async client(name) {
      const x = agents[name]!;
      let s = sockets.get(name);
      if (!s) {
        s = connectToAgent({ name, url: x.agent.url }, x.agent.token, { timeoutMs: 3000 });
        sockets.set(name, s);
      }
      return (await s).client;
    },
  };
}

/** Wait until the router sees every agent (their first socket and catalog; slow on a loaded test machine). */
async function seesAll(routing: RoutingFeature): Promise<void> {
  await vi.waitFor(
    async () => {
      routing.invalidate();
      const { state } = await routing.snapshot();
      expect(state.endpoints.filter((e) => e.machine && !e.reachable)).toEqual([]);
    },
    { timeout: 30_000, interval: 200 },
  );
}

async function routingOver(fleet: FleetView) {
  // This machine's LM Studio has nothing loaded: only the agents can answer.
  const local = await createLmStudioEmulator({});
  cleanups.push(() => local.close());
  const routing = createRoutingFeature({
    lmstudio: createLmStudioClient({ baseUrl: local.url, env: { PATH: '' }, getRetries: 0 }),
    env: {},
    origin: 'cli',
    endpoints: { remotes: [], cloud: null, problems: [] },
    fleet,
  });
  await seesAll(routing);
  return routing;
}

describe('routing across real agents', { timeout: 120_000 }, () => {
  it("answers on the machine that holds the best model, through the agent's own chat", async () => {
    const [ws, nas] = await Promise.all([
      agent('127.0.0.2', ['qwen2.5-coder-14b-instruct']),
      agent('127.0.0.3', ['llama-3.2-3b-instruct']),
    ]);
    const routing = await routingOver(
      fleetOf({
        workstation: { agent: ws, loaded: ['qwen2.5-coder-14b-instruct'] },
        nas: { agent: nas, loaded: ['llama-3.2-3b-instruct'] },
      }),
    );
    const r = await routing.routedChat.ask({ messages: [{ role: 'user', content: CODE }], maxTokens: 8 });
    expect(r.answeredBy).toMatchObject({
      modelKey: 'qwen2.5-coder-14b-instruct',
      machine: 'workstation',
      endpointId: 'agent:workstation',
    });
    expect(r.decision.reason).toMatch(/→ qwen2\.5-coder-14b-instruct on workstation, coder model, loaded, idle/);
    expect(r.answer.text.length).toBeGreaterThan(0);
    expect(r.answer.completionTokens).toBeGreaterThan(0);
    expect(r.fallbackFrom).toBeNull();
    expect(chatCalls(ws.emu)).toBe(1);
    expect(chatCalls(nas.emu)).toBe(0);
  });

  it('fails over to the next machine when the chosen one is killed before the first token', async () => {
    const [ws, nas] = await Promise.all([
      agent('127.0.0.4', ['qwen2.5-coder-14b-instruct']),
      agent('127.0.0.5', ['codellama-13b-instruct']),
    ]);
    const routing = await routingOver(
      fleetOf({
        workstation: { agent: ws, loaded: ['qwen2.5-coder-14b-instruct'] },
        nas: { agent: nas, loaded: ['codellama-13b-instruct'] },
      }),
    );
    // The workstation takes the question and then sits on it: it dies before any text.
    ws.emu.control.set({ timeToFirstTokenMs: 600_000 });
    const deltas: string[] = [];
    const pending = routing.routedChat.ask({
      messages: [{ role: 'user', content: CODE }],
      maxTokens: 8,
      onDelta: (t) => deltas.push(t),
    });
    await vi.waitFor(() => expect(chatCalls(ws.emu)).toBe(1), { timeout: 30_000 });
    await ws.kill();
    const r = await pending;
    expect(r.answeredBy).toMatchObject({ machine: 'nas', modelKey: 'codellama-13b-instruct' });
    expect(r.fallbackFrom).toMatchObject({ machine: 'workstation', modelKey: 'qwen2.5-coder-14b-instruct' });
    expect(r.fallbackFrom!.error).toContain('"workstation" went away before answering');
    expect(r.answer.text).toBe(deltas.join(''));
    expect(chatCalls(nas.emu)).toBe(1);
  });

  it('keeps a cut answer, and tries no other machine, when the chosen one dies after the first token', async () => {
    const [ws, nas] = await Promise.all([
      agent('127.0.0.6', ['qwen2.5-coder-14b-instruct']),
      agent('127.0.0.7', ['codellama-13b-instruct']),
    ]);
    const routing = await routingOver(
      fleetOf({
        workstation: { agent: ws, loaded: ['qwen2.5-coder-14b-instruct'] },
        nas: { agent: nas, loaded: ['codellama-13b-instruct'] },
      }),
    );
    ws.emu.control.set({ tokensPerSecond: 1 });
    let first!: () => void;
    const firstText = new Promise<void>((resolve) => (first = resolve));
    const pending = routing.routedChat.ask({
      messages: [{ role: 'user', content: CODE }],
      maxTokens: 64,
      onDelta: () => first(),
    });
    const failed = pending.then(
      () => null,
      (e: unknown) => e,
    );
    await firstText;
    await ws.kill();
    const error = await failed;
    expect(error).toBeInstanceOf(ChatError);
    expect((error as ChatError).code).toBe('interrupted');
    expect((error as ChatError).partialText.length).toBeGreaterThan(0);
    expect((error as ChatError).message).toContain('"workstation" went away in the middle of the answer');
    expect(chatCalls(nas.emu)).toBe(0);
  });

  it('the /v1 endpoint answers through the agent, streamed and whole, and names the machine in a header', async () => {
    const ws = await agent('127.0.0.9', ['qwen2.5-coder-14b-instruct']);
    const routing = await routingOver(fleetOf({ workstation: { agent: ws, loaded: ['qwen2.5-coder-14b-instruct'] } }));
    const base = await serveV1(routing);
    const post = (body: Record<string, unknown>) =>
      fetch(`${base}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: CODE }], max_tokens: 6, ...body }),
      });
    const whole = await post({});
    expect(whole.status).toBe(200);
    expect(whole.headers.get('x-loadout-machine')).toBe('workstation');
    const json = (await whole.json()) as {
      object: string;
      choices: Array<{ message: { content: string } }>;
      usage: { completion_tokens: number };
    };
    expect(json.object).toBe('chat.completion');
    expect(json.choices[0]!.message.content.length).toBeGreaterThan(0);
    expect(json.usage.completion_tokens).toBe(6);
    const streamed = await post({ stream: true });
    expect(streamed.headers.get('content-type')).toContain('text/event-stream');
    const events = (await streamed.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const text = events
      .slice(0, -1)
      .map((e) => JSON.parse(e.slice(6)) as { choices: Array<{ delta: { content?: string } }> })
      .map((c) => c.choices[0]!.delta.content ?? '')
      .join('');
    expect(text.length).toBeGreaterThan(0);
    expect(chatCalls(ws.emu)).toBe(2);
  });
});

/** The `/v1` handler over `routing` on a loopback port. */
async function serveV1(routing: RoutingFeature): Promise<string> {
  const handler = createOpenAiRouter({
    routedChat: routing.routedChat,
    snapshot: routing.snapshot,
    agentChat: routing.agentChat,
  });
  const server = http.createServer((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
