/**
 * A second process that holds loadout.db's write lock, as a database browser or a backup tool does:
 * opens argv[2], runs BEGIN EXCLUSIVE, prints "locked"; a line "release" on stdin ends the transaction
 * and prints "released"; stdin closing exits.
 */
import { createInterface } from 'node:readline';
import { loadSqlite } from '../../electron/core/db/load-sqlite';

const db = new (loadSqlite().DatabaseSync)(process.argv[2]!);
db.exec('BEGIN EXCLUSIVE');
process.stdout.write('locked\n');
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() !== 'release' || !db.isTransaction) return;
  db.exec('ROLLBACK');
  process.stdout.write('released\n');
});
lines.on('close', () => {
  db.close();
  process.exit(0);
});
