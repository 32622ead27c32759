import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../electron/core/db/open-database';
import { DatabaseLockedError, DatabaseTooNewError } from '../../../electron/core/db/database-errors';

const dirs: string[] = [];
const opened: OpenedDatabase[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-db-'));
  dirs.push(dir);
  return dir;
}
function open(dir: string, options: Partial<Parameters<typeof openDatabase>[1]> = {}): OpenedDatabase {
  const db = openDatabase(dir, { component: 'test', migrations: ['CREATE TABLE t (x INTEGER)'], ...options });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates loadout.db in the data folder with WAL and runs the migrations once', () => {
    const dir = tempDir();
    const a = open(dir);
    expect(a.file).toBe(path.join(dir, 'loadout.db'));
    expect(a.db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    a.db.prepare('INSERT INTO t VALUES (1)').run();
    a.close();
    const b = open(dir);
    expect(b.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    expect(b.recoveryMessage).toBeNull();
  });

  it('versions migrations per component, so features sharing the file evolve independently', () => {
    const dir = tempDir();
    open(dir).close();
    const other = open(dir, {
      component: 'bench',
      migrations: ['CREATE TABLE runs (id INTEGER)', 'ALTER TABLE runs ADD COLUMN name TEXT'],
    });
    expect(other.db.prepare('SELECT component, version FROM loadout_schema ORDER BY component').all()).toEqual([
      { component: 'bench', version: 2 },
      { component: 'test', version: 1 },
    ]);
    other.close();
    const grown = open(dir, { migrations: ['CREATE TABLE t (x INTEGER)', 'ALTER TABLE t ADD COLUMN y TEXT'] });
    grown.db.prepare("INSERT INTO t (x, y) VALUES (1, 'a')").run();
  });

  it('refuses a database written by a newer Loadout and changes nothing', () => {
    const dir = tempDir();
    open(dir, { migrations: ['CREATE TABLE t (x INTEGER)', 'CREATE TABLE u (x INTEGER)'] }).close();
    expect(() => open(dir)).toThrow(DatabaseTooNewError);
    expect(fs.readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('moves a damaged file aside as loadout.db.corrupt-<time>, says so, and starts fresh', () => {
    const dir = tempDir();
    const file = path.join(dir, 'loadout.db');
    fs.writeFileSync(file, "this is not a database, it is the user's data that must not be lost".repeat(100));
    const messages: string[] = [];
    const db = open(dir, { onRecovered: (m) => messages.push(m), now: () => Date.UTC(2026, 10, 26, 3, 0, 0) });
    const aside = path.join(dir, 'loadout.db.corrupt-2026-11-26T03-00-00-000Z');
    expect(fs.readFileSync(aside, 'utf8')).toContain('must not be lost');
    expect(db.recoveryMessage).toContain(aside);
    expect(messages).toEqual([db.recoveryMessage]);
    expect(db.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
  });

  it('detects a damaged page inside a real database too', () => {
    const dir = tempDir();
    const first = open(dir);
    first.db.exec('CREATE TABLE big (v TEXT)');
    const insert = first.db.prepare('INSERT INTO big VALUES (?)');
    for (let i = 0; i < 2000; i += 1) insert.run(`row ${i} `.repeat(20));
    first.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    first.close();
    const file = path.join(dir, 'loadout.db');
    const bytes = fs.readFileSync(file);
    bytes.fill(0xa5, 4096 * 3, 4096 * 6);
    fs.writeFileSync(file, bytes);
    // The cheap header check at open does not read every page; the quick check (after a query reported corruption) does.
    expect(open(dir).recoveryMessage).toBeNull();
    opened.splice(0).forEach((o) => o.close());
    const db = open(dir, { integrityCheck: 'quick' });
    expect(db.recoveryMessage).toMatch(/damaged/);
    expect(fs.readdirSync(dir).some((f) => /^loadout\.db\.corrupt-/.test(f))).toBe(true);
  });

  it('reports a database locked by another process for too long, and leaves it where it is', () => {
    const dir = tempDir();
    const holder = open(dir);
    holder.db.exec('BEGIN EXCLUSIVE');
    // Up to date: opening needs no write lock, so it works beside the writer (WAL readers do not wait).
    expect(open(dir, { busyTimeoutMs: 50 }).recoveryMessage).toBeNull();
    // A migration needs the write lock: held too long, that is reported, and nothing is moved.
    expect(() => open(dir, { component: 'other', busyTimeoutMs: 50 })).toThrow(DatabaseLockedError);
    holder.db.exec('ROLLBACK');
    expect(fs.readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });
});
