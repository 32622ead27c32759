/** The endpoint never relays a fault as a 200 answer: LM Studio's 200-with-error and a server that is not LM Studio become OpenAI-shaped errors, uncosted. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RouteChoice, RouteDecision } from '../../../shared/routing/types';
import { createOpenAiRouter } from '../../../electron/core/routing/openai-router';
import type { RoutingSnapshot } from '../../../electron/core/routing/routing-state-source';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';

const MODEL = 'qwen2.5-7b-instruct';
let emu: LmStudioEmulator;
let server: http.Server;
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await emu.close();
});

/** The router over the emulator with the choice made (routing is not under test), counting what it costs. */
async function endpoint(
  options: { recordRequest?: () => { energyJ: number } | Promise<never> } = {},
): Promise<{ client: OpenAI; recorded: number[]; stale: number[]; backgroundErrors: string[] }> {
  const recorded: number[] = [];
  const backgroundErrors: string[] = [];
  const stale: number[] = [];
  const choice: RouteChoice = {
    modelKey: MODEL,
    instanceId: MODEL,
    endpointId: 'local',
    endpointKind: 'local',
    machine: null,
    needsLoad: false,
    contextLength: 4096,
    score: 1,
    source: 'override',
  };
  const decision = {
    choice,
    runnersUp: [],
    reason: `chosen by you → ${MODEL}, loaded`,
    task: { kind: 'chat' },
    mention: null,
  } as unknown as RouteDecision;
  const snapshot = {
    chatEndpoints: new Map([
      [
        'local',
        { id: 'local', label: `LM Studio at ${emu.url}`, kind: 'local', openAiBaseUrl: `${emu.url}/v1`, apiKey: null },
      ],
    ]),
  } as unknown as RoutingSnapshot;
  const handler = createOpenAiRouter({
    routedChat: { route: () => Promise.resolve({ decision, snapshot, decisionUs: 1 }) },
    snapshot: () => Promise.resolve(snapshot),
    energy: {
      recordRequest: (r) => {
        recorded.push(r.tokens);
        return options.recordRequest?.() ?? { energyJ: 1 };
      },
    },
    onStale: () => stale.push(1),
    onBackgroundError: (message) => backgroundErrors.push(message),
  });
  server = http.createServer((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    client: new OpenAI({
      baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
      apiKey: 'x',
      maxRetries: 0,
    }),
    recorded,
    stale,
    backgroundErrors,
  };
}

const messages = [{ role: 'user' as const, content: 'hello there' }];

describe('OpenAI endpoint: upstream faults', () => {
  it.each([false, true])(
    'HTTP 200 {"error": "Model is unloaded."} reaches the client as an OpenAI error quoting LM Studio (stream: %s), uncosted',
    async (stream) => {
      emu = await createLmStudioEmulator({ preload: [{ key: MODEL }] });
      const { client, recorded, stale } = await endpoint();
      emu.control.failNextChat({ kind: 'error-body' });
      const error = await client.chat.completions.create({ model: MODEL, messages, stream, max_tokens: 5 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
      expect((error as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({
        type: 'model_not_found',
        message: expect.stringContaining('"Model is unloaded."'),
      });
      expect(recorded).toEqual([]);
      expect(stale).toHaveLength(1);
    },
  );

  it('a server that is not LM Studio is an OpenAI error that says so, not a 200 page', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: MODEL }] });
    const { client, recorded } = await endpoint();
    emu.control.set({ impostor: 'html' });
    const error = await client.chat.completions.create({ model: MODEL, messages, max_tokens: 5 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((error as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({
      type: 'loadout_upstream_not_lmstudio',
      message: expect.stringMatching(/HTML page.*is not LM Studio/),
    });
    expect(recorded).toEqual([]);
  });

  it('a stream that ends cleanly halfway reaches the client as an error after the partial text, uncosted', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: MODEL }] });
    const { client, recorded } = await endpoint();
    emu.control.failNextChat({ kind: 'clean-eof', afterTokens: 3 });
    const stream = await client.chat.completions.create({ model: MODEL, messages, stream: true, max_tokens: 40 });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    })().then(
      () => null,
      (e: unknown) => e,
    );
    expect(text.length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({
      type: 'loadout_stream_cut',
      message: expect.stringMatching(new RegExp(`${MODEL}.*stopped halfway.*ask again`)),
    });
    expect(recorded).toEqual([]);
  });

  it('a whole stream still ends cleanly and is costed', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: MODEL }] });
    const { client, recorded } = await endpoint();
    let text = '';
    for await (const chunk of await client.chat.completions.create({
      model: MODEL,
      messages,
      stream: true,
      max_tokens: 8,
    }))
      text += chunk.choices[0]?.delta?.content ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(recorded).toHaveLength(1);
  });

  it('an energy ledger that refuses the record never fails the answer: the failure is reported with its stack, not left unhandled', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: MODEL }] });
    const refusal = new Error('energy.tariff: expected a number');
    const { client, recorded, backgroundErrors } = await endpoint({ recordRequest: () => Promise.reject(refusal) });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const answer = await client.chat.completions.create({ model: MODEL, messages, max_tokens: 8 });
      expect(answer.choices[0]?.message.content).toBeTruthy();
      await vi.waitFor(() => expect(backgroundErrors).toHaveLength(1));
      expect(recorded).toHaveLength(1);
      expect(backgroundErrors[0]).toMatch(
        new RegExp(`energy of an answer from ${MODEL} could not be recorded.*energy\\.tariff: expected a number`, 's'),
      );
      expect(backgroundErrors[0]).toContain('openai-endpoint-faults.integration.test.ts');
      // One more turn of the loop: a rejection left unhandled would be reported by now.
      await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
