/**
 * Child process for the hard-kill test: records 5.5 minutes of 100 W readings (simulated clock) into the
 * ledger in argv[2], prints "ready" and waits to be killed with SIGKILL. argv[3] is the real-time flush period.
 */
import { openEnergyLedger } from '../../electron/core/energy/energy-service';
import { EnergyTracker } from '../../electron/core/energy/energy-tracker';
import { sampleOf } from './h200-trace';

const [dir, flushMs] = process.argv.slice(2);
const { ledger } = openEnergyLedger(dir!);
const tracker = new EnergyTracker({
  ledger,
  getContext: () => ({ presetId: null, loadedModelKeys: [], inFlight: 0 }),
  gapLimitSeconds: () => 5,
  flushIntervalMs: Number(flushMs),
});
tracker.start();
const t0 = Date.UTC(2026, 10, 26, 12, 0, 0);
for (let t = t0; t <= t0 + 330_000; t += 1000) tracker.ingest(sampleOf(t, { powerW: 100 }));
process.stdout.write(`ready ${tracker.measured().joules}\n`);
setInterval(() => undefined, 1000);
