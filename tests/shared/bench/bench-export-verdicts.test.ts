/** The export's verdict beside each estimate reads as the document's own marks, in the export's language. */
import { describe, expect, it } from 'vitest';
import { BENCH_EXPORT_LOCALES, benchExportStrings } from '../../../shared/bench/bench-export-strings';

describe('benchmark export verdicts', () => {
  it('words every verdict in pt-BR and English, each its own', () => {
    expect(BENCH_EXPORT_LOCALES).toEqual(['pt-BR', 'en']);
    expect(benchExportStrings('pt-BR').verdict).toEqual({
      inside: expect.stringContaining('dentro'),
      below: '⬇️ abaixo',
      above: expect.stringContaining('acima'),
      unmeasured: expect.stringContaining('não medido'),
    });
    expect(benchExportStrings('en').verdict).toEqual({
      inside: expect.stringContaining('inside'),
      below: '⬇️ below',
      above: expect.stringContaining('above'),
      unmeasured: expect.stringContaining('not measured'),
    });
  });
});
