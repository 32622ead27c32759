/**
 * Loads `node:sqlite` lazily. Node 22 prints an ExperimentalWarning the first time it loads; the CLI's
 * output (`loadout energy --json`) must stay clean, so exactly that one warning is dropped here.
 */
import { createRequire } from 'node:module';

export type SqliteModule = typeof import('node:sqlite');
export type Database = import('node:sqlite').DatabaseSync;

let cached: SqliteModule | null = null;

/** The node:sqlite module, loaded once without its experimental-feature warning. */
export function loadSqlite(): SqliteModule {
  if (cached) return cached;
  const original = process.emitWarning;
  process.emitWarning = function filtered(this: typeof process, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (/SQLite is an experimental feature/i.test(text)) return;
    return (original as (...args: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    cached = createRequire(import.meta.url)('node:sqlite') as SqliteModule;
  } finally {
    process.emitWarning = original;
  }
  return cached;
}
