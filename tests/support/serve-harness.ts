/** Runs `loadout serve --openai` in-process on a free loopback port, and stops it with Ctrl+C's signal. */
import { PassThrough } from 'node:stream';
import { serveCommand } from '../../electron/cli/commands/serve';
import { runCli } from '../../electron/cli/run-cli';

export interface ServeHarness {
  url: string;
  output(): string;
  stop(): Promise<number>;
}

/** Start `loadout serve` with `args`; resolves once it prints its address. */
export async function startServe(args: string[], env: NodeJS.ProcessEnv): Promise<ServeHarness> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (out += d.toString()));
  const controller = new AbortController();
  const done = runCli(['serve', '--port', '0', ...args], { stdout, stderr, env, signal: controller.signal }, [
    serveCommand,
  ]);
  const started = Date.now();
  for (;;) {
    const m = /serving on (http:\/\/\S+)/.exec(out);
    if (m)
      return {
        url: m[1]!,
        output: () => out,
        stop: async () => {
          controller.abort();
          return done;
        },
      };
    if (Date.now() - started > 20_000) throw new Error(`loadout serve did not start:\n${out}`);
    const early = await Promise.race([done.then((code) => code), new Promise((r) => setTimeout(() => r(null), 25))]);
    if (early !== null) throw new Error(`loadout serve exited ${String(early)}:\n${out}`);
  }
}
