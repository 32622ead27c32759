/** The router's view of LM Studio is reused for a moment, refreshed once, and forgotten on demand. */
import { describe, expect, it } from 'vitest';
import { createSnapshotCache } from '../../../electron/core/routing/snapshot-cache';
import type { RoutingSnapshot } from '../../../electron/core/routing/routing-state-source';

describe('snapshot cache', () => {
  const snap = (reachable: boolean): RoutingSnapshot => ({ state: { endpoints: [{ id: 'local', label: 'x', kind: 'local', reachable, models: [] }], vramFreeBytes: null }, chatEndpoints: new Map(), unreachable: new Map() });

  it('reuses a fresh read, serves a stale one while refreshing once, and forgets on invalidate', async () => {
    let t = 0;
    let reads = 0;
    const cache = createSnapshotCache(async () => { reads++; return snap(true); }, { freshMs: 100, staleMs: 1000, now: () => t });
    const a = await cache.get();
    expect(await cache.get()).toBe(a);
    expect(reads).toBe(1);
    t = 500;
    expect(await cache.get()).toBe(a);
    await Promise.resolve();
    expect(reads).toBe(2);
    cache.invalidate();
    await cache.get();
    expect(reads).toBe(3);
  });

  it('does not keep a read where LM Studio did not answer', async () => {
    let reads = 0;
    const cache = createSnapshotCache(async () => { reads++; return snap(false); });
    await cache.get();
    await cache.get();
    expect(reads).toBe(2);
  });
});
