/**
 * loadout.db held locked by another process (a real second process in BEGIN EXCLUSIVE, like a database
 * browser): writes fail in a few ms instead of stalling the event loop, the rows wait in a bounded
 * buffer, they are written once the lock goes away, and overflowing the buffer is said.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatStore } from '../../../electron/core/chat/chat-store';
import { openChatStore } from '../../../electron/core/chat/open-chat-store';
import { openBenchStore } from '../../../electron/core/bench/bench-store';
import { BACKGROUND_BUSY_TIMEOUT_MS, retryWhileLocked } from '../../../electron/core/db/pending-writes';
import {
  createEnergyService,
  openEnergyLedger,
  type EnergyService,
} from '../../../electron/core/energy/energy-service';
import { defaultSettings } from '../../../shared/settings/schema';
import { sampleOf } from '../../support/h200-trace';
import { qwen7bResult } from '../../support/result-fixture';
import { holdLock, type LockHolder } from '../../support/hold-lock';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A data folder with a migrated loadout.db (energy and chat tables) and a second process holding its write lock. */
async function lockedHome(): Promise<{ home: string; file: string; holder: LockHolder }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-locked-'));
  cleanups.push(() => fs.rmSync(home, { recursive: true, force: true }));
  openEnergyLedger(home).opened.close();
  openChatStore(home).opened.close();
  openBenchStore(home).opened.close();
  const file = path.join(home, 'loadout.db');
  const holder = await holdLock(file);
  cleanups.push(() => holder.stop());
  return { home, file, holder };
}

function service(home: string, messages: string[], maxUnsavedMinutes?: number): EnergyService {
  const svc = createEnergyService({
    dataDir: home,
    settings: () => defaultSettings(),
    onMessage: (m) => messages.push(m),
    flushIntervalMs: 3_600_000,
    maxUnsavedMinutes,
  });
  cleanups.push(() => svc.dispose());
  return svc;
}

function count(home: string, table: string): number {
  const { opened } = openEnergyLedger(home);
  try {
    return Number((opened.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
  } finally {
    opened.close();
  }
}

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const benchResult = () =>
  qwen7bResult({ id: 0, human: { rating: null, bestFor: null, issues: null, notes: null, ratedAt: null } });
function ingestMinutes(svc: EnergyService, minutes: number): void {
  for (let t = T0; t <= T0 + minutes * 60_000; t += 1000) svc.tracker.ingest(sampleOf(t, { powerW: 100 }));
}

describe('loadout.db locked by another process', () => {
  it('the energy ledger and the chat store wait only a few ms for a lock (the old 5 s stalled the event loop)', async () => {
    const { home } = await lockedHome();
    const svc = service(home, []);
    expect(svc.ledger!.db.prepare('PRAGMA busy_timeout').get()).toEqual({ timeout: BACKGROUND_BUSY_TIMEOUT_MS });
    const chat = openChatStore(home);
    cleanups.push(() => chat.opened.close());
    expect(chat.store.db.prepare('PRAGMA busy_timeout').get()).toEqual({ timeout: BACKGROUND_BUSY_TIMEOUT_MS });
    expect(BACKGROUND_BUSY_TIMEOUT_MS).toBeLessThanOrEqual(5);
  });

  it('keeps the energy readings in memory, says so once, and writes them when the lock goes away', async () => {
    const { home, holder } = await lockedHome();
    const messages: string[] = [];
    const svc = service(home, messages);
    ingestMinutes(svc, 3);
    expect(svc.tracker.flush()).toBe(false);
    expect(messages.filter((m) => /is locked by another program/.test(m))).toHaveLength(1);
    await holder.release();
    expect(svc.tracker.flush()).toBe(true);
    expect(count(home, 'energy_minute')).toBeGreaterThanOrEqual(3);
  });

  it("an answer's energy record resolves at once under the lock and is stored after it", async () => {
    const { home, holder } = await lockedHome();
    const messages: string[] = [];
    const svc = service(home, messages);
    ingestMinutes(svc, 1);
    const recorded = await svc.tracker.recordRequest({
      model: 'qwen',
      tokens: 100,
      durationMs: 10_000,
      startedAt: T0 + 10_000,
      endedAt: T0 + 20_000,
    });
    // Let the batched write (25 ms later) meet the lock.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(recorded).toMatchObject({ id: 0, energyJ: expect.closeTo(1000, 3) });
    expect(count(home, 'energy_request')).toBe(0);
    await holder.release();
    expect(await svc.tracker.drainRequests(5000)).toBe(true);
    expect(count(home, 'energy_request')).toBe(1);
    expect(messages.join('\n')).toMatch(/energy records of answers kept in memory were written/);
  });

  it('past the bound, drops the oldest unsaved minutes and says what to do', async () => {
    const { home, holder } = await lockedHome();
    const messages: string[] = [];
    const svc = service(home, messages, 2);
    ingestMinutes(svc, 6);
    expect(svc.tracker.flush()).toBe(false);
    const dropped = messages.filter((m) => /oldest unsaved readings are being dropped/.test(m));
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatch(/Close the program that holds loadout\.db/);
    await holder.release();
    expect(svc.tracker.flush()).toBe(true);
    const minutes = count(home, 'energy_minute');
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThanOrEqual(3);
  });

  it('keeps the routing log and answer samples queued under the lock, bounded, and writes them after', async () => {
    const { home, holder } = await lockedHome();
    const messages: string[] = [];
    const { opened } = openChatStore(home);
    cleanups.push(() => opened.close());
    // A small bound for the test (the store opened by openChatStore keeps thousands).
    const store = new ChatStore(opened.db, Date.now, { maxPendingWrites: 3, onMessage: (m) => messages.push(m) });
    for (let i = 0; i < 5; i += 1)
      store.later((s) =>
        s.addSample('endpoint', {
          model: `m${i}`,
          task: 'code',
          ttftMs: 100,
          tokensPerSecond: 30,
          completionTokens: 10,
        }),
      );
    store.flush();
    expect(store.pendingCount()).toBe(3);
    expect(messages.join('\n')).toMatch(/is locked by another program/);
    expect(messages.join('\n')).toMatch(/passed 3: the oldest are being dropped/);
    await holder.release();
    store.flush();
    expect(store.pendingCount()).toBe(0);
    expect(
      store
        .answerSamples()
        .map((s) => s.modelKey)
        .sort(),
    ).toEqual(['m2', 'm3', 'm4']);
  });

  it('keeps a conversation asked under the lock, in order, and writes it when the lock goes (it was silently lost)', async () => {
    const { home, holder } = await lockedHome();
    const messages: string[] = [];
    const { opened } = openChatStore(home);
    cleanups.push(() => opened.close());
    const store = new ChatStore(opened.db, Date.now, { onMessage: (m) => messages.push(m) });
    const first = store.keepExchange('new', 'What is a KV cache?', {
      role: 'assistant',
      content: 'A cache of keys and values.',
      model: 'qwen2.5-7b-instruct',
      finish: 'stop',
    });
    expect(first.messageId).toBeNull();
    const second = store.keepExchange(first.conversationId, 'And offloading it?', {
      role: 'assistant',
      content: 'Keeping it in RAM',
      finish: 'cut',
    });
    expect(second).toEqual({ conversationId: first.conversationId, messageId: null });
    expect(messages.join('\n')).toMatch(/is locked by another program.*chat messages wait in memory/);
    await holder.release();
    store.flush();
    expect(store.pendingCount()).toBe(0);
    expect(store.listConversations().map((c) => [c.id, c.title])).toEqual([
      [first.conversationId, 'What is a KV cache?'],
    ]);
    expect(store.messages(first.conversationId).map((m) => [m.role, m.content, m.finish])).toEqual([
      ['user', 'What is a KV cache?', null],
      ['assistant', 'A cache of keys and values.', 'stop'],
      ['user', 'And offloading it?', null],
      ['assistant', 'Keeping it in RAM', 'cut'],
    ]);
    // Unlocked, an exchange is written at once and its answer can be rated.
    const third = store.keepExchange(first.conversationId, 'Thanks', {
      role: 'assistant',
      content: 'You are welcome.',
      finish: 'stop',
    });
    expect(third.messageId).toEqual(expect.any(Number));
  });

  it('the benchmark store waits only a few ms for a lock, and a result saved under it is written once the lock goes', async () => {
    const { home, holder } = await lockedHome();
    const { opened, store } = openBenchStore(home);
    cleanups.push(() => opened.close());
    expect(opened.db.prepare('PRAGMA busy_timeout').get()).toEqual({ timeout: BACKGROUND_BUSY_TIMEOUT_MS });
    const result = benchResult();
    let tries = 0;
    const saved = retryWhileLocked(
      () => {
        tries += 1;
        if (tries === 2) void holder.release();
        return store.add(result);
      },
      { timeoutMs: 60_000, stepMs: 20 },
    );
    expect((await saved).id).toEqual(expect.any(Number));
    expect(tries).toBeGreaterThan(1);
    expect(store.list().map((r) => r.model.key)).toEqual([result.model.key]);
  });

  it('gives up on a lock that stays, with the lock error, after the time allowed', async () => {
    const { home } = await lockedHome();
    const { opened, store } = openBenchStore(home);
    cleanups.push(() => opened.close());
    await expect(retryWhileLocked(() => store.add(benchResult()), { timeoutMs: 200, stepMs: 20 })).rejects.toThrow(
      /locked/,
    );
  });
});
