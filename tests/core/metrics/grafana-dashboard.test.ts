import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectMetrics, type MetricsCore } from '../../../electron/core/metrics/collect-metrics';

/** A core with nothing measured yet: every family still writes its HELP and TYPE lines. */
const emptyCore = {
  hardware: { latest: () => null },
  energy: { service: () => ({ tracker: { measured: () => ({ joules: 0, counterJ: 0, powerJ: 0 }) } }) },
  lmstudio: { listLoaded: async () => [] },
  chat: { existing: () => null },
  delegationLedger: { delegationSummary: () => ({ rows: [] }) },
} as unknown as MetricsCore;

describe('resources/grafana-loadout.json', () => {
  it('queries only metrics that /metrics exports', async () => {
    const exported = new Set([...(await collectMetrics(emptyCore)).matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]));
    const dashboard = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../../resources/grafana-loadout.json'), 'utf8'),
    ) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    const queried = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/loadout_[a-z_]+/g) ?? []));
    expect(queried.length).toBeGreaterThanOrEqual(8);
    for (const name of queried) expect(exported, name).toContain(name);
    for (const name of [
      'loadout_gpu_utilization_ratio',
      'loadout_gpu_memory_used_bytes',
      'loadout_gpu_power_watts',
      'loadout_energy_joules_total',
      'loadout_models_loaded',
      'loadout_model_tokens_per_second',
      'loadout_requests_total',
      'loadout_delegations_total',
    ]) {
      expect(queried).toContain(name);
    }
  });
});
