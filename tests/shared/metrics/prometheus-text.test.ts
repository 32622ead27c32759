import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { formatPrometheusText } from '../../../shared/metrics/prometheus-text';

describe('formatPrometheusText', () => {
  it('writes HELP and TYPE lines and escapes label values so a parser reads them back', () => {
    const text = formatPrometheusText([
      {
        name: 'loadout_models_loaded',
        help: 'Loaded instances\\n of each model.',
        type: 'gauge',
        samples: [{ labels: { model: 'a "quoted"\\path\nline' }, value: 2 }],
      },
      { name: 'loadout_energy_joules_total', help: 'Energy.', type: 'counter', samples: [{ value: 1234.5678 }] },
    ]);
    expect(text).toContain('# TYPE loadout_energy_joules_total counter\nloadout_energy_joules_total 1234.5678\n');
    const [models, energy] = parsePrometheusTextFormat(text);
    expect(models).toMatchObject({
      name: 'loadout_models_loaded',
      type: 'GAUGE',
      metrics: [{ labels: { model: 'a "quoted"\\path\nline' }, value: '2' }],
    });
    expect(energy).toMatchObject({ type: 'COUNTER', metrics: [{ value: '1234.5678' }] });
  });

  it('leaves out unknown values instead of writing 0 or NaN', () => {
    const text = formatPrometheusText([
      {
        name: 'loadout_gpu_power_watts',
        help: 'Power.',
        type: 'gauge',
        samples: [
          { labels: { gpu: '0' }, value: Number.NaN },
          { labels: { gpu: '1' }, value: 80 },
        ],
      },
    ]);
    expect(text).not.toMatch(/NaN|gpu="0"/);
    expect(text).toContain('loadout_gpu_power_watts{gpu="1"} 80');
  });

  it('refuses an invalid metric or label name, naming it', () => {
    expect(() => formatPrometheusText([{ name: 'loadout-bad', help: '', type: 'gauge', samples: [] }])).toThrow(
      /"loadout-bad"/,
    );
    expect(() =>
      formatPrometheusText([
        { name: 'loadout_ok', help: '', type: 'gauge', samples: [{ labels: { 'bad-label': 'x' }, value: 1 }] },
      ]),
    ).toThrow(/"bad-label"/);
  });
});
