/**
 * `GET /metrics`: the core's live numbers as Prometheus metric families, pulled at scrape time from
 * the sampler, the energy tracker, LM Studio, the chat history and the delegation ledger.
 */
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import { formatPrometheusText, type MetricFamily } from '../../../shared/metrics/prometheus-text';
import type { AppCore } from '../app-core';

/** What the metrics read; a narrow view of the core so tests can pass their own. */
export type MetricsCore = Pick<AppCore, 'hardware' | 'energy' | 'lmstudio' | 'chat' | 'delegationLedger'>;

/** How long a scrape waits for LM Studio's loaded list before reporting it down. */
const LMSTUDIO_TIMEOUT_MS = 2_000;
/** The newest answers per model that its tokens-per-second median is taken over. */
const TPS_WINDOW = 20;

/** Collect the metrics of `core` now, in the Prometheus text format. */
export async function collectMetrics(core: MetricsCore, now: () => number = Date.now): Promise<string> {
  const loaded = await core.lmstudio.listLoaded({ timeoutMs: LMSTUDIO_TIMEOUT_MS }).then(
    (list) => list,
    () => null,
  );
  return formatPrometheusText([
    ...gpuFamilies(core.hardware.latest()),
    {
      name: 'loadout_energy_joules_total',
      help: 'GPU energy Loadout measured since this process started (resets on restart, as counters may).',
      type: 'counter',
      samples: [{ value: core.energy.service().tracker.measured().joules }],
    },
    {
      name: 'loadout_lmstudio_up',
      help: 'Whether LM Studio answered the loaded-models query (1) or not (0).',
      type: 'gauge',
      samples: [{ value: loaded ? 1 : 0 }],
    },
    {
      name: 'loadout_models_loaded',
      help: 'Loaded instances of each model in LM Studio.',
      type: 'gauge',
      samples: loadedSamples(loaded ?? []),
    },
    {
      name: 'loadout_model_tokens_per_second',
      help: `Median generation speed of the last ${TPS_WINDOW} answers of each model.`,
      type: 'gauge',
      samples: tokensPerSecond(core),
    },
    {
      name: 'loadout_requests_total',
      help: 'Questions routed by Loadout, by where they came from.',
      type: 'counter',
      samples: requestSamples(core),
    },
    {
      name: 'loadout_delegations_total',
      help: 'Tasks an agent delegated to the local models (MCP ask), by client and outcome.',
      type: 'counter',
      samples: delegationSamples(core, now()),
    },
  ]);
}

function gpuFamilies(sample: HardwareSample | null): MetricFamily[] {
  const gpus = sample?.gpus ?? [];
  const per = (pick: (g: HardwareSample['gpus'][number]) => number | null, scale = 1) =>
    gpus.flatMap((g) => {
      const value = pick(g);
      return value === null ? [] : [{ labels: { gpu: String(g.index), name: g.name ?? '' }, value: value * scale }];
    });
  return [
    {
      name: 'loadout_gpu_utilization_ratio',
      help: 'GPU utilization, 0 to 1.',
      type: 'gauge',
      samples: per((g) => g.utilizationPercent, 0.01),
    },
    {
      name: 'loadout_gpu_memory_used_bytes',
      help: 'GPU memory in use.',
      type: 'gauge',
      samples: per((g) => g.memoryUsedBytes),
    },
    {
      name: 'loadout_gpu_memory_total_bytes',
      help: 'GPU memory in all.',
      type: 'gauge',
      samples: per((g) => g.memoryTotalBytes),
    },
    {
      name: 'loadout_gpu_power_watts',
      help: "GPU power draw (the driver's 1-second average).",
      type: 'gauge',
      samples: per((g) => g.powerW),
    },
  ];
}

function loadedSamples(loaded: LoadedInstance[]): MetricFamily['samples'] {
  const counts = new Map<string, number>();
  for (const instance of loaded) counts.set(instance.modelKey, (counts.get(instance.modelKey) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([model, value]) => ({ labels: { model }, value }));
}

function tokensPerSecond(core: MetricsCore): MetricFamily['samples'] {
  const byModel = new Map<string, number[]>();
  for (const s of core.chat.existing()?.answerSamples(2_000) ?? []) {
    if (s.tokensPerSecond === null) continue;
    const list = byModel.get(s.modelKey) ?? [];
    if (list.length < TPS_WINDOW) list.push(s.tokensPerSecond);
    byModel.set(s.modelKey, list);
  }
  return [...byModel]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([model, values]) => ({ labels: { model }, value: median(values) }));
}

function requestSamples(core: MetricsCore): MetricFamily['samples'] {
  return (core.chat.existing()?.routedRequestCounts() ?? []).map(({ origin, count }) => ({
    labels: { origin },
    value: count,
  }));
}

function delegationSamples(core: MetricsCore, nowMs: number): MetricFamily['samples'] {
  let summary;
  try {
    summary = core.delegationLedger.delegationSummary({ since: 0, until: nowMs + 1, by: 'client' });
  } catch {
    return []; // loadout.db locked or unreadable: the other metrics still answer.
  }
  return summary.rows.flatMap((row) => [
    { labels: { client: row.key, outcome: 'answered' }, value: row.answered },
    { labels: { client: row.key, outcome: 'declined' }, value: row.declined },
  ]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
