/**
 * Telemetry of one benchmark run: every hardware sample taken while it runs, reduced to peak VRAM, peak
 * RAM and peak GPU power, and the GPU energy of a time window integrated with the shared energy
 * integrator (hardware counter first, else trapezoid over power.draw), each reading placed on the sampler's
 * clock by the shared reading clock (the driver's timestamps, unless they are on another clock).
 */
import { COUNTER_NOT_READ } from '../../../shared/energy/counter-reads';
import { EnergyIntegrator, type EnergyReading, intervalJoulesBetween } from '../../../shared/energy/energy-integrator';
import { ReadingClock } from '../../../shared/energy/reading-clock';
import type { EnergyMethod } from '../../../shared/energy/types';
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { HardwareMonitor } from '../hardware/monitor-types';

/** Readings further apart than this are not bridged (the energy feature's default gap limit). */
const GAP_LIMIT_MS = 10_000;

export interface WindowEnergy {
  joules: number | null;
  method: EnergyMethod | null;
  /** Share of the window covered by readings, 0..1. */
  coverage: number;
  unavailableReason: string | null;
}

/** Total VRAM in use over every GPU of a sample; null when no GPU reports it. */
export function vramUsed(sample: HardwareSample | null): number | null {
  if (!sample) return null;
  const used = sample.gpus.map((g) => g.memoryUsedBytes).filter((v): v is number => v !== null);
  return used.length ? used.reduce((a, b) => a + b, 0) : null;
}

const peak = (values: Array<number | null>) => {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  return v.length ? Math.max(...v) : null;
};

/** Energy (J) of the samples' GPUs between two times (Unix ms), per GPU then summed. */
export function integrateWindow(samples: readonly HardwareSample[], startMs: number, endMs: number): WindowEnergy {
  if (!(endMs > startMs))
    return { joules: null, method: null, coverage: 0, unavailableReason: 'The measured window is empty.' };
  const byGpu = new Map<string, EnergyReading[]>();
  const clocks = new Map<string, ReadingClock>();
  for (const s of samples) {
    for (const g of s.gpus) {
      const key = g.uuid ?? String(g.index);
      const clock = clocks.get(key) ?? new ReadingClock();
      clocks.set(key, clock);
      const tMs = clock.place(Date.parse(s.timestamp), Date.parse(g.sampledAt ?? ''));
      if (!Number.isFinite(tMs)) continue;
      const list = byGpu.get(key) ?? [];
      list.push({ tMs, powerW: g.powerW, counterMJ: g.energyCounterNotRead ? COUNTER_NOT_READ : g.energyCounterMJ });
      byGpu.set(key, list);
    }
  }
  if (byGpu.size === 0)
    return {
      joules: null,
      method: null,
      coverage: 0,
      unavailableReason: samples.length
        ? 'No GPU readings during the run (no NVIDIA GPU, or its telemetry is unavailable).'
        : 'No hardware samples during the run.',
    };
  let joules = 0;
  let method: EnergyMethod | null = null;
  let covered = 0;
  for (const readings of byGpu.values()) {
    readings.sort((a, b) => a.tMs - b.tMs);
    const integrator = new EnergyIntegrator(GAP_LIMIT_MS);
    let gpuCovered = 0;
    // Readings after the run's last counter read are booked from power: no later read will come for them.
    for (const step of [...readings.flatMap((r) => integrator.push(r)), ...integrator.flushHeld()]) {
      if (step.kind !== 'interval') continue;
      const a = Math.max(startMs, step.startMs);
      const b = Math.min(endMs, step.endMs);
      if (b <= a) continue;
      joules += intervalJoulesBetween(step, a, b); // a counter delta is split along the power curve
      gpuCovered += b - a;
      method = method === 'power-integration' || step.method === 'power-integration' ? 'power-integration' : 'counter';
    }
    covered = Math.max(covered, gpuCovered);
  }
  const coverage = Math.min(1, covered / (endMs - startMs));
  // Under half the window covered is not a measurement (the same rule as the energy ledger's requests).
  if (coverage < 0.5) {
    return {
      joules: null,
      method: null,
      coverage,
      unavailableReason: `GPU readings covered only ${Math.round(coverage * 100)} % of the run (power readings missing or the run was shorter than the sampling period).`,
    };
  }
  return { joules: joules / coverage, method, coverage, unavailableReason: null };
}

/**
 * Collects samples from a monitor while a run is going on, with the energy counter read at every sample
 * meanwhile (the window's energy is then its own seconds', not a share of a held counter span).
 */
export class RunTelemetry {
  readonly samples: HardwareSample[] = [];
  private unsubscribe: (() => void) | null = null;
  private releaseFineGrain: (() => void) | null = null;

  constructor(private readonly monitor: Pick<HardwareMonitor, 'subscribe' | 'latest' | 'holdEnergyFineGrain'> | null) {}

  /** Start collecting. */
  start(): void {
    if (!this.monitor || this.unsubscribe) return;
    this.releaseFineGrain = this.monitor.holdEnergyFineGrain?.() ?? null;
    const latest = this.monitor.latest();
    if (latest) this.samples.push(latest);
    this.unsubscribe = this.monitor.subscribe((s) => this.samples.push(s));
  }

  /** Stop collecting (idempotent). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.releaseFineGrain?.();
    this.releaseFineGrain = null;
  }

  /** The newest sample seen, or the monitor's latest. */
  latest(): HardwareSample | null {
    return this.samples.at(-1) ?? this.monitor?.latest() ?? null;
  }

  /** Peaks over the samples taken at or after `sinceMs`. */
  peaks(sinceMs = 0): {
    samples: number;
    peakVramBytes: number | null;
    peakRamBytes: number | null;
    peakGpuPowerW: number | null;
    gpuSource: string;
  } {
    const window = this.samples.filter((s) => Date.parse(s.timestamp) >= sinceMs);
    const power = window.map((s) => {
      const p = s.gpus.map((g) => g.powerW).filter((v): v is number => v !== null);
      return p.length ? p.reduce((a, b) => a + b, 0) : null;
    });
    return {
      samples: window.length,
      peakVramBytes: peak(window.map(vramUsed)),
      peakRamBytes: peak(window.map((s) => s.memory.usedBytes)),
      peakGpuPowerW: peak(power),
      gpuSource: window.at(-1)?.gpuSource ?? 'none',
    };
  }
}
