/**
 * `npm run bench -- energy`: what the energy ledger costs.
 * 1. Write cost per sample: the tracker measuring and flushing a simulated day of 1-s samples into
 *    loadout.db, against a baseline of one plain INSERT per sample into the same kind of database.
 * 2. Report query time as the ledger grows from 1 to 30 days of minute rollups (synthetic: three
 *    presets a day, one or two models, a time-of-use schedule), for --by day, preset and model.
 *    Target: a 30-day report under 50 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../electron/core/db/open-database';
import { buildEnergyReport } from '../electron/core/energy/energy-reports';
import { openEnergyLedger } from '../electron/core/energy/energy-service';
import { EnergyTracker } from '../electron/core/energy/energy-tracker';
import { MINUTE_MS } from '../shared/energy/minute-rollups';
import type { ReportGrouping } from '../shared/energy/energy-report';
import type { MinuteRollup } from '../shared/energy/types';
import type { HardwareSample } from '../shared/hardware/sample';
import { defaultSettings, type Settings } from '../shared/settings/schema';

const DAY_MS = 86_400_000;

function sample(tMs: number, powerW: number, util: number): HardwareSample {
  const iso = new Date(tMs).toISOString();
  return {
    timestamp: iso,
    cpu: { loadPercent: null, perCore: [] },
    memory: { totalBytes: null, usedBytes: null, availableBytes: null },
    gpuSource: 'nvidia-smi',
    gpuUnavailableReason: null,
    gpus: [
      {
        index: 0,
        name: 'RTX 3090',
        uuid: 'GPU-bench',
        utilizationPercent: util,
        memoryUtilizationPercent: null,
        memoryUsedBytes: null,
        memoryTotalBytes: null,
        temperatureC: null,
        powerW,
        powerLimitW: 350,
        energyCounterMJ: null,
        clockSmMHz: null,
        clockMemMHz: null,
        fanPercent: null,
        pstate: null,
        sampledAt: iso,
      },
    ],
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function benchWrites(dir: string, samples: number): { perSampleUs: number; baselineUs: number; flushes: number } {
  const { opened, ledger } = openEnergyLedger(dir);
  const start = Date.UTC(2026, 10, 1);
  let flushes = 0;
  const tracker = new EnergyTracker({
    ledger,
    getContext: () => ({ presetId: 'coding', loadedModelKeys: ['qwen2.5-coder-32b'], inFlight: 0 }),
    gapLimitSeconds: () => 5,
    writerId: 'bench',
  });
  const originalFlush = tracker.flush.bind(tracker);
  tracker.flush = () => {
    flushes += 1;
    return originalFlush();
  };
  const t0 = performance.now();
  for (let i = 0; i < samples; i += 1) tracker.ingest(sample(start + i * 1000, 100 + (i % 60), i % 300 < 30 ? 90 : 0));
  tracker.stop();
  const perSampleUs = ((performance.now() - t0) * 1000) / samples;
  opened.close();

  // Baseline: one plain INSERT per sample (autocommit), same WAL settings, no tracker.
  const base = openDatabase(path.join(dir, 'baseline'), {
    component: 'bench',
    migrations: ['CREATE TABLE s (t INTEGER, w REAL)'],
  });
  const insert = base.db.prepare('INSERT INTO s VALUES (?, ?)');
  const n = Math.min(samples, 20_000);
  const b0 = performance.now();
  for (let i = 0; i < n; i += 1) insert.run(start + i * 1000, 100);
  const baselineUs = ((performance.now() - b0) * 1000) / n;
  base.close();
  return { perSampleUs, baselineUs, flushes };
}

/** Fill the ledger with `days` of minute rollups ending at `endMs`. */
function fillRollups(dir: string, days: number, endMs: number): void {
  const { opened, ledger } = openEnergyLedger(dir);
  const presets = ['coding', 'writing', null];
  const models: Record<string, string[]> = {
    coding: ['qwen2.5-coder-32b'],
    writing: ['llama-3.1-8b', 'gemma-3-12b'],
    none: [],
  };
  let batch: MinuteRollup[] = [];
  for (let m = endMs - days * DAY_MS; m < endMs; m += MINUTE_MS) {
    const minuteOfDay = Math.floor((m % DAY_MS) / MINUTE_MS);
    const presetId = presets[Math.floor(minuteOfDay / 480)] ?? null;
    const inferring = minuteOfDay % 17 < 3 ? 60 : 0;
    const watts = presetId === null ? 32 : inferring ? 330 : 130;
    batch.push({
      gpuKey: 'GPU-bench',
      minuteMs: m,
      presetId,
      modelKeys: models[presetId ?? 'none'] ?? [],
      energyJ: watts * 60,
      coveredMs: 60_000,
      seconds: {
        'idle-empty': presetId === null ? 60 : 0,
        'loaded-idle': presetId !== null && !inferring ? 60 : 0,
        inferring,
      },
      joulesByState: {
        'idle-empty': presetId === null ? watts * 60 : 0,
        'loaded-idle': presetId !== null && !inferring ? watts * 60 : 0,
        inferring: inferring ? watts * 60 : 0,
      },
      peakW: watts + 20,
      method: 'power-integration',
    });
    if (batch.length === 1440) {
      ledger.write(batch, [], 'bench');
      batch = [];
    }
  }
  if (batch.length) ledger.write(batch, [], 'bench');
  opened.close();
}

function timeReport(
  dir: string,
  days: number,
  endMs: number,
  by: ReportGrouping,
  settings: Settings,
): { ms: number; kWh: number } {
  const { opened, ledger } = openEnergyLedger(dir);
  const times: number[] = [];
  let kWh = 0;
  for (let i = 0; i < 7; i += 1) {
    const t0 = performance.now();
    kWh = buildEnergyReport(ledger, { fromMs: endMs - days * DAY_MS, toMs: endMs, by, settings }).kWh;
    times.push(performance.now() - t0);
  }
  opened.close();
  return { ms: median(times), kWh };
}

/** Run the energy ledger benchmark. */
export async function main(args: string[]): Promise<void> {
  const samples = Number(args[0] ?? 86_400);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-energy-'));
  try {
    console.log(`energy ledger benchmark (node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'})`);
    const w = benchWrites(path.join(root, 'writes'), samples);
    console.log(
      `\nwrite: ${samples} samples (1 s apart, ${(samples / 3600).toFixed(1)} h simulated), ${w.flushes} flushes`,
    );
    console.log(`  tracker + ledger:        ${w.perSampleUs.toFixed(2)} µs per sample (amortized, flushes included)`);
    console.log(`  baseline plain INSERT:   ${w.baselineUs.toFixed(2)} µs per row`);
    console.log(`  ratio tracker/baseline:  ${(w.perSampleUs / w.baselineUs).toFixed(2)}×`);
    console.log(`  share of a 1-s sampling period: ${(w.perSampleUs / 10_000).toFixed(4)} %`);

    const settings: Settings = {
      ...defaultSettings(),
      energy: {
        ...defaultSettings().energy,
        tariff: 0.89,
        gridIntensity: 80,
        timeOfUse: [
          { from: '18:00', to: '21:00', days: [1, 2, 3, 4, 5], pricePerKWh: 1.4 },
          { from: '22:00', to: '06:00', pricePerKWh: 0.55 },
        ],
      },
    };
    const endMs = Date.UTC(2026, 10, 26);
    const dir = path.join(root, 'reports');
    fillRollups(dir, 30, endMs);
    const dbBytes = ['loadout.db', 'loadout.db-wal'].reduce(
      (s, f) => s + (fs.existsSync(path.join(dir, f)) ? fs.statSync(path.join(dir, f)).size : 0),
      0,
    );
    const o0 = performance.now();
    openDatabase(dir, { component: 'bench-open', migrations: [] }).close();
    const openMs = performance.now() - o0;
    const q0 = performance.now();
    openDatabase(dir, { component: 'bench-open', migrations: [], integrityCheck: 'quick' }).close();
    const quickMs = performance.now() - q0;
    console.log(
      `\nreports over 30 days of minute rollups (${30 * 1440} rows, ${(dbBytes / 1e6).toFixed(1)} MB; opening: ${openMs.toFixed(1)} ms, with the full quick_check: ${quickMs.toFixed(1)} ms), median of 7:`,
    );
    console.log('  days   by day   by preset   by model   kWh');
    const results: Record<number, Record<string, number>> = {};
    for (const days of [1, 7, 14, 30]) {
      const row: Record<string, number> = {};
      let kWh = 0;
      for (const by of ['day', 'preset', 'model'] as const) {
        const r = timeReport(dir, days, endMs, by, settings);
        row[by] = r.ms;
        kWh = r.kWh;
      }
      results[days] = row;
      console.log(
        `  ${String(days).padStart(4)}   ${row.day!.toFixed(2).padStart(6)} ms ${row.preset!.toFixed(2).padStart(8)} ms ${row.model!.toFixed(2).padStart(8)} ms   ${kWh.toFixed(2)}`,
      );
    }
    const split: Settings = {
      ...settings,
      energy: { ...settings.energy, timeOfUse: [{ from: '17:30', to: '20:45', pricePerKWh: 1.4 }] },
    };
    const splitMs = timeReport(dir, 30, endMs, 'day', split).ms;
    console.log(
      `  30-day report with a slot boundary inside an hour (17:30–20:45: those hours summed from minutes, per price stretch): ${splitMs.toFixed(2)} ms`,
    );
    const worst30 = Math.max(...Object.values(results[30]!), splitMs);
    console.log(
      `\nratio 30-day / 1-day report time (by day): ${(results[30]!.day! / results[1]!.day!).toFixed(1)}× for 30× the rows`,
    );
    console.log(
      `30-day report, slowest grouping: ${worst30.toFixed(2)} ms — target < 50 ms: ${worst30 < 50 ? 'met' : 'NOT met'}`,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
