/**
 * When each GPU's energy counter is read: every ENERGY_COUNTER_PERIOD_MS, the first sample always.
 * While an answer or a benchmark run measures energy at fine grain, every sample. One read
 * costs ~4 ms of CPU on the real H200 driver (bench/RESULTS.md); the counter is cumulative, so the energy
 * integrator splits each read's delta over the samples between and energy stays exact (counter-reads.ts).
 */
import { ENERGY_COUNTER_PERIOD_MS, ENERGY_COUNTER_PERIOD_SLACK_MS } from '../../../../shared/energy/counter-reads';
import { HARDWARE_ENV } from '../monitor-types';

/**
 * The period in use: ENERGY_COUNTER_PERIOD_MS, unless LOADOUT_ENERGY_COUNTER_PERIOD_MS names another (the
 * telemetry bench's every-second baseline; read from the process environment, which NVML's worker shares).
 */
export function energyCounterPeriodMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env[HARDWARE_ENV.energyCounterPeriod]);
  return Number.isInteger(ms) && ms > 0 ? ms : ENERGY_COUNTER_PERIOD_MS;
}

export class EnergyCounterSchedule {
  /** Device index → when its counter was last read (reader clock, ms). */
  private readonly lastRead = new Map<number, number>();

  /** Read at every sample while something measures energy at fine grain (shared/energy/fine-grain-demand.ts). */
  everySample = false;

  constructor(private readonly periodMs: number = energyCounterPeriodMs()) {}

  /** Whether device `index` reads its counter at `nowMs`: every sample, never read, a period gone, or the clock went back. */
  due(index: number, nowMs: number): boolean {
    const last = this.lastRead.get(index);
    return (
      this.everySample ||
      last === undefined ||
      nowMs < last ||
      nowMs - last >= this.periodMs - ENERGY_COUNTER_PERIOD_SLACK_MS
    );
  }

  /** Device `index` read its counter (or tried: a failed read waits a period too) at `nowMs`. */
  read(index: number, nowMs: number): void {
    this.lastRead.set(index, nowMs);
  }
}
