/** Runs `loadout` commands in-process against a temporary LOADOUT_HOME, capturing output and exit code. */
import { PassThrough } from 'node:stream';
import { runCli } from '../../../electron/core/cli/run-cli';
import type { CliCommand } from '../../../electron/core/cli/command';

/** Run one CLI invocation with the given commands and environment. */
export async function runLoadout(commands: CliCommand[], argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli(argv, { stdout, stderr, env, signal: new AbortController().signal }, commands);
  return { code, stdout: out, stderr: err };
}
