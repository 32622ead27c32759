/**
 * The Prometheus text exposition format (0.0.4), written from a snapshot. Loadout's numbers are
 * pulled from the core at scrape time (a sample, ledger totals), so a push-style registry such as
 * prom-client's (counters that only `inc()`) would have to be reset and refilled on every scrape;
 * formatting the snapshot directly is smaller and exact.
 */

export type MetricType = 'gauge' | 'counter';

export interface MetricFamily {
  /** `loadout_…`, with the unit and `_total` for counters, per Prometheus naming conventions. */
  name: string;
  help: string;
  type: MetricType;
  samples: Array<{ labels?: Record<string, string>; value: number }>;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Write the families; samples with a non-finite value are left out (unknown is absent, never 0). */
export function formatPrometheusText(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    if (!NAME.test(family.name)) throw new Error(`Metric name "${family.name}" is not a valid Prometheus name.`);
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      if (!Number.isFinite(sample.value)) continue;
      lines.push(`${family.name}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function formatLabels(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (!entries.length) return '';
  return `{${entries
    .map(([key, value]) => {
      if (!LABEL.test(key) || key.startsWith('__'))
        throw new Error(`Label name "${key}" is not a valid Prometheus label.`);
      return `${key}="${escapeLabelValue(value)}"`;
    })
    .join(',')}}`;
}

/** HELP text escapes backslash and newline. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Label values escape backslash, double quote and newline. */
function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}
