/** The line of asks: at most `limit` at once, the rest first come first served, a waiting ask cancellable. */
import { describe, expect, it } from 'vitest';
import { createAskQueue } from '../../../electron/core/delegation/ask-queue';

describe('createAskQueue', () => {
  it('gives turns up to the limit and then in arrival order', async () => {
    const q = createAskQueue(() => 2);
    const a = await q.acquire();
    const b = await q.acquire();
    const order: string[] = [];
    const positions: number[] = [];
    const c = q.acquire(undefined, (p) => positions.push(p)).then((release) => (order.push('c'), release));
    const d = q.acquire().then((release) => (order.push('d'), release));
    expect(q.counts()).toEqual({ running: 2, waiting: 2 });
    b();
    b(); // a second call gives nothing back twice
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect(q.counts()).toEqual({ running: 2, waiting: 1 });
    a();
    (await d)();
    releaseC();
    expect(order).toEqual(['c', 'd']);
    expect(positions[0]).toBe(1);
    expect(q.counts()).toEqual({ running: 0, waiting: 0 });
  });

  it('drops a cancelled waiter without giving it a turn, and moves the others up', async () => {
    const q = createAskQueue(() => 1);
    const first = await q.acquire();
    const cancel = new AbortController();
    const dropped = q.acquire(cancel.signal);
    const positions: number[] = [];
    const next = q.acquire(undefined, (p) => positions.push(p));
    cancel.abort();
    await expect(dropped).rejects.toMatchObject({ name: 'DelegationError', code: 'cancelled' });
    expect(positions).toEqual([2, 1]);
    first();
    (await next)();
    expect(q.counts()).toEqual({ running: 0, waiting: 0 });
    await expect(q.acquire(cancel.signal)).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('reads the limit at each turn, so a raised mcp.maxConcurrent lets waiters in', async () => {
    let limit = 1;
    const q = createAskQueue(() => limit);
    const a = await q.acquire();
    const b = q.acquire();
    const c = q.acquire();
    limit = 3;
    a();
    await Promise.all([b, c]);
    expect(q.counts()).toEqual({ running: 2, waiting: 0 });
  });
});
