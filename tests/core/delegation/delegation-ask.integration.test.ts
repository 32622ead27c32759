/**
 * core.delegation's `ask` against the LM Studio emulator through the real router: answers with their
 * measurements, each decline reason, structured output checked, busy models waited for, the line of
 * asks, cancellation mid-stream and LM Studio down.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDelegationService, type DelegationDeps } from '../../../electron/core/delegation/delegation-service';
import type { AskProgress } from '../../../electron/core/delegation/delegation-types';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import { InFlightRegistry } from '../../../electron/core/presets/in-flight-registry';
import { createRoutingFeature } from '../../../electron/core/routing/create-routing';
import { readRoutingEndpoints } from '../../../electron/core/routing/routing-endpoints';
import type { DelegationRecord } from '../../../shared/delegation/delegation-record';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { SettingsSchema, type Settings } from '../../../shared/settings/schema';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';
import { DEFAULT_CATALOG } from '../../emulator/catalog';

const emulators: LmStudioEmulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((e) => e.close()));
});

async function emulator(options: Parameters<typeof createLmStudioEmulator>[0]) {
  const e = await createLmStudioEmulator({ tokensPerSecond: 400, ...options });
  emulators.push(e);
  return e;
}

const CODE = 'Write a Python function that parses an ISO 8601 date string and returns a datetime, with a unit test.';

interface Setup {
  url: string;
  settings?: Record<string, unknown>;
  gaming?: boolean;
  inFlight?: InFlightRegistry;
  /** Free VRAM the hardware monitor reports (a JIT load is proposed only when it is known). */
  vramFreeGb?: number;
  /** LOADOUT_REMOTES / LOADOUT_CLOUD_* for the router's other endpoints. */
  endpointsEnv?: Record<string, string>;
}

/** The parts of a hardware sample memory-fit reads: one 24 GB GPU with `freeGb` free. */
const sampleWith = (freeGb: number) =>
  ({
    gpus: [{ memoryTotalBytes: 24e9, memoryUsedBytes: 24e9 - freeGb * 1e9 }],
    memory: { availableBytes: 64e9 },
  }) as unknown as HardwareSample;

/** The delegation service over a real router on `url`, with settings, a ledger that keeps rows and progress kept per ask. */
function delegation(setup: Setup) {
  const settings: Settings = SettingsSchema.parse(setup.settings ?? {});
  const rows: DelegationRecord[] = [];
  const routing = createRoutingFeature({
    lmstudio: createLmStudioClient({ baseUrl: setup.url, env: { PATH: '' }, getRetries: 0 }),
    env: {},
    origin: 'cli',
    endpoints: readRoutingEndpoints(setup.endpointsEnv ?? {}),
    settings: { get: () => settings },
    inFlight: setup.inFlight,
    snapshotCache: { freshMs: 0, staleMs: 0 },
    hardware: { latest: () => (setup.vramFreeGb === undefined ? null : sampleWith(setup.vramFreeGb)) },
  });
  const deps: DelegationDeps = {
    routing: () => routing,
    settings: { get: () => settings },
    ledger: () => ({ recordDelegation: (row) => void rows.push(row) }),
    gamingHoldsGpu: () => setup.gaming ?? false,
    machineName: 'test-box',
    busyPollMs: 20,
    loadingTickMs: 20,
  };
  return { service: createDelegationService(deps), rows, routing };
}

const progressOf = () => {
  const seen: AskProgress[] = [];
  return { seen, onProgress: (p: AskProgress) => void seen.push(p) };
};

describe('core.delegation ask against the emulator', () => {
  it('answers code on the loaded coder with tokens, speed, the cloud cost avoided, and records it', async () => {
    const emu = await emulator({ preload: [{ key: 'qwen2.5-coder-14b-instruct', contextLength: 16384 }] });
    const { service, rows } = delegation({
      url: emu.url,
      settings: { mcp: { cloudPrice: { inputPerMTok: 3, outputPerMTok: 15 } } },
    });
    const r = await service.ask({ prompt: CODE, task: 'code', maxTokens: 12 }, { client: 'claude-code' });
    expect(r).toMatchObject({
      answered: true,
      declined: false,
      model: 'qwen2.5-coder-14b-instruct',
      machine: 'test-box',
      task: 'code',
      completionTokens: 12,
    });
    expect(r.text.split(/\s+/).filter(Boolean).length).toBe(12);
    expect(r.promptTokens).toBeGreaterThan(0);
    expect(r.ttftMs).not.toBeNull();
    expect(r.tokensPerSecond).toBeGreaterThan(0);
    expect(r.cloudCostAvoided).toBeCloseTo((r.promptTokens * 3 + 12 * 15) / 1e6, 12);
    expect(r.reason).toMatch(/qwen2\.5-coder-14b-instruct/);
    expect(rows).toEqual([
      expect.objectContaining({
        client: 'claude-code',
        answered: true,
        declined: false,
        model: 'qwen2.5-coder-14b-instruct',
        completionTokens: 12,
        task: 'code',
      }),
    ]);
  });

  it('declines below mcp.minConfidence, says why, and records the decline', async () => {
    const emu = await emulator({ preload: [{ key: 'qwen2.5-coder-14b-instruct', contextLength: 16384 }] });
    const { service, rows } = delegation({ url: emu.url, settings: { mcp: { minConfidence: 1 } } });
    const r = await service.ask(
      { prompt: 'Plan a healthy weekly menu for a family of four on a tight budget.' },
      { client: 'claude-desktop' },
    );
    expect(r).toMatchObject({ answered: false, declined: true, text: '', completionTokens: 0 });
    expect(r.reason).toMatch(/^keep this one: the router is only \d+ % sure .* under the 100 % .*mcp\.minConfidence/);
    expect(r.confidence).toBeLessThan(1);
    expect(rows).toEqual([
      expect.objectContaining({ client: 'claude-desktop', answered: false, declined: true, reason: r.reason }),
    ]);
    expect(emu.state.calls.filter((c) => c.path === '/v1/chat/completions')).toHaveLength(0);
  });

  it("never hands the work to the cloud model the router would doubt to: that is the caller's job", async () => {
    const emu = await emulator({ preload: [{ key: 'deepseek-coder-33b-instruct', contextLength: 8192 }] });
    const cloud = await emulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], token: 'sk-cloud' });
    const endpointsEnv = {
      LOADOUT_CLOUD_URL: `${cloud.url}/v1`,
      LOADOUT_CLOUD_MODEL: 'qwen2.5-7b-instruct',
      LOADOUT_CLOUD_API_KEY: 'sk-cloud',
      LOADOUT_CLOUD_LABEL: 'Cloud',
    };
    const { service } = delegation({ url: emu.url, endpointsEnv, settings: { mcp: { minConfidence: 0 } } });
    const r = await service.ask(
      {
        prompt:
          'Me ajude a planejar um cardápio semanal saudável para uma família de quatro pessoas com orçamento apertado.',
      },
      { client: 'c' },
    );
    expect(r).toMatchObject({
      declined: true,
      reason: expect.stringMatching(
        /^keep this one: the router is only \d+ % sure that deepseek-coder-33b-instruct .* cloud model/,
      ),
    });
    expect(cloud.state.calls.filter((c) => c.path === '/v1/chat/completions')).toHaveLength(0);
  });

  it('declines a vision task when no model here can read images', async () => {
    const emu = await emulator({
      catalog: DEFAULT_CATALOG.filter((m) => !m.vision),
      preload: [{ key: 'qwen2.5-coder-14b-instruct' }],
    });
    const { service } = delegation({ url: emu.url });
    const r = await service.ask({ prompt: 'Describe the chart in this screenshot.', task: 'vision' }, { client: 'c' });
    expect(r).toMatchObject({ declined: true, answered: false });
    expect(r.reason).toMatch(/keep this one: no model on this machine can read images/);
  });

  it('declines a vision task while the vision model is not loaded and loading is off', async () => {
    const emu = await emulator({ preload: [{ key: 'qwen2.5-coder-14b-instruct' }] });
    const { service } = delegation({ url: emu.url });
    const r = await service.ask({ prompt: 'Describe the chart in this screenshot.', task: 'vision' }, { client: 'c' });
    expect(r.reason).toMatch(/keep this one: the vision models here \(qwen2-vl-7b-instruct\) cannot take it now/);
  });

  it('declines a prompt beyond every loaded context (nothing may be loaded)', async () => {
    const emu = await emulator({ preload: [{ key: 'qwen2.5-coder-14b-instruct', contextLength: 2048 }] });
    const { service } = delegation({ url: emu.url });
    const r = await service.ask(
      {
        prompt: `Summarize this log:\n${'2026-12-07 05:00:01 INFO worker started job 42 on queue default\n'.repeat(400)}`,
        task: 'long',
      },
      { client: 'c' },
    );
    expect(r).toMatchObject({ declined: true, model: null });
    expect(r.reason).toMatch(/^keep this one: no local model can take it \(.*context/);
  });

  it('declines while gaming mode holds the GPU, before routing', async () => {
    const emu = await emulator({ preload: [{ key: 'qwen2.5-coder-14b-instruct' }] });
    const { service, rows } = delegation({ url: emu.url, gaming: true });
    const r = await service.ask({ prompt: CODE, task: 'code' }, { client: 'c' });
    expect(r.reason).toMatch(/keep this one: a game holds this machine's GPU/);
    expect(rows).toHaveLength(1);
    expect(emu.state.calls.filter((c) => c.path.includes('models'))).toHaveLength(0);
  });

  it('declines when every fitting model stays busy past mcp.busyWaitSeconds', async () => {
    const emu = await emulator({ preload: [{ key: 'qwen2.5-coder-14b-instruct' }] });
    const inFlight = new InFlightRegistry();
    const end = inFlight.begin('qwen2.5-coder-14b-instruct');
    const { service } = delegation({ url: emu.url, inFlight, settings: { mcp: { busyWaitSeconds: 0 } } });
    const r = await service.ask({ prompt: CODE, task: 'code' }, { client: 'c' });
    expect(r).toMatchObject({ declined: true, model: 'qwen2.5-coder-14b-instruct' });
    expect(r.reason).toMatch(
      /keep this one: every model that fits \(qwen2\.5-coder-14b-instruct\) stayed busy .* \(mcp\.busyWaitSeconds\)/,
    );
    expect(emu.state.calls.filter((c) => c.path === '/v1/chat/completions')).toHaveLength(0);
    end();
  });

  it('waits for a busy model and answers once it is free', async () => {
    const emu = await emulator({ preload: [{ key: 'qwen2.5-coder-14b-instruct' }] });
    const inFlight = new InFlightRegistry();
    const end = inFlight.begin('qwen2.5-coder-14b-instruct');
    const { service } = delegation({ url: emu.url, inFlight, settings: { mcp: { busyWaitSeconds: 60 } } });
    const { seen, onProgress } = progressOf();
    // The other answer ends when this ask says it waits: no clock in the test.
    const r = await service.ask(
      { prompt: CODE, task: 'code', maxTokens: 3 },
      {
        client: 'c',
        onProgress: (p) => {
          onProgress(p);
          if (p.phase === 'waiting-busy') end();
        },
      },
    );
    expect(r.answered).toBe(true);
    expect(seen.map((p) => p.phase)).toEqual(expect.arrayContaining(['waiting-busy', 'answering']));
  });

  it('stops waiting for a busy model when the caller cancels', async () => {
    const emu = await emulator({ preload: [{ key: 'qwen2.5-coder-14b-instruct' }] });
    const inFlight = new InFlightRegistry();
    const end = inFlight.begin('qwen2.5-coder-14b-instruct');
    const { service, rows } = delegation({ url: emu.url, inFlight, settings: { mcp: { busyWaitSeconds: 600 } } });
    const cancel = new AbortController();
    const asked = service.ask(
      { prompt: CODE, task: 'code' },
      { client: 'c', signal: cancel.signal, onProgress: (p) => p.phase === 'waiting-busy' && cancel.abort() },
    );
    await expect(asked).rejects.toMatchObject({ code: 'cancelled' });
    expect(rows).toHaveLength(0);
    expect(service.queue.counts()).toEqual({ running: 0, waiting: 0 });
    end();
  });

  it('passes json_schema as structured output and returns the valid answer parsed', async () => {
    const emu = await emulator({
      preload: [{ key: 'qwen2.5-coder-14b-instruct' }],
      answerText: '{"name": "parse_date", "lines": 12}',
    });
    const { service } = delegation({ url: emu.url });
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, lines: { type: 'integer' } },
      required: ['name', 'lines'],
      additionalProperties: false,
    };
    const r = await service.ask({ prompt: CODE, task: 'code', jsonSchema: schema }, { client: 'c' });
    expect(r).toMatchObject({ answered: true, structured: { name: 'parse_date', lines: 12 } });
  });

  it('never passes an answer that does not match json_schema for valid', async () => {
    const emu = await emulator({ preload: [{ key: 'qwen2.5-coder-14b-instruct' }], answerText: '{"name": 7}' });
    const { service } = delegation({ url: emu.url });
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    const r = await service.ask({ prompt: CODE, task: 'code', jsonSchema: schema }, { client: 'c' });
    expect(r.answered).toBe(true);
    expect(r).not.toHaveProperty('structured');
    expect(r.reason).toMatch(/answered, but the answer does not match json_schema: \/name must be string/);
    expect(r.text).toBe('{"name": 7}');
  });

  it('runs mcp.maxConcurrent asks at once, queues the rest in order, and a queued ask can be cancelled', async () => {
    const emu = await emulator({ preload: [{ key: 'qwen2.5-coder-14b-instruct' }], tokensPerSecond: 200 });
    const { service } = delegation({ url: emu.url, settings: { mcp: { maxConcurrent: 1, busyWaitSeconds: 60 } } });
    const queuedAt = (onQueued: () => void) => (p: AskProgress) => p.phase === 'queued' && onQueued();
    const first = service.ask({ prompt: CODE, task: 'code', maxTokens: 20 }, { client: 'c' });
    let secondQueued!: () => void;
    const secondWaits = new Promise<void>((resolve) => (secondQueued = resolve));
    const order: string[] = [];
    const queued = service.ask(
      { prompt: CODE, task: 'code', maxTokens: 2 },
      {
        client: 'c',
        onProgress: (p) => {
          order.push(`${p.phase}:${p.position ?? ''}`);
          queuedAt(secondQueued)(p);
        },
      },
    );
    await secondWaits;
    expect(service.queue.counts()).toEqual({ running: 1, waiting: 1 });
    const cancel = new AbortController();
    const dropped = service.ask(
      { prompt: CODE, task: 'code', maxTokens: 2 },
      { client: 'c', signal: cancel.signal, onProgress: queuedAt(() => cancel.abort()) },
    );
    await expect(dropped).rejects.toMatchObject({ name: 'DelegationError', code: 'cancelled' });
    expect(service.queue.counts()).toEqual({ running: 1, waiting: 1 });
    const [a, b] = await Promise.all([first, queued]);
    expect(a.answered && b.answered).toBe(true);
    expect(order[0]).toBe('queued:1');
    expect(emu.state.calls.filter((c) => c.path === '/v1/chat/completions')).toHaveLength(2);
  });

  it('stops the LM Studio stream when the caller cancels mid-answer', async () => {
    const emu = await emulator({ preload: [{ key: 'qwen2.5-coder-14b-instruct' }], tokensPerSecond: 20 });
    const inFlight = new InFlightRegistry();
    const { service, rows } = delegation({ url: emu.url, inFlight });
    const cancel = new AbortController();
    const asked = service.ask(
      { prompt: CODE, task: 'code', maxTokens: 400 },
      { client: 'c', signal: cancel.signal, onProgress: (p) => p.phase === 'answering' && cancel.abort() },
    );
    await expect(asked).rejects.toMatchObject({ code: 'cancelled' });
    expect(inFlight.count('qwen2.5-coder-14b-instruct')).toBe(0);
    expect(rows).toHaveLength(0);
  });

  it('loads a model on demand only when allowed, telling progress while it loads', async () => {
    const emu = await emulator({ jit: true, loadMsPerGb: 20 });
    const { service } = delegation({ url: emu.url, settings: { routing: { allowJitLoad: true } }, vramFreeGb: 22 });
    const { seen, onProgress } = progressOf();
    const r = await service.ask({ prompt: CODE, task: 'code', maxTokens: 3 }, { client: 'c', onProgress });
    expect(r.answered).toBe(true);
    expect(seen[0]).toMatchObject({ phase: 'loading', model: r.model });
    expect(seen.at(-1)).toMatchObject({ phase: 'answering' });
  });

  it('never loads a model over a busy one: the load waits, then declines, and nothing is loaded', async () => {
    const emu = await emulator({ jit: true, preload: [{ key: 'llama-3.2-3b-instruct', contextLength: 8192 }] });
    const inFlight = new InFlightRegistry();
    const end = inFlight.begin('llama-3.2-3b-instruct');
    const { service } = delegation({
      url: emu.url,
      inFlight,
      vramFreeGb: 20,
      settings: { routing: { allowJitLoad: true }, mcp: { busyWaitSeconds: 0 } },
    });
    const r = await service.ask({ prompt: CODE, task: 'code', model: 'qwen2.5-coder-14b-instruct' }, { client: 'c' });
    expect(r).toMatchObject({
      declined: true,
      model: 'qwen2.5-coder-14b-instruct',
      reason: expect.stringContaining('(llama-3.2-3b-instruct) stayed busy'),
    });
    expect(emu.state.calls.filter((c) => c.path === '/v1/chat/completions' || c.path.endsWith('/load'))).toHaveLength(
      0,
    );
    end();
  });

  it("is a fault with LM Studio's sentence when the model was unloaded under the answer", async () => {
    const emu = await emulator({ preload: [{ key: 'qwen2.5-coder-14b-instruct' }] });
    emu.control.failNextChat({ kind: 'error-body' });
    const { service, rows } = delegation({ url: emu.url });
    await expect(service.ask({ prompt: CODE, task: 'code' }, { client: 'c' })).rejects.toMatchObject({
      name: 'DelegationError',
      code: 'failed',
      message: expect.stringMatching(/not loaded|unloaded/i),
    });
    expect(rows).toHaveLength(0);
  });

  it('is a fault, not a decline, when LM Studio does not answer', async () => {
    const emu = await emulator({});
    const url = emu.url;
    await emu.close();
    emulators.splice(0);
    const { service } = delegation({ url });
    await expect(service.ask({ prompt: CODE, task: 'code' }, { client: 'c' })).rejects.toMatchObject({
      name: 'DelegationError',
      code: 'unavailable',
      message: expect.stringMatching(/LM Studio/),
    });
  });
});
