/**
 * Loads Loadout runs itself reach the energy context at once, not at the next 30-s poll: a benchmark
 * against the LM Studio emulator (its load goes through the presets executor on the shared client) is
 * attributed to the benchmarked model from its first sample, and its unload ends that attribution.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPresetModelLoader } from '../../../electron/core/bench/ensure-model-loaded';
import { createAppEnergy, type AppEnergy } from '../../../electron/core/energy/app-energy';
import { buildEnergyReport } from '../../../electron/core/energy/energy-reports';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { startBenchHarness, type BenchHarness } from '../../support/bench-harness';

const MODEL = 'qwen2.5-7b-instruct';
let h: BenchHarness | null = null;
let energy: AppEnergy | null = null;
afterEach(async () => {
  energy?.dispose();
  energy = null;
  await h?.close();
  h = null;
});

/** Energy over the harness, fed by its scripted monitor (a sample every 50 ms), after its first LM Studio read. */
async function energyOver(harness: BenchHarness): Promise<AppEnergy> {
  const e = createAppEnergy({
    dataDir: harness.dataDir,
    settings: new SettingsStore({ dataDir: harness.dataDir }),
    hardware: harness.monitor,
    presets: harness.presets,
    lmstudio: harness.lmstudio,
  });
  e.service();
  // The first read of the loaded models (nothing yet); from here only a load event (or the 30-s poll) can change the list.
  const reads = () => harness.emulator.state.calls.filter((c) => c.method === 'GET').length;
  for (let waited = 0; reads() === 0 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 200));
  expect(e.context().loadedModelKeys).toEqual([]);
  return e;
}

describe("energy context after Loadout's own loads", () => {
  it('names a model the moment the benchmark loader has loaded it, and forgets it when unloaded', async () => {
    h = await startBenchHarness();
    energy = await energyOver(h);
    const loaded = await createPresetModelLoader(h.presets, h.lmstudio).ensureLoaded(
      { key: MODEL, contextLength: 4096 },
      {},
    );
    expect(loaded.loadedByBench).toBe(true);
    expect(energy.context().loadedModelKeys).toEqual([MODEL]);
    await h.lmstudio.unload(loaded.instance.instanceId);
    expect(energy.context().loadedModelKeys).toEqual([]);
  });

  it('attributes a whole benchmark run to the benchmarked model in the ledger', async () => {
    h = await startBenchHarness({ emulator: { tokensPerSecond: 400, timeToFirstTokenMs: 20 } });
    energy = await energyOver(h);
    const seen = new Set<string>();
    const offSeen = h.monitor.subscribe((_s: HardwareSample) =>
      energy!.context().loadedModelKeys.forEach((k) => seen.add(k)),
    );
    const t0 = Date.now();
    const r = await h.bench.run({ modelKey: MODEL, runs: 1, keepLoaded: false, contextLength: 4096 });
    offSeen();
    expect(r.load.loadedByBench).toBe(true);
    expect(seen).toEqual(new Set([MODEL]));
    // The bench unloaded it again: the context forgot it without waiting for a poll.
    expect(energy.context().loadedModelKeys).toEqual([]);
    const service = energy.service();
    service.tracker.flush();
    const report = buildEnergyReport(service.ledger, {
      fromMs: t0 - 60_000,
      toMs: Date.now() + 60_000,
      by: 'model',
      settings: new SettingsStore({ dataDir: h.dataDir }).get(),
    });
    const row = report.rows.find((x) => x.key === MODEL);
    const modelSeconds = row ? row.seconds.inferring + row.seconds.loadedIdle : 0;
    // Most of the run's answers were measured with the model loaded (the 30-s poll alone would have missed it all).
    expect(modelSeconds).toBeGreaterThan((r.summary.totalMs / 1000) * 0.5);
  });
});
