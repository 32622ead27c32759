/**
 * A real `loadout serve --port 0` for the one-core-per-machine tests: it owns the LM Studio emulator and
 * the fake nvidia-smi, and announces itself in `home`; the CLI under test gets `deadCliEnv(home)`,
 * which points at no LM Studio and no nvidia-smi, so whatever names the emulator's models came from serve.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { RUNNING_FILE_NAME } from '../../electron/core/attach/running-announce';

const ROOT = path.resolve(__dirname, '../..');

export interface RunningServe {
  child: ChildProcess;
  stderr(): string;
  /** Ctrl+C it; resolves to its exit code. */
  stop(): Promise<number | null>;
}

/** The CLI's environment: the same data folder, but no LM Studio, `lms` or nvidia-smi of its own. */
export function deadCliEnv(home: string): Record<string, string> {
  return {
    LOADOUT_HOME: home,
    LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9',
    LOADOUT_LMS: path.join(home, 'no-lms'),
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: path.join(home, 'no-nvidia-smi'),
    LM_API_TOKEN: '',
  };
}

/** Start serve against `lmstudioUrl` (with `lms` at `lms`, or none); resolves once it serves and announced itself. */
export async function startRunningServe(
  home: string,
  lmstudioUrl: string,
  { lms, env = {} }: { lms?: string; env?: Record<string, string> } = {},
): Promise<RunningServe> {
  const serveEnv = {
    ...process.env,
    ...deadCliEnv(home),
    LOADOUT_LMSTUDIO_URL: lmstudioUrl,
    ...(lms ? { LOADOUT_LMS: lms } : {}),
    LOADOUT_NVIDIA_SMI: path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi'),
    FAKE_NVSMI_SPEED: '4',
    ...env,
  };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/cli/main.ts', 'serve', '--port', '0', '--renderer', path.join(home, 'no-renderer')],
    { cwd: ROOT, env: serveEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let ended = false;
  void exited.then(() => (ended = true));
  while (!/serving on/.test(stdout) || !fs.existsSync(path.join(home, RUNNING_FILE_NAME))) {
    if (ended) throw new Error(`serve exited: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    stderr: () => stderr,
    async stop() {
      if (!ended) child.kill('SIGINT');
      return exited;
    },
  };
}
