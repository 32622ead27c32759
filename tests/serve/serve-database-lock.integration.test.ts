/**
 * loadout.db held locked by a real second process (as a database browser holds it) under a running
 * `loadout serve` core: the API says so (`database.lock`: the file, since when, how many rows wait in
 * memory) and tells connected windows, then says it is writable again once the holder lets go.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { holdLock } from '../support/hold-lock';
import { sampleOf } from '../support/h200-trace';
import { ApiSocket, startHarness, type Harness } from '../support/server-harness';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 25));
}

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('loadout.db locked by another program under loadout serve', () => {
  it('reports the lock and the rows waiting through the API, then that it is writable again', async () => {
    const harness: Harness = await startHarness();
    cleanups.push(() => harness.close());
    // The energy ledger is opened (and migrated) before the other program takes the lock, as in a running app.
    const energy = harness.core.energy.service();
    const socket = await ApiSocket.connect(harness.server.port);
    cleanups.push(() => socket.socket.close());
    expect(await socket.call('database.lock')).toMatchObject({ result: { lock: null } });

    const file = path.join(harness.home, 'loadout.db');
    const holder = await holdLock(file);
    cleanups.push(() => holder.stop());
    const before = Date.now();
    // Three minutes of readings: each closed minute tries to write, and finds the file locked.
    for (let t = T0; t <= T0 + 3 * 60_000; t += 1000) energy.tracker.ingest(sampleOf(t, { powerW: 100 }));

    const locked = await socket.call('database.lock');
    expect(locked).toMatchObject({ result: { lock: { file, dropped: 0 } } });
    const lock = (locked.result as { lock: { since: number; waiting: number } }).lock;
    expect(lock.waiting).toBeGreaterThan(0);
    expect(lock.since).toBeGreaterThanOrEqual(before);
    await until(() =>
      socket.events.some((e) => e.event === 'database.lock' && (e.payload as { lock: unknown }).lock !== null),
    );

    await holder.release();
    expect(energy.tracker.flush()).toBe(true);
    expect(await socket.call('database.lock')).toMatchObject({ result: { lock: null } });
    await until(
      () =>
        socket.events.at(-1)?.event === 'database.lock' &&
        (socket.events.at(-1)!.payload as { lock: unknown }).lock === null,
    );
  });
});
