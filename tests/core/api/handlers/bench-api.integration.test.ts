/** `bench.*` over the app API contract: input parsed, output checked against the schema, events, errors as values. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createContractDispatch,
  type ContractEventSink,
  type ContractHandlers,
  type EventName,
} from '../../../../shared/contract';
import { createBenchHandlers } from '../../../../electron/core/api/handlers/bench-handlers';
import { startBenchHarness, type BenchHarness } from '../../../support/bench-harness';

let h: BenchHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const ctx = { transport: 'ws' as const, callerId: 'test' };

function sink(): ContractEventSink & { seen: Array<{ event: EventName; payload: unknown }> } {
  const seen: Array<{ event: EventName; payload: unknown }> = [];
  return { seen, emit: (event, payload) => void seen.push({ event, payload }) };
}

describe('bench.* through the contract dispatcher', () => {
  it('runs, lists, rates and exports with schema-checked answers and progress events', async () => {
    h = await startBenchHarness({ emulator: { tokensPerSecond: 400, timeToFirstTokenMs: 10 } });
    const events = sink();
    const api = createBenchHandlers(h.bench, events);
    const dispatch = createContractDispatch(api.handlers as unknown as ContractHandlers);

    const run = await dispatch('bench.run', { modelKey: 'llama-3.2-3b-instruct', runs: 1, gpuOffload: 'max' }, ctx);
    expect(run.ok).toBe(true);
    const id = run.ok ? (run.result as { id: number }).id : 0;
    expect(events.seen.filter((e) => e.event === 'bench.progress').length).toBeGreaterThan(8);
    expect(events.seen.at(-1)).toMatchObject({ event: 'bench.saved', payload: { id } });

    const rated = await dispatch('bench.rate', { id, rating: 5, bestFor: 'sub-agents' }, ctx);
    expect(rated).toMatchObject({ ok: true, result: { human: { rating: 5, bestFor: 'sub-agents' } } });
    expect(await dispatch('bench.list', undefined, ctx)).toMatchObject({ ok: true, result: [{ id }] });
    const md = await dispatch('bench.export', { format: 'md' }, ctx);
    expect(md).toMatchObject({
      ok: true,
      result: {
        format: 'md',
        fileName: 'loadout-benchmarks-1.md',
        text: expect.stringContaining('## Llama 3.2 3B Instruct - Q4_K_M'),
      },
    });
    expect(await dispatch('bench.cancel', undefined, ctx)).toEqual({ ok: true, result: { cancelled: false } });
    expect(await dispatch('bench.delete', { id }, ctx)).toEqual({ ok: true, result: { deleted: true } });
    api.dispose();
  }, 30_000);

  it('answers errors as values a UI can branch on', async () => {
    h = await startBenchHarness();
    const dispatch = createContractDispatch(
      createBenchHandlers(h.bench, sink()).handlers as unknown as ContractHandlers,
    );
    expect(await dispatch('bench.run', { modelKey: 'nope' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('not downloaded') },
    });
    expect(await dispatch('bench.get', { id: 99 }, ctx)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch('bench.rate', { id: 1, rating: 9 }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('is unavailable where no benchmarks service runs', async () => {
    const dispatch = createContractDispatch(
      createBenchHandlers(undefined, sink()).handlers as unknown as ContractHandlers,
    );
    expect(await dispatch('bench.list', undefined, ctx)).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('loadout bench MODEL') },
    });
  });
});
