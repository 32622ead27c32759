/** Starts the emulator as a child process (for CLI and end-to-end tests that need a separate server). */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { READY_PREFIX } from './main';

export interface EmulatorProcess {
  url: string;
  child: ChildProcess;
  /** Stop the child and wait for it to exit. */
  close(): Promise<void>;
}

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/** Spawns `tsx tests/emulator/main.ts --port 0 …args` and resolves with its URL once it listens. */
export function startEmulatorProcess(
  args: string[] = [],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--port', '0', '--load-ms-per-gb', '5', ...args], {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`The emulator did not start within ${options.timeoutMs ?? 20_000} ms.\n${err}`));
    }, options.timeoutMs ?? 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (line) {
        clearTimeout(timer);
        resolve({ url: line.slice(READY_PREFIX.length).trim(), child, close });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The emulator exited with code ${String(code)} before listening.\n${err}`));
    });
  });
}
