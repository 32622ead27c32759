/**
 * A driver whose clock is off the system's (a replayed capture, a time zone read wrong): the real H200
 * stream with every `sampledAt` 1 h ahead of the sample's own timestamp. Answers are timed by the system,
 * so their energy must come out the same as with a consistent clock, not silently null.
 */
import { describe, expect, it } from 'vitest';
import { EnergyTracker } from '../../../electron/core/energy/energy-tracker';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { readStream, sampleOf } from '../../support/h200-trace';

const HOUR = 3_600_000;
const rows = readStream().filter((_, i) => i % 5 === 1); // nvidia-smi at 1 s

/** The sample as the monitor publishes it, with the driver's clock `skewMs` off and the sampler `delayMs` late. */
const skewed = (tMs: number, powerW: number, skewMs: number, delayMs: number): HardwareSample => {
  const s = sampleOf(tMs, { powerW, util: 90 });
  return {
    ...s,
    timestamp: new Date(tMs + delayMs).toISOString(),
    gpus: s.gpus.map((g) => ({ ...g, sampledAt: new Date(tMs + skewMs).toISOString() })),
  };
};

async function answerEnergy(skewMs: number): Promise<{ energyJ: number | null; coverage: number; measuredJ: number }> {
  const t = new EnergyTracker({
    ledger: null,
    getContext: () => ({ presetId: 'coding', loadedModelKeys: ['qwen'], inFlight: 1 }),
    gapLimitSeconds: () => 5,
    requestTimeoutMs: 50,
  });
  rows.forEach((r, i) => t.ingest(skewed(r.tMs, r.powerW, skewMs, (i * 37) % 120)));
  const start = rows[5]!.tMs + 300;
  const rec = await t.recordRequest({
    model: 'qwen',
    tokens: 200,
    durationMs: 8000,
    startedAt: start,
    endedAt: start + 8000,
  });
  return { energyJ: rec.energyJ, coverage: rec.coverage, measuredJ: t.measured().joules };
}

describe('energy per answer with a driver clock off the system clock', () => {
  it('a stream whose sampledAt is 1 h ahead (or behind) still gives the answer its energy, as with a consistent clock', async () => {
    const consistent = await answerEnergy(0);
    expect(consistent.energyJ).not.toBeNull();
    expect(consistent.coverage).toBe(1);
    for (const skew of [HOUR, -HOUR]) {
      const off = await answerEnergy(skew);
      expect(off.coverage).toBe(1);
      // The driver's spacing is kept (only its epoch is replaced), so the figure matches to within the sampler's 0-120 ms lag at the first reading.
      expect(off.energyJ!).toBeGreaterThan(consistent.energyJ! * 0.98);
      expect(off.energyJ!).toBeLessThan(consistent.energyJ! * 1.02);
      // The whole stream's energy is exactly the consistent one: intervals stay on the driver's spacing.
      expect(off.measuredJ).toBeCloseTo(consistent.measuredJ, 6);
    }
  });
});
