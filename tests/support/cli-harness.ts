/** Runs `loadout` commands in-process, or as a real process from source, capturing output and exit code. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { type ListedCommand, runCli } from '../../electron/cli/run-cli';

/** Run one CLI invocation with the given commands and environment. */
export async function runLoadout(
  commands: ListedCommand[],
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli(argv, { stdout, stderr, env, signal: new AbortController().signal }, commands);
  return { code, stdout: out, stderr: err };
}

const ROOT = path.resolve(__dirname, '../..');

/** What a finished process printed, and how it exited. */
export interface ProcessOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command to its end, capturing stdout and stderr (stdin closed). */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<ProcessOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Run `loadout <args>` from source as a real process (tsx), as `npm run loadout -- <args>` does; `env` adds to this process's (give LOADOUT_HOME). */
export function spawnLoadout(args: string[], env: Record<string, string>): Promise<ProcessOutput> {
  return runProcess(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
}
