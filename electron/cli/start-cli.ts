/** Runs the `loadout` CLI on this process's argv and streams: shared by the Node entry and the standalone executable. */
import { commands } from './commands/index';
import { runCli } from './run-cli';

/** Run `loadout …` from process.argv; sets process.exitCode when done. */
export async function startCli(argv: string[] = process.argv.slice(2)): Promise<void> {
  const controller = new AbortController();
  // `on`, not `once`: conf's when-exit re-raises the signal after its own cleanup, and with no listener
  // left that second signal would kill the CLI before the command stops cleanly (the ledger's last
  // write, the nvidia-smi child). Commands load lazily, so when-exit's listener now comes after ours.
  process.on('SIGINT', () => controller.abort());
  process.on('SIGTERM', () => controller.abort());
  // A closed pipe (`loadout monitor --json | head`) ends the run quietly instead of crashing.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') controller.abort();
  });
  process.exitCode = await runCli(
    argv,
    { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal },
    commands,
  );
}
