/** The router's view of LM Studio is reused for a moment, refreshed once, and forgotten on demand. */
import { describe, expect, it } from 'vitest';
import { createSnapshotCache } from '../../../electron/core/routing/snapshot-cache';
import type { RoutingSnapshot } from '../../../electron/core/routing/routing-state-source';

describe('snapshot cache', () => {
  const snap = (reachable: boolean): RoutingSnapshot => ({
    state: { endpoints: [{ id: 'local', label: 'x', kind: 'local', reachable, models: [] }], vramFreeBytes: null },
    chatEndpoints: new Map(),
    unreachable: new Map(),
  });

  it('reuses a fresh read, serves a stale one while refreshing once, and forgets on invalidate', async () => {
    let t = 0;
    let reads = 0;
    const cache = createSnapshotCache(
      async () => {
        reads++;
        return snap(true);
      },
      { freshMs: 100, staleMs: 1000, now: () => t },
    );
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
    const cache = createSnapshotCache(async () => {
      reads++;
      return snap(false);
    });
    await cache.get();
    await cache.get();
    expect(reads).toBe(2);
  });

  it('after invalidate, neither keeps nor shares a read that started before it (a model unloaded mid-read)', async () => {
    const releases: Array<(s: RoutingSnapshot) => void> = [];
    const cache = createSnapshotCache(() => new Promise<RoutingSnapshot>((resolve) => releases.push(resolve)));
    const before = cache.get();
    cache.invalidate();
    const after = cache.get();
    expect(releases).toHaveLength(2);
    const old = snap(true);
    const fresh = snap(true);
    releases[0]!(old);
    releases[1]!(fresh);
    expect(await before).toBe(old);
    expect(await after).toBe(fresh);
    expect(await cache.get()).toBe(fresh);
    expect(releases).toHaveLength(2);
  });

  it('a read that ends after invalidate is not cached even when no newer read started', async () => {
    const releases: Array<(s: RoutingSnapshot) => void> = [];
    const cache = createSnapshotCache(() => new Promise<RoutingSnapshot>((resolve) => releases.push(resolve)));
    const before = cache.get();
    cache.invalidate();
    releases[0]!(snap(true));
    await before;
    void cache.get();
    expect(releases).toHaveLength(2);
  });
});
