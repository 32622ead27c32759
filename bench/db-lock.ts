/**
 * `npm run bench -- db-lock`: how long the event loop stalls when a write meets loadout.db locked by
 * another connection (a database browser, a backup tool), three ways, in one run:
 *   old        — the 5 s busy_timeout, the write on the event loop (the baseline);
 *   short      — BACKGROUND_BUSY_TIMEOUT_MS and the bounded retry queue (db/pending-writes.ts, what Loadout does);
 *   worker     — the write posted to a worker thread that owns its own connection with the 5 s timeout.
 * A 5 ms ticker stands in for the sampler; the stall is its longest late tick while writes are made.
 * Also printed: each way's event-loop cost per write when nothing holds the lock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadSqlite } from '../electron/core/db/load-sqlite';
import { BACKGROUND_BUSY_TIMEOUT_MS, PendingWrites } from '../electron/core/db/pending-writes';
import { openEnergyLedger } from '../electron/core/energy/energy-service';
import type { RequestRecord } from '../electron/core/energy/energy-ledger';

const TICK_MS = 5;
const WRITES = 6;
const WRITE_EVERY_MS = 150;

const row = (i: number): Omit<RequestRecord, 'id'> => ({
  model: 'qwen2.5-coder-14b',
  presetId: null,
  tokens: 100,
  durationMs: 1000,
  startedAt: new Date(1_790_000_000_000 + i * 1000).toISOString(),
  endedAt: new Date(1_790_000_001_000 + i * 1000).toISOString(),
  energyJ: 50,
  whPer1kTokens: 0.14,
  method: 'counter',
  coverage: 1,
});

/**
 * Run `writes` writes `every` ms apart beside a TICK_MS ticker: the longest delay of a tick past its due
 * time, and the longest a write call itself held the event loop, in ms.
 */
async function stallDuring(
  write: (i: number) => void,
  writes: number,
  every: number,
): Promise<{ tick: number; call: number }> {
  let worst = 0;
  let call = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - TICK_MS);
    last = now;
  }, TICK_MS);
  for (let i = 0; i < writes; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, every));
    const t = performance.now();
    write(i);
    call = Math.max(call, performance.now() - t);
  }
  await new Promise((resolve) => setTimeout(resolve, every));
  clearInterval(ticker);
  return { tick: Math.max(0, worst), call };
}

/** Event-loop time per call of `fn`, median of `n`. */
function perCallUs(fn: (i: number) => void, n = 300): number {
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    fn(i);
    times.push((performance.now() - t) * 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(n / 2)]!;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
db.exec('PRAGMA busy_timeout = 5000');
const insert = db.prepare("INSERT INTO energy_request (started_ms, ended_ms, local_day, model, preset_id, tokens, duration_ms, energy_j, wh_per_1k_tokens, method, coverage) VALUES (?, ?, '2026-11-26', 'm', NULL, 100, 1000, 50, 0.14, 'counter', 1)");
parentPort.on('message', (m) => {
  if (m === 'close') { db.close(); parentPort.close(); return; }
  try { insert.run(m, m + 1000); parentPort.postMessage('ok'); } catch (e) { parentPort.postMessage(String(e.message)); }
});`;

export async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-db-lock-'));
  const file = path.join(dir, 'loadout.db');
  try {
    openEnergyLedger(dir).opened.close();
    const holder = new (loadSqlite().DatabaseSync)(file);
    const old = openEnergyLedger(dir, undefined, 'header', 5000);
    const short = openEnergyLedger(dir, undefined, 'header', BACKGROUND_BUSY_TIMEOUT_MS);
    const queue = new PendingWrites<Omit<RequestRecord, 'id'>>({
      write: (batch) => short.ledger.addRequests(batch).length,
      capacity: 10_000,
      what: 'rows',
      file,
    });
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file } });
    let workerDone = 0;
    worker.on('message', () => (workerDone += 1));
    await new Promise((resolve) => setTimeout(resolve, 200));

    // Cost per write on the event loop with nothing holding the lock.
    const freeOld = perCallUs((i) => old.ledger.addRequests([row(i)]));
    const freeShort = perCallUs((i) => queue.push(row(10_000 + i)));
    const freeWorker = perCallUs((i) => worker.postMessage(1_800_000_000_000 + i * 1000));

    // The ticker's own jitter on this machine, with no write at all: the floor under every figure below.
    const idleStall = await stallDuring(() => {}, WRITES, WRITE_EVERY_MS);
    holder.exec('BEGIN EXCLUSIVE');
    // The old way: one write is enough to see it (each one waits the whole timeout).
    const oldStall = await stallDuring(
      () => {
        try {
          old.ledger.addRequests([row(20_000)]);
        } catch {
          // SQLITE_BUSY after 5 s: the row was lost.
        }
      },
      1,
      WRITE_EVERY_MS,
    );
    const shortStall = await stallDuring((i) => queue.push(row(30_000 + i)), WRITES, WRITE_EVERY_MS);
    const waiting = queue.size;
    const workerBefore = workerDone;
    const workerStall = await stallDuring(
      (i) => worker.postMessage(1_900_000_000_000 + i * 1000),
      WRITES,
      WRITE_EVERY_MS,
    );
    holder.exec('ROLLBACK');
    const released = performance.now();
    const drained = await queue.drain(10_000, 5);
    const shortCatchUpMs = performance.now() - released;
    while (workerDone < workerBefore + WRITES) await new Promise((resolve) => setTimeout(resolve, 1));

    const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
    const line = (label: string, s: { tick: number; call: number }, extra = '') =>
      console.log(
        `  ${label.padEnd(42)} longest write call ${fmt(s.call).padStart(8)} (${(oldStall.call / Math.max(s.call, 0.001)).toFixed(0)}× less)   late tick ${fmt(s.tick).padStart(8)}${extra}`,
      );
    console.log(
      `event-loop stall while another connection holds loadout.db's write lock (${TICK_MS} ms ticker; ${WRITES} writes ${WRITE_EVERY_MS} ms apart, the old way 1)`,
    );
    console.log(`  ${'no write at all (the ticker jitter)'.padEnd(42)} late tick ${fmt(idleStall.tick)}`);
    line('old: 5 s busy_timeout (baseline)', oldStall, '  (the row is lost)');
    line(
      `short: ${BACKGROUND_BUSY_TIMEOUT_MS} ms busy_timeout + retry queue`,
      shortStall,
      `  (${waiting} rows waited; all written ${fmt(shortCatchUpMs)} after the lock went away: ${drained})`,
    );
    line('worker: posted to a worker thread', workerStall);
    console.log('event-loop cost per write, nothing holding the lock (median)');
    console.log(
      `  old ${freeOld.toFixed(1)} µs, short ${freeShort.toFixed(1)} µs, worker post ${freeWorker.toFixed(1)} µs (+ the worker's own thread)`,
    );
    worker.postMessage('close');
    await new Promise((resolve) => worker.once('exit', resolve));
    holder.close();
    old.opened.close();
    short.opened.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
