/** `loadout serve … --port 0` as its own process for the benches; resolves with its URL once it listens. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SOURCE_CLI = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));

export interface ServeProcess {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/** Start `loadout serve <flags> --port 0` under tsx; rejects with its output when it exits or does not listen in time. */
export async function startServeProcess(
  env: NodeJS.ProcessEnv,
  flags: string[],
  timeoutMs = 60_000,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SOURCE_CLI, 'serve', ...flags, '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`loadout serve did not start:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving on (https?:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`loadout serve exited ${String(code)}:\n${out}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}
