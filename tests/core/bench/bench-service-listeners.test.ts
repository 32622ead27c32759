import { describe, expect, it } from 'vitest';
import { BenchService } from '../../../electron/core/bench/bench-service';
import type { BenchStore } from '../../../electron/core/bench/bench-store';
import type { BenchResult } from '../../../shared/bench/bench-record';
import { qwen7bResult } from '../../support/result-fixture';

describe('BenchService listeners', () => {
  it('tells every saved listener of a rating, and reports one that throws instead of failing the rating', () => {
    const rated = qwen7bResult({ id: 7 });
    const store = { rate: () => rated } as unknown as BenchStore;
    const failures: Array<[unknown, string]> = [];
    const bench = new BenchService({
      openStore: () => ({ store, close: () => undefined }),
      runner: {} as never,
      onListenerError: (error, event) => failures.push([error, event]),
    });
    const broke = new Error('listener broke');
    bench.onSaved(() => {
      throw broke;
    });
    const seen: BenchResult[] = [];
    bench.onSaved((r) => seen.push(r));
    expect(bench.rate({ id: 7, rating: 4 })).toBe(rated);
    expect(seen).toEqual([rated]);
    expect(failures).toEqual([[broke, 'saved']]);
  });
});
