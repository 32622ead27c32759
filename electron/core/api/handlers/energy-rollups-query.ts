/**
 * Per-minute energy for the monitor's 24 h charts, read from the ledger's `energy_minute` table
 * (see electron/core/energy/energy-schema.ts): rows of one minute are summed per GPU, then GPUs are
 * added up (power) or averaged (time in each state).
 */
import type { EnergyRollup } from '../../../../shared/contract';
import type { EnergyLedger } from '../../energy/energy-ledger';

/** Minutes at or after `sinceMs`, oldest first (at most 24 h worth per call is what the UI asks). */
export function readEnergyRollups(ledger: EnergyLedger, sinceMs: number, limit = 2 * 1440): EnergyRollup[] {
  const rows = ledger.db
    .prepare(
      `
    SELECT minute_ms,
      sum(energy_j) AS energy_j,
      sum(CASE WHEN covered_ms > 0 THEN energy_j * 1000.0 / covered_ms ELSE 0 END) AS avg_w,
      sum(peak_w) AS peak_w,
      avg(idle_empty_s) AS ie, avg(loaded_idle_s) AS li, avg(inferring_s) AS inf
    FROM (
      SELECT minute_ms, gpu_key, sum(energy_j) AS energy_j, sum(covered_ms) AS covered_ms, max(peak_w) AS peak_w,
        sum(idle_empty_s) AS idle_empty_s, sum(loaded_idle_s) AS loaded_idle_s, sum(inferring_s) AS inferring_s
      FROM energy_minute WHERE minute_ms >= ? GROUP BY minute_ms, gpu_key
    )
    GROUP BY minute_ms ORDER BY minute_ms LIMIT ?`,
    )
    .all(sinceMs, limit) as Array<Record<string, number>>;
  return rows.map((r) => ({
    minute: new Date(Number(r.minute_ms)).toISOString(),
    energyWh: Number(r.energy_j) / 3600,
    avgPowerW: Number.isFinite(Number(r.avg_w)) ? Number(r.avg_w) : null,
    peakPowerW: Number.isFinite(Number(r.peak_w)) ? Number(r.peak_w) : null,
    idleSeconds: Number(r.ie),
    loadedIdleSeconds: Number(r.li),
    inferringSeconds: Number(r.inf),
  }));
}
