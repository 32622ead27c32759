import { describe, expect, it } from 'vitest';
import { DOCUMENT_ESTIMATES, findDocumentEstimate } from '../../../shared/bench/document-estimates';
import { tableUnder } from '../../support/document-source';

/** "~80-120 tok/s" → {low, high}; "~14 GB" → {low: 14, high: 14}. */
function range(cell: string): { low: number; high: number } {
  const m = /~(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?/.exec(cell)!;
  return { low: Number(m[1]), high: Number(m[2] ?? m[1]) };
}

describe("the document's estimate tables as data", () => {
  for (const [device, heading] of [
    ['cpu', '### CPU Inference'],
    ['gpu', '### GPU Inference'],
  ] as const) {
    it(`matches the ${device.toUpperCase()} table of hardware-profile.pt-BR.md row for row`, () => {
      const table = tableUnder(heading);
      const rows = DOCUMENT_ESTIMATES.filter((r) => r.device === device);
      expect(rows).toHaveLength(table.length);
      table.forEach((cells, i) => {
        const row = rows[i]!;
        expect(cells[0]).toBe(`${row.size} params`);
        expect(cells[1]).toBe(row.quantization);
        expect(range(cells[2]!)).toEqual(row.tokensPerSecond);
        expect(range(cells[3]!)).toEqual(row.memoryGb);
        expect(cells[4]).toBe(row.viable);
      });
    });
  }
});

describe('findDocumentEstimate', () => {
  it('finds the row for nearby sizes (8B → 7B, 14B → 13B, 33B → 34B, 3.8B → 3B)', () => {
    expect(findDocumentEstimate(8, 'Q4_K_M', 'gpu')?.size).toBe('7B');
    expect(findDocumentEstimate(14, 'Q4_K_M', 'gpu')?.tokensPerSecond).toEqual({ low: 50, high: 70 });
    expect(findDocumentEstimate(33, 'Q4_K_M', 'cpu')?.tokensPerSecond).toEqual({ low: 8, high: 12 });
    expect(findDocumentEstimate(3.8, 'Q4_K_M', 'gpu')?.size).toBe('3B');
  });

  it('matches LM Studio\'s "F16" with the table\'s "FP16", and keeps devices apart', () => {
    expect(findDocumentEstimate(7, 'F16', 'gpu')?.tokensPerSecond).toEqual({ low: 60, high: 80 });
    expect(findDocumentEstimate(7, 'F16', 'cpu')).toBeNull();
    expect(findDocumentEstimate(70, 'Q2_K', 'gpu')?.tokensPerSecond).toEqual({ low: 10, high: 15 });
  });

  it('has no row where the document has none', () => {
    expect(findDocumentEstimate(1, 'Q4_K_M', 'gpu')).toBeNull();
    expect(findDocumentEstimate(20, 'Q4_K_M', 'gpu')).toBeNull();
    expect(findDocumentEstimate(7, 'Q4_K_S', 'gpu')).toBeNull();
    expect(findDocumentEstimate(null, 'Q4_K_M', 'gpu')).toBeNull();
    expect(findDocumentEstimate(7, null, 'gpu')).toBeNull();
  });
});
