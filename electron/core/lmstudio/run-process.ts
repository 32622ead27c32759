/** The default RunProcess: spawns a program, collects its output, honours a timeout and an AbortSignal. */
import { spawn } from 'node:child_process';
import type { ProcessResult, RunProcess } from './client-types';

/** Runs `file args`; rejects when it cannot start, is aborted (AbortError) or times out (TimeoutError). */
export const runProcess: RunProcess = (file, args, options) =>
  new Promise<ProcessResult>((resolve, reject) => {
    const child = spawn(file, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const kill = (): void => {
      if (child.exitCode === null) child.kill();
    };
    const timer = setTimeout(() => {
      kill();
      finish(() =>
        reject(
          Object.assign(new Error(`${file} did not finish within ${options.timeoutMs} ms`), { name: 'TimeoutError' }),
        ),
      );
    }, options.timeoutMs);
    const onAbort = (): void => {
      kill();
      finish(() => reject(Object.assign(new Error(`${file} was cancelled`), { name: 'AbortError' })));
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', (error) => finish(() => reject(error)));
    child.once('close', (code, signal) =>
      finish(() => resolve({ exitCode: code ?? (signal ? 1 : 0), stdout, stderr })),
    );
  });
