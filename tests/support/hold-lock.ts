/** Start lock-holder.ts in its own process on a database file; resolves once it holds the write lock. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lock-holder.ts');

export interface LockHolder {
  /** End the holder's transaction; resolves when it says the lock is released. */
  release(): Promise<void>;
  /** Stop the process (releases the lock if still held). */
  stop(): Promise<void>;
}

/** Hold `file`'s write lock from another process until release() or stop(). */
export function holdLock(file: string): Promise<LockHolder> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, file], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: Array<{ word: string; resolve: () => void }> = [];
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters.splice(0)) {
      if (out.includes(`${w.word}\n`)) w.resolve();
      else waiters.push(w);
    }
  });
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.includes(`${word}\n`)) return resolve();
      waiters.push({ word, resolve });
      child.once('exit', () => reject(new Error(`lock holder exited before "${word}": ${err}`)));
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return said('locked').then(() => ({
    release: () => {
      child.stdin.write('release\n');
      return said('released');
    },
    stop: () => {
      child.stdin.end();
      return exited;
    },
  }));
}
