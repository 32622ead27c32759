/** App API handlers for `bench.*` over the benchmarks service, and its events onto the contract's. */
import {
  AppApiError,
  unavailableError,
  type ContractEventSink,
  type ContractHandlers,
} from '../../../../shared/contract';
import { BenchError } from '../../bench/bench-errors';
import type { BenchService } from '../../bench/bench-service';

export type BenchMethodName =
  'bench.list' | 'bench.get' | 'bench.run' | 'bench.cancel' | 'bench.rate' | 'bench.delete' | 'bench.export';
export const BENCH_METHOD_NAMES: readonly BenchMethodName[] = [
  'bench.list',
  'bench.get',
  'bench.run',
  'bench.cancel',
  'bench.rate',
  'bench.delete',
  'bench.export',
];

/** A BenchError as the API error a UI can branch on. */
export function toBenchApiError(error: unknown): unknown {
  if (!(error instanceof BenchError)) return error;
  const code =
    error.code === 'cancelled'
      ? 'cancelled'
      : error.code === 'not-found'
        ? 'not-found'
        : error.code === 'busy' || error.code === 'not-downloaded' || error.code === 'not-generative'
          ? 'refused'
          : 'failed';
  return new AppApiError(code, error.message);
}

/** The handlers, or `unavailable` ones when this process runs no benchmarks service. */
export function createBenchHandlers(
  bench: BenchService | undefined,
  events: ContractEventSink,
): { handlers: Pick<ContractHandlers, BenchMethodName>; dispose: () => void } {
  const service = (method: BenchMethodName): BenchService => {
    if (!bench)
      throw unavailableError(method, 'benchmarks service', 'Use `loadout bench MODEL` from a terminal meanwhile.');
    return bench;
  };
  const guard = async <T>(work: () => Promise<T> | T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toBenchApiError(error);
    }
  };
  const offs = bench
    ? [bench.onProgress((p) => events.emit('bench.progress', p)), bench.onSaved((r) => events.emit('bench.saved', r))]
    : [];
  return {
    handlers: {
      'bench.list': () => guard(() => service('bench.list').list()),
      'bench.get': ({ id }) => guard(() => service('bench.get').get(id)),
      'bench.run': (request) => guard(() => service('bench.run').run(request)),
      'bench.cancel': () => guard(() => ({ cancelled: service('bench.cancel').cancel() })),
      'bench.rate': (request) => guard(() => service('bench.rate').rate(request)),
      'bench.delete': ({ id }) => guard(() => ({ deleted: service('bench.delete').delete(id) })),
      'bench.export': ({ format, ids, locale }) => guard(() => service('bench.export').export({ format, ids, locale })),
    },
    dispose: () => offs.forEach((off) => off()),
  };
}
