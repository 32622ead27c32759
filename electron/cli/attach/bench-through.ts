/**
 * `loadout bench MODEL` through the running Loadout (or another machine's agent, `--machine`): `bench.run` over its app API, its progress from the
 * `bench.progress` events, the checklist's answers given as flags through `bench.rate`. Ctrl+C cancels
 * the run there. The caller prints the result as the in-process path does.
 */
import type { BenchResult } from '../../../shared/bench/bench-record';
import type { BenchProgress, BenchRateRequest, BenchRunRequest } from '../../../shared/contract/bench';
import type { ContractClient } from '../../../shared/contract';
import type { CliIo } from '../command';

export type BenchThroughOutcome = { ok: true; result: BenchResult } | { ok: false; message: string };

/** Run the benchmark in the running Loadout; `onProgress` gets this model's progress. */
export async function benchThrough(
  { client }: { client: ContractClient },
  io: CliIo,
  request: BenchRunRequest,
  human: Omit<BenchRateRequest, 'id'> | null,
  onProgress: (progress: BenchProgress) => void,
): Promise<BenchThroughOutcome> {
  // One benchmark runs at a time there (a second is refused), so this model's progress is this run's.
  const off = client.on('bench.progress', (p) => {
    if (p.modelKey === request.modelKey) onProgress(p);
  });
  const cancel = () => void client.call('bench.cancel', undefined);
  io.signal.addEventListener('abort', cancel, { once: true });
  let ran: Awaited<ReturnType<typeof client.call<'bench.run'>>>;
  try {
    ran = await client.call('bench.run', request);
  } finally {
    off();
    io.signal.removeEventListener('abort', cancel);
  }
  if (!ran.ok) return { ok: false, message: ran.error.message };
  if (!human) return { ok: true, result: ran.result };
  const rated = await client.call('bench.rate', { id: ran.result.id, ...human });
  return rated.ok ? { ok: true, result: rated.result } : { ok: false, message: rated.error.message };
}
