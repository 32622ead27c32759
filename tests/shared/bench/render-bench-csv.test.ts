import { describe, expect, it } from 'vitest';
import { csvCell, renderBenchCsv } from '../../../shared/bench/render-bench-csv';
import { qwen7bResult } from '../../support/result-fixture';

/** A small RFC 4180 reader, to prove the output parses back to what went in. */
function parseCsv(withBom: string, separator = ','): string[][] {
  expect(withBom.startsWith('\uFEFF')).toBe(true);
  const text = withBom.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('benchmark CSV', () => {
  it('has a header and one row per result, oldest first, with CRLF line ends', () => {
    const older = qwen7bResult({ id: 2, startedAt: '2026-11-01T00:00:00.000Z' });
    const text = renderBenchCsv([qwen7bResult(), older]);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(3);
    const header = rows[0]!;
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    expect(col(rows[1]!, 'id')).toBe('2');
    expect(col(rows[2]!, 'model')).toBe('Qwen2.5 7B Instruct');
    expect(col(rows[2]!, 'tok_s_median')).toBe('98.15');
    expect(col(rows[2]!, 'ttft_ms_median')).toBe('142');
    expect(col(rows[2]!, 'doc_tok_s_low')).toBe('80');
    expect(col(rows[2]!, 'doc_verdict')).toBe('inside');
    expect(col(rows[2]!, 'rating')).toBe('4');
    expect(col(rows[2]!, 'driver_version')).toBe('581.80');
    expect(rows.every((r) => r.length === header.length)).toBe(true);
  });

  it('quotes commas, quotes and line breaks so free text survives the round trip', () => {
    const tricky = 'Alucinou "datas", às vezes\nem listas';
    const rows = parseCsv(
      renderBenchCsv([
        qwen7bResult({ human: { rating: 2, bestFor: null, issues: tricky, notes: null, ratedAt: null } }),
      ]),
    );
    expect(rows[1]![rows[0]!.indexOf('issues')]).toBe(tricky);
    expect(rows[1]![rows[0]!.indexOf('best_for')]).toBe('');
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell(-3.14159)).toBe('-3.142');
    expect(csvCell(null)).toBe('');
  });

  it('writes pt-BR the way Excel there reads it: `;` between cells, decimal commas, a BOM for the accents', () => {
    const text = renderBenchCsv(
      [qwen7bResult({ human: { rating: 4, bestFor: 'código; chat', issues: null, notes: null, ratedAt: null } })],
      'pt-BR',
    );
    expect([...Buffer.from(text, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(text, ';');
    const col = (name: string) => rows[1]![rows[0]!.indexOf(name)];
    expect(rows[0]!.slice(0, 3)).toEqual(['id', 'started_at', 'model_key']);
    expect(col('tok_s_median')).toBe('98,15');
    expect(col('best_for')).toBe('código; chat');
    expect(rows[1]).toHaveLength(rows[0]!.length);
    expect(csvCell(-3.14159, 'pt-BR')).toBe('-3,142');
    expect(csvCell('a,b', 'pt-BR')).toBe('a,b');
  });

  it('is only a header when there are no results', () => {
    expect(parseCsv(renderBenchCsv([]))).toHaveLength(1);
  });
});
