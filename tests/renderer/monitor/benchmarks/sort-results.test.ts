/** The Benchmarks table's sort: energy per token first-frugal, unknown figures last in either direction. */
import { describe, expect, it } from 'vitest';
import { defaultDescending, sortResults } from '../../../../renderer/src/monitor/benchmarks/sort-results';
import { qwen7bResult } from '../../../support/result-fixture';

const withEnergy = (id: number, whPer1kTokens: number | null) => {
  const base = qwen7bResult();
  return qwen7bResult({
    id,
    energy: {
      ...base.energy,
      whPer1kTokens,
      ...(whPer1kTokens === null
        ? { totalWh: null, whPerRun: null, unavailableReason: 'No GPU readings during the run.' }
        : {}),
    },
  });
};

describe('sortResults', () => {
  it('sorts by energy per 1k tokens, the most frugal first, and puts runs without energy last both ways', () => {
    const results = [withEnergy(1, 2.05), withEnergy(2, null), withEnergy(3, 0.9), withEnergy(4, 3.4)];
    expect(defaultDescending('energy')).toBe(false);
    expect(sortResults(results, { key: 'energy', descending: false }).map((r) => r.id)).toEqual([3, 1, 4, 2]);
    expect(sortResults(results, { key: 'energy', descending: true }).map((r) => r.id)).toEqual([4, 1, 3, 2]);
    expect(results.map((r) => r.id)).toEqual([1, 2, 3, 4]); // a copy: the list in the store is untouched
  });
});
