/** Every CSV column, by name and in order, with the value a spreadsheet user would expect from the stored result. */
import { describe, expect, it } from 'vitest';
import { csvCell, renderBenchCsv } from '../../../shared/bench/render-bench-csv';
import { qwen7bResult } from '../../support/result-fixture';

const rowsOf = (csv: string) =>
  csv
    .slice(1)
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));

describe('benchmark CSV columns', () => {
  it('names each column and fills it from the result (figures worked out from the fixture by hand)', () => {
    const [header, row] = rowsOf(
      renderBenchCsv([
        qwen7bResult({ human: { rating: 4, bestFor: 'chat', issues: null, notes: 'pt-BR ok', ratedAt: null } }),
      ]),
    );
    const cells = Object.fromEntries(header!.map((name, i) => [name, row![i]]));
    expect(cells).toEqual({
      id: '7',
      started_at: '2026-11-26T03:12:00.000Z',
      model_key: 'qwen2.5-7b-instruct',
      model: 'Qwen2.5 7B Instruct',
      quantization: 'Q4_K_M',
      params: '7B',
      device: 'gpu',
      context_length: '8192',
      gpu_offload: 'max',
      runs: '3',
      // tok/s runs 96.2, 97.1, 97.9, 98.4, 98.8, 99.0: median (97.9 + 98.4) / 2.
      tok_s_median: '98.15',
      tok_s_min: '96.2',
      tok_s_max: '99',
      tok_s_spread_pct: cells.tok_s_spread_pct,
      ttft_ms_median: '142',
      ttft_ms_spread_pct: cells.ttft_ms_spread_pct,
      prompt_tok_s_median: '2988',
      long_context_ttft_ms: '1930',
      context_tested_tokens: '5731',
      completion_tokens: '8544',
      total_ms: '221000',
      peak_vram_bytes: '6912000000',
      peak_ram_bytes: '31020000000',
      wh_total: '17.52',
      wh_per_run: '5.84',
      wh_per_1k_tokens: '2.051',
      doc_tok_s_low: '80',
      doc_tok_s_high: '120',
      doc_verdict: 'inside',
      loadout_tok_s_estimate: '101.75',
      loadout_verdict: 'inside',
      rating: '4',
      best_for: 'chat',
      issues: '',
      notes: 'pt-BR ok',
      lmstudio_version: '0.4.4+1',
      driver_version: '581.80',
      loadout_version: '0.1.0',
    });
    // (99.0 − 96.2) / 98.15 ≈ 2.85 %; (151 − 138) / 142 ≈ 9.15 %: a spread, not a median or a range.
    expect(Number(cells.tok_s_spread_pct)).toBeCloseTo(2.85, 1);
    expect(Number(cells.ttft_ms_spread_pct)).toBeCloseTo(9.15, 1);
  });

  it('writes a numeric GPU offload as its number, and leaves an unknown offload and cells without an estimate empty', () => {
    const base = qwen7bResult();
    const result = qwen7bResult({
      load: { ...base.load, gpuOffload: 0.5 },
      estimates: { document: null, documentNote: '', loadout: null, loadoutNote: '' },
    });
    const [header, row] = rowsOf(renderBenchCsv([result]));
    const col = (name: string) => row![header!.indexOf(name)];
    expect(col('gpu_offload')).toBe('0.5');
    const unknown = rowsOf(renderBenchCsv([qwen7bResult({ load: { ...base.load, gpuOffload: null } })]));
    expect(unknown[1]![header!.indexOf('gpu_offload')]).toBe('');
    for (const name of ['doc_tok_s_low', 'doc_tok_s_high', 'doc_verdict', 'loadout_tok_s_estimate', 'loadout_verdict'])
      expect(col(name)).toBe('');
  });

  it('orders results started at the same moment by id, lowest first', () => {
    const [, first, second, third] = rowsOf(
      renderBenchCsv([qwen7bResult({ id: 9 }), qwen7bResult({ id: 3 }), qwen7bResult({ id: 5 })]),
    );
    expect([first![0], second![0], third![0]]).toEqual(['3', '5', '9']);
  });

  it('defuses only text that starts like a formula, and writes no number it cannot', () => {
    expect(csvCell('a-b=c')).toBe('a-b=c');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
  });
});
