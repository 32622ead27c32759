/**
 * The benchmark runner against the LM Studio emulator (configurable tok/s and time to first token):
 * what it measures must be what the emulator was set to; telemetry, energy, device and comparisons
 * come from the scripted monitor; failures say what to do; cancel leaves nothing behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BenchProgress } from '../../../shared/contract/bench';
import { BenchError, isBenchError } from '../../../electron/core/bench/bench-errors';
import { startBenchHarness, type BenchHarness } from '../../support/bench-harness';

let h: BenchHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function rejection(promise: Promise<unknown>): Promise<BenchError> {
  try {
    await promise;
  } catch (error) {
    if (isBenchError(error)) return error;
    throw error;
  }
  throw new Error('expected the benchmark to fail');
}

const loads = (harness: BenchHarness) =>
  harness.emulator.state.calls.filter((c) => c.method === 'POST' && /\/(models|lms)\/load$/.test(c.path)).length;

describe('bench runner against the emulator', () => {
  it('measures 200 tok/s as 200 ± 5 % and the configured time to first token, then unloads what it loaded', async () => {
    h = await startBenchHarness({ emulator: { tokensPerSecond: 200, timeToFirstTokenMs: 150 } });
    const progress: BenchProgress[] = [];
    const r = await h.bench.run(
      { modelKey: 'qwen2.5-7b-instruct', runs: 3, keepLoaded: false, gpuOffload: 'max', contextLength: 4096 },
      { onProgress: (p) => progress.push(p) },
    );

    expect(r.summary.tokensPerSecond.median!).toBeGreaterThanOrEqual(190);
    expect(r.summary.tokensPerSecond.median!).toBeLessThanOrEqual(210);
    expect(r.summary.tokensPerSecond.samples).toBe(18);
    expect(r.summary.ttftMs.median!).toBeGreaterThanOrEqual(150);
    expect(r.summary.ttftMs.median!).toBeLessThan(150 + 100);
    expect(r.measurements).toHaveLength(24);
    expect(r.prompts.map((p) => p.promptId)).toContain('long-context-pt-BR');
    // Every answer got exactly its budget; the long-context prompt filled most of the 4096 context.
    expect(r.measurements.every((m) => m.finishReason === 'length')).toBe(true);
    expect(r.summary.contextTestedTokens!).toBeGreaterThan(2000);
    expect(r.summary.contextTestedTokens!).toBeLessThan(4096 - 40);
    expect(r.summary.promptTokensPerSecond.median!).toBeGreaterThan(0);

    expect(r).toMatchObject({
      id: expect.any(Number),
      device: 'gpu',
      runs: 3,
      load: { contextLength: 4096, gpuOffload: 'max', loadedByBench: true },
      versions: { lmStudio: '0.4.4+1', driver: '581.80', loadout: '0.1.0-test' },
    });
    expect(r.hardware.gpuName).toBe('NVIDIA GeForce RTX 3090');
    expect(r.telemetry.vramAfterLoadBytes! - r.telemetry.vramBeforeLoadBytes!).toBeGreaterThan(4e9);
    expect(r.telemetry.peakVramBytes!).toBeGreaterThanOrEqual(r.telemetry.vramAfterLoadBytes!);
    // 300 W over the measured window: Wh ≈ 300 × seconds / 3600 (the window also holds the gaps between answers).
    const expectedWh = (300 * r.summary.totalMs) / 1000 / 3600;
    expect(r.energy.totalWh!).toBeGreaterThan(expectedWh * 0.95);
    expect(r.energy.totalWh!).toBeLessThan(expectedWh * 1.25);
    expect(r.energy.whPer1kTokens!).toBeCloseTo((r.energy.totalWh! / r.summary.completionTokens) * 1000, 6);
    expect(r.energy.whPerRun!).toBeCloseTo(r.energy.totalWh! / 3, 6);

    // 200 tok/s is far above the document's 80-120 for a 7B Q4_K_M on the GPU, and above Loadout's ~100.
    expect(r.estimates.document).toMatchObject({ lowTokensPerSecond: 80, highTokensPerSecond: 120, verdict: 'above' });
    expect(r.estimates.loadout?.verdict).toBe('above');

    const phases = [...new Set(progress.map((p) => p.phase))];
    expect(phases).toEqual(['checking', 'loading', 'warming-up', 'running', 'unloading', 'saving', 'done']);
    expect(progress.filter((p) => p.phase === 'running' && p.lastTokensPerSecond !== null)).toHaveLength(24);
    expect(h.emulator.state.instances).toHaveLength(0);
    expect(h.bench.list().map((x) => x.id)).toEqual([r.id]);
  }, 60_000);

  it('tells GPU from VRAM growth when the offload is automatic, and keeps the model with keepLoaded', async () => {
    h = await startBenchHarness({ emulator: { tokensPerSecond: 400, timeToFirstTokenMs: 10 } });
    const r = await h.bench.run({ modelKey: 'llama-3.2-3b-instruct', runs: 1, keepLoaded: true });
    expect(r.device).toBe('gpu');
    expect(r.deviceReason).toContain('VRAM grew');
    expect(r.load.contextLength).toBe(4096);
    expect(r.estimates.document?.source).toContain('GPU 3B Q4_K_M');
    expect(h.emulator.state.instances.map((i) => i.id)).toEqual(['llama-3.2-3b-instruct']);
  }, 60_000);

  it('uses a model already loaded as asked without reloading or unloading it', async () => {
    h = await startBenchHarness({
      emulator: {
        tokensPerSecond: 400,
        timeToFirstTokenMs: 10,
        preload: [{ key: 'qwen2.5-7b-instruct', contextLength: 8192 }],
      },
    });
    const before = loads(h);
    const r = await h.bench.run({ modelKey: 'qwen2.5-7b-instruct', runs: 1, keepLoaded: false, contextLength: 8192 });
    expect(loads(h)).toBe(before);
    expect(r.load).toMatchObject({ loadedByBench: false, contextLength: 8192, instanceId: 'qwen2.5-7b-instruct' });
    expect(r.device).toBe('unknown');
    expect(r.estimates.document).toBeNull();
    expect(r.estimates.documentNote).toContain('unknown device');
    expect(h.emulator.state.instances).toHaveLength(1);
  }, 60_000);

  it('runs on the CPU with the GPU offload off and compares with the CPU table', async () => {
    h = await startBenchHarness({ emulator: { tokensPerSecond: 50, timeToFirstTokenMs: 10 } });
    const r = await h.bench.run({ modelKey: 'qwen2.5-7b-instruct', runs: 1, keepLoaded: false, gpuOffload: 'off' });
    expect(r.device).toBe('cpu');
    expect(r.estimates.document).toMatchObject({
      source: expect.stringContaining('CPU 7B Q4_K_M'),
      lowTokensPerSecond: 40,
      highTokensPerSecond: 60,
      verdict: 'inside',
    });
    const lmsLoad = h.emulator.state.calls.some((c) => c.path === '/__emulator/lms/load');
    expect(lmsLoad).toBe(true);
  }, 60_000);

  it('cancels mid-run: rejects with cancelled, stores nothing, unloads the model', async () => {
    h = await startBenchHarness({ emulator: { tokensPerSecond: 100, timeToFirstTokenMs: 10 } });
    const controller = new AbortController();
    const progress: BenchProgress[] = [];
    const run = h.bench.run(
      { modelKey: 'qwen2.5-7b-instruct', runs: 3, keepLoaded: false },
      {
        signal: controller.signal,
        onProgress: (p) => {
          progress.push(p);
          if (p.phase === 'running' && p.step === 2) controller.abort();
        },
      },
    );
    const error = await rejection(run);
    expect(error.code).toBe('cancelled');
    expect(progress.at(-1)?.phase).toBe('cancelled');
    expect(h.bench.list()).toEqual([]);
    expect(h.emulator.state.instances).toHaveLength(0);
  }, 60_000);

  it('cancels through the service while running, and refuses a second run meanwhile', async () => {
    h = await startBenchHarness({ emulator: { tokensPerSecond: 100, timeToFirstTokenMs: 10 } });
    const harness = h;
    const first = harness.bench.run(
      { modelKey: 'qwen2.5-7b-instruct', runs: 3, keepLoaded: false },
      {
        onProgress: (p) => {
          if (p.phase === 'running') harness.bench.cancel();
        },
      },
    );
    expect(
      (await rejection(harness.bench.run({ modelKey: 'qwen2.5-7b-instruct', runs: 1, keepLoaded: false }))).code,
    ).toBe('busy');
    expect((await rejection(first)).code).toBe('cancelled');
    expect(harness.bench.cancel()).toBe(false);
  }, 60_000);

  it('says clearly when the model is not downloaded, and changes nothing', async () => {
    h = await startBenchHarness();
    const error = await rejection(h.bench.run({ modelKey: 'qwen3-235b-a22b', runs: 1, keepLoaded: false }));
    expect(error.code).toBe('not-downloaded');
    expect(error.message).toContain('"qwen3-235b-a22b" is not downloaded in LM Studio');
    expect(error.message).toContain('lms get qwen3-235b-a22b');
    expect(error.message).toContain('qwen2.5-7b-instruct');
    expect(loads(h)).toBe(0);
  });

  it('refuses an embedding model: there is no speed to benchmark', async () => {
    h = await startBenchHarness();
    const error = await rejection(
      h.bench.run({ modelKey: 'text-embedding-nomic-embed-text-v1.5', runs: 1, keepLoaded: false }),
    );
    expect(error.code).toBe('not-generative');
  });

  it('says LM Studio is down and how to start it', async () => {
    h = await startBenchHarness({ baseUrl: 'http://127.0.0.1:9' });
    const error = await rejection(h.bench.run({ modelKey: 'qwen2.5-7b-instruct', runs: 1, keepLoaded: false }));
    expect(error.code).toBe('lmstudio-down');
    expect(error.message).toContain('LM Studio is not running at http://127.0.0.1:9');
    expect(error.message).toContain('start its server');
  });

  it("reports a refused load with LM Studio's reason and leaves nothing loaded", async () => {
    h = await startBenchHarness({ emulator: { vramGb: 4, ramGb: 4 } });
    const error = await rejection(
      h.bench.run({ modelKey: 'deepseek-coder-33b-instruct', runs: 1, keepLoaded: false, gpuOffload: 'max' }),
    );
    expect(error.code).toBe('load-failed');
    expect(error.message).toContain('deepseek-coder-33b-instruct');
    expect(h.emulator.state.instances).toHaveLength(0);
  }, 30_000);

  it('stops with a clear message when an answer is cut halfway, and still unloads', async () => {
    h = await startBenchHarness({ emulator: { tokensPerSecond: 200, timeToFirstTokenMs: 10 } });
    const harness = h;
    const run = harness.bench.run(
      { modelKey: 'qwen2.5-7b-instruct', runs: 1, keepLoaded: false },
      {
        onProgress: (p) => {
          if (p.phase === 'warming-up') harness.emulator.control.dropNextStreamAfter(2);
        },
      },
    );
    const error = await rejection(run);
    expect(error.code).toBe('chat-failed');
    expect(error.message).toContain('stopped halfway');
    expect(harness.emulator.state.instances).toHaveLength(0);
  }, 30_000);

  it('runs without GPU telemetry: energy and VRAM are null with the reason', async () => {
    h = await startBenchHarness({ gpu: false, emulator: { tokensPerSecond: 300, timeToFirstTokenMs: 10 } });
    const r = await h.bench.run({ modelKey: 'llama-3.2-1b-instruct', runs: 1, keepLoaded: false });
    expect(r.device).toBe('cpu');
    expect(r.energy.totalWh).toBeNull();
    expect(r.energy.unavailableReason).toContain('No GPU readings');
    expect(r.telemetry.peakVramBytes).toBeNull();
    expect(r.telemetry.peakRamBytes).toBeGreaterThan(0);
  }, 30_000);
});
