/**
 * nvidia-smi stamps its readings in local time without a zone, so a driver clock read hours off (a time
 * zone read wrong, a clock that drifted, a replayed capture) must not put the user's energy hours away
 * from when it was spent: the ledger's minutes are on the sampler's (system) clock, with the driver's spacing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildEnergyReport } from '../../../electron/core/energy/energy-reports';
import { EnergyTracker } from '../../../electron/core/energy/energy-tracker';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { defaultSettings } from '../../../shared/settings/schema';
import { sampleOf } from '../../support/h200-trace';
import { tempLedger } from '../../support/temp-ledger';

const HOUR = 3_600_000;
const SYSTEM_T0 = Date.UTC(2027, 2, 1, 12, 0, 0);
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A reading taken at `systemMs` by the sampler, stamped `skewMs` off by the driver, the sampler up to 150 ms late. */
function skewed(systemMs: number, skewMs: number, delayMs: number): HardwareSample {
  const s = sampleOf(systemMs, { powerW: 120, util: 0 });
  return {
    ...s,
    timestamp: new Date(systemMs + delayMs).toISOString(),
    gpus: s.gpus.map((g) => ({ ...g, sampledAt: new Date(systemMs + skewMs).toISOString() })),
  };
}

describe('ledger minutes with a driver clock hours off', () => {
  it.each([5 * HOUR, -3 * HOUR])(
    "lands 10 minutes at 120 W in the system's minutes, none at the driver's (skew %d ms)",
    (skewMs) => {
      const t = tempLedger();
      cleanups.push(t.cleanup);
      const tracker = new EnergyTracker({
        ledger: t.ledger,
        getContext: () => ({ presetId: null, loadedModelKeys: [], inFlight: 0 }),
        gapLimitSeconds: () => 5,
        writerId: 'a',
      });
      for (let i = 0; i <= 600; i += 1) tracker.ingest(skewed(SYSTEM_T0 + i * 1000, skewMs, (i * 37) % 150));
      tracker.stop();
      const report = (fromMs: number, toMs: number) =>
        buildEnergyReport(t.ledger, { fromMs, toMs, by: 'day', settings: defaultSettings() }).kWh;
      // 120 W for 600 s = 0.02 kWh, placed where the system clock says it was spent.
      expect(report(SYSTEM_T0, SYSTEM_T0 + 11 * 60_000)).toBeCloseTo(0.02, 3);
      expect(report(SYSTEM_T0 + skewMs - HOUR, SYSTEM_T0 + skewMs + HOUR)).toBe(0);
      expect(t.ledger.lastRecordedEnd('GPU-h200')).toBe(SYSTEM_T0 + 600_000);
    },
  );
});
