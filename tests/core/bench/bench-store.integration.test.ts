/** The results store on a real SQLite file: one row per run, editable verdict, damaged rows skipped. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBenchStore } from '../../../electron/core/bench/bench-store';
import { isBenchError } from '../../../electron/core/bench/bench-errors';
import { openDatabase } from '../../../electron/core/db/open-database';
import { qwen7bResult } from '../../support/result-fixture';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const unrated = { rating: null, bestFor: null, issues: null, notes: null, ratedAt: null };

describe('bench results store', () => {
  it('stores one record per run with its measurements and versions, and reads it back after reopening', () => {
    const dir = tempDir();
    const first = openBenchStore(dir);
    const stored = first.store.add(qwen7bResult({ id: 0, human: unrated }));
    expect(stored.id).toBeGreaterThan(0);
    first.opened.close();

    const again = openBenchStore(dir);
    const read = again.store.get(stored.id);
    expect(read).toEqual({ ...qwen7bResult({ human: unrated }), id: stored.id });
    const row = again.opened.db
      .prepare(
        'SELECT model_key, quantization, device, context_length, gpu_offload, tok_s, lmstudio_version, driver_version, loadout_version FROM bench_run',
      )
      .get();
    expect(row).toEqual({
      model_key: 'qwen2.5-7b-instruct',
      quantization: 'Q4_K_M',
      device: 'gpu',
      context_length: 8192,
      gpu_offload: 'max',
      tok_s: 98.15,
      lmstudio_version: '0.4.4+1',
      driver_version: '581.80',
      loadout_version: '0.1.0',
    });
    again.opened.close();
  });

  it('lists newest first', () => {
    const { store, opened } = openBenchStore(tempDir());
    const a = store.add(qwen7bResult({ id: 0, startedAt: '2026-11-01T00:00:00.000Z' }));
    const b = store.add(qwen7bResult({ id: 0, startedAt: '2026-11-20T00:00:00.000Z' }));
    expect(store.list().map((r) => r.id)).toEqual([b.id, a.id]);
    opened.close();
  });

  it('edits the verdict later: given fields change, absent ones stay, null or blank clears', () => {
    const { store, opened } = openBenchStore(tempDir());
    const { id } = store.add(qwen7bResult({ id: 0, human: unrated }));
    expect(store.rate({ id, rating: 4, bestFor: ' Código ', issues: 'Alucinou datas' }).human).toMatchObject({
      rating: 4,
      bestFor: 'Código',
      issues: 'Alucinou datas',
      notes: null,
      ratedAt: expect.any(String),
    });
    expect(store.rate({ id, notes: 'ok' }).human).toMatchObject({ rating: 4, bestFor: 'Código', notes: 'ok' });
    expect(store.rate({ id, issues: '  ', rating: null }).human).toMatchObject({
      rating: null,
      issues: null,
      bestFor: 'Código',
    });
    opened.close();
  });

  it('says which id is unknown, and deletes', () => {
    const { store, opened } = openBenchStore(tempDir());
    const { id } = store.add(qwen7bResult({ id: 0 }));
    expect(store.delete(id)).toBe(true);
    expect(store.delete(id)).toBe(false);
    try {
      store.get(id);
      throw new Error('expected not-found');
    } catch (error) {
      expect(isBenchError(error, 'not-found')).toBe(true);
      expect((error as Error).message).toContain('loadout bench list');
    }
    opened.close();
  });

  it('skips a damaged row with the reason instead of failing the list', () => {
    const messages: string[] = [];
    const { store, opened } = openBenchStore(tempDir(), (m) => messages.push(m));
    const good = store.add(qwen7bResult({ id: 0 }));
    const bad = store.add(qwen7bResult({ id: 0 }));
    opened.db.prepare('UPDATE bench_run SET record = ? WHERE id = ?').run('{not json', bad.id);
    expect(store.list().map((r) => r.id)).toEqual([good.id]);
    expect(messages[0]).toContain(`#${bad.id} is damaged`);
    opened.db.prepare('UPDATE bench_run SET record = ? WHERE id = ?').run('{"model": 3}', bad.id);
    expect(store.list()).toHaveLength(1);
    expect(messages[1]).toContain('cannot be read');
    opened.close();
  });

  it('shares loadout.db with the other features through its own migration', () => {
    const dir = tempDir();
    openDatabase(dir, { component: 'other', migrations: ['CREATE TABLE other_thing (x INTEGER)'] }).close();
    const { opened } = openBenchStore(dir);
    const components = opened.db.prepare('SELECT component, version FROM loadout_schema ORDER BY component').all();
    expect(components).toEqual([
      { component: 'bench', version: 1 },
      { component: 'other', version: 1 },
    ]);
    opened.close();
  });
});

describe('a result that cannot be saved', () => {
  it('fails with the measured figures in the message', async () => {
    const { startBenchHarness } = await import('../../support/bench-harness');
    const h = await startBenchHarness({ emulator: { tokensPerSecond: 400, timeToFirstTokenMs: 10 } });
    try {
      // A folder where the database file should be: the store cannot open, so nothing can be written.
      fs.mkdirSync(path.join(h.dataDir, 'loadout.db'));
      const error = await h.bench.run({ modelKey: 'llama-3.2-1b-instruct', runs: 1, keepLoaded: false }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isBenchError(error, 'store-failed')).toBe(true);
      expect((error as Error).message).toMatch(
        /^The benchmark of llama-3\.2-1b-instruct ran \(\d+\.\d tok\/s, first token \d+ ms\) but could not be saved/,
      );
    } finally {
      await h.close();
    }
  }, 30_000);
});
