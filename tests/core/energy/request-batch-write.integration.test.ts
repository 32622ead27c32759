import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EnergyTracker } from '../../../electron/core/energy/energy-tracker';
import { sampleOf } from '../../support/h200-trace';
import { tempLedger } from '../../support/temp-ledger';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
beforeAll(() => {
  process.env.TZ = 'UTC';
});

function setup() {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  const tracker = new EnergyTracker({
    ledger: t.ledger,
    getContext: () => ({ presetId: null, loadedModelKeys: [], inFlight: 0 }),
    gapLimitSeconds: () => 5,
    writerId: 'a',
  });
  return { ...t, tracker };
}

describe('request energy rows are written in batches', () => {
  it('requests settled together are stored in one batch with the energy they end up with', async () => {
    const { ledger, tracker } = setup();
    const t0 = Date.UTC(2026, 10, 26, 12, 0, 0);
    for (let t = t0; t <= t0 + 10_000; t += 1000) tracker.ingest(sampleOf(t, { powerW: 100 }));
    // Not awaited in between: the second settles before the first's row is written, and shares its overlap.
    const a = tracker.recordRequest({
      model: 'a',
      tokens: 100,
      durationMs: 4000,
      startedAt: t0 + 1000,
      endedAt: t0 + 5000,
    });
    const b = tracker.recordRequest({
      model: 'b',
      tokens: 100,
      durationMs: 4000,
      startedAt: t0 + 3000,
      endedAt: t0 + 7000,
    });
    expect(ledger.requests(t0, t0 + 60_000)).toHaveLength(0); // not yet: the batch is written a moment later
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.energyJ).toBeCloseTo(400, 6); // what was known when it settled
    expect(rb.energyJ).toBeCloseTo(300, 6);
    expect(ra.id).toBeGreaterThan(0);
    expect(rb.id).toBe(ra.id + 1);
    const stored = ledger.requests(t0, t0 + 60_000);
    expect(stored.find((r) => r.model === 'a')).toMatchObject({
      id: ra.id,
      energyJ: expect.closeTo(300, 6) as unknown as number,
      whPer1kTokens: expect.closeTo(300 / 3.6 / 100, 6) as unknown as number,
    });
    expect(stored.reduce((sum, r) => sum + r.energyJ!, 0)).toBeCloseTo(600, 6);
    tracker.stop();
  });

  it('requestEnergy gives an answer its energy when it settles, before the batched row is written', async () => {
    const { ledger, tracker } = setup();
    const t0 = Date.UTC(2026, 10, 26, 12, 30, 0);
    for (let t = t0; t <= t0 + 10_000; t += 1000) tracker.ingest(sampleOf(t, { powerW: 100 }));
    let written = false;
    const row = tracker
      .recordRequest({ model: 'b', tokens: 10, durationMs: 1000, startedAt: t0 + 4000, endedAt: t0 + 5000 })
      .then(() => (written = true));
    const energy = await tracker.requestEnergy({
      model: 'a',
      tokens: 10,
      durationMs: 2000,
      startedAt: t0 + 1000,
      endedAt: t0 + 3000,
    });
    expect(energy.energyJ).toBeCloseTo(200, 6);
    // Settled, not yet written: the rows go in one batch a moment later, and both arrive.
    expect(written).toBe(false);
    expect(ledger.requests(t0, t0 + 60_000)).toHaveLength(0);
    await row;
    expect(
      ledger
        .requests(t0, t0 + 60_000)
        .map((r) => r.model)
        .sort(),
    ).toEqual(['a', 'b']);
    tracker.stop();
  });

  it('stop() writes the rows still waiting', () => {
    const { ledger, tracker } = setup();
    const t0 = Date.UTC(2026, 10, 26, 13, 0, 0);
    for (let t = t0; t <= t0 + 10_000; t += 1000) tracker.ingest(sampleOf(t, { powerW: 200 }));
    void tracker.recordRequest({ model: 'm', tokens: 10, durationMs: 2000, startedAt: t0 + 1000, endedAt: t0 + 3000 });
    tracker.stop();
    expect(ledger.requests(t0, t0 + 60_000)).toMatchObject([
      { model: 'm', tokens: 10, energyJ: expect.closeTo(400, 6) as unknown as number },
    ]);
  });

  it('addRequests keeps the good rows when one is refused', () => {
    const { ledger } = setup();
    const t0 = Date.UTC(2026, 10, 26, 14, 0, 0);
    const row = {
      model: 'm',
      presetId: null,
      tokens: 5,
      durationMs: 1000,
      startedAt: new Date(t0).toISOString(),
      endedAt: new Date(t0 + 1000).toISOString(),
      energyJ: null,
      whPer1kTokens: null,
      method: null,
      coverage: 0,
    };
    const out = ledger.addRequests([row, { ...row, model: null as unknown as string }, { ...row, tokens: 7 }]);
    expect(out[1]).toBeInstanceOf(Error);
    expect(
      ledger
        .requests(t0, t0 + 60_000)
        .map((r) => r.tokens)
        .sort(),
    ).toEqual([5, 7]);
  });

  it('many overlapping requests, recorded out of order, still add up to the GPU energy over their union', async () => {
    const { ledger, tracker } = setup();
    const t0 = Date.UTC(2026, 10, 26, 15, 0, 0);
    for (let t = t0; t <= t0 + 120_000; t += 1000) tracker.ingest(sampleOf(t, { powerW: 100 }));
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const windows = Array.from({ length: 300 }, (_, i) => {
      const start = t0 + 1000 + Math.floor(rand() * 100_000);
      const length = i === 150 ? 90_000 : 200 + Math.floor(rand() * 3000); // one long request among short ones
      return { start, end: Math.min(t0 + 110_000, start + length) };
    });
    const records = await Promise.all(
      windows.map((w, i) =>
        tracker.recordRequest({
          model: `m${i % 3}`,
          tokens: 10,
          durationMs: w.end - w.start,
          startedAt: w.start,
          endedAt: w.end,
        }),
      ),
    );
    expect(records.every((r) => r.id > 0 && r.coverage === 1)).toBe(true);
    const sorted = [...windows].sort((a, b) => a.start - b.start);
    let union = 0;
    let reach = -Infinity;
    for (const w of sorted) {
      union += Math.max(0, w.end - Math.max(w.start, reach));
      reach = Math.max(reach, w.end);
    }
    const stored = ledger.requests(t0, t0 + 3_600_000, 1000);
    expect(stored).toHaveLength(300);
    expect(stored.reduce((sum, r) => sum + r.energyJ!, 0)).toBeCloseTo((union / 1000) * 100, 3);
    tracker.stop();
  });
});
