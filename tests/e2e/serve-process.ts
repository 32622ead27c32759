/**
 * Start the real `loadout serve` (the CLI, as a child process) on 127.0.0.1 with a free port, against
 * the LM Studio emulator and the fake nvidia-smi, in a temp LOADOUT_HOME; resolves with its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FAKE_LMS_PATH, startEmulatorProcess, type EmulatorProcess } from '../emulator';
import { REPO_ROOT } from './renderer-build';

export interface ServedApp {
  url: string;
  emulator: EmulatorProcess;
  home: string;
  child: ChildProcess;
  /** Everything the server wrote on stderr (for failure messages). */
  stderr(): string;
  close(): Promise<void>;
}

const FAKE_SMI = path.join(REPO_ROOT, 'tests', 'fakes', 'nvidia-smi', 'nvidia-smi');
const CLI_MAIN = path.join(REPO_ROOT, 'electron', 'cli', 'main.ts');

/** Start emulator + `loadout serve --port 0 --renderer DIR`. */
export async function startServedApp(
  rendererDir: string,
  /** `home`: a data folder prepared by the test (settings written before serve reads them); removed on close. */
  options: { emulatorArgs?: string[]; locale?: string; env?: NodeJS.ProcessEnv; home?: string } = {},
): Promise<ServedApp> {
  const home = options.home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-e2e-'));
  const emulator = await startEmulatorProcess(['--tps', '200', '--ttft-ms', '50', ...(options.emulatorArgs ?? [])]);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOADOUT_HOME: home,
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: FAKE_SMI,
    LOADOUT_LMSTUDIO_URL: emulator.url,
    LOADOUT_LMS: FAKE_LMS_PATH,
    LMSTUDIO_EMULATOR_URL: emulator.url,
    LANG: options.locale ?? 'en_US.UTF-8',
    ...options.env,
  };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI_MAIN, 'serve', '--port', '0', '--renderer', rendererDir],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await emulator.close();
    fs.rmSync(home, { recursive: true, force: true });
  };
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`loadout serve did not start within 30 s.\n${err}`)), 30_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /serving on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`loadout serve exited with ${String(code)} before listening.\n${err}`));
    });
  }).catch(async (e: unknown) => {
    await close();
    throw e;
  });
  return { url, emulator, home, child, stderr: () => err, close };
}
