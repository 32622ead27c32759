/**
 * Agents for the fleet tests: each a real `loadout serve` on its own loopback address (127.0.0.N) with a
 * token, its own data folder, an LM Studio emulator with the fake `lms`, and the fake nvidia-smi replaying a GPU capture.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../emulator';
import { deadCliEnv } from './running-serve';

const ROOT = path.resolve(__dirname, '../..');

export interface FleetAgent {
  url: string;
  token: string;
  emu: LmStudioEmulator;
  child: ChildProcess;
  /** Kill it at once (the machine "goes away"). */
  kill(): Promise<void>;
  /** Ctrl+C it, close its emulator and remove its folder. */
  stop(): Promise<void>;
}

/** Start serve on `host` with `token`, over an emulator that has `models` loaded; `tls` serves HTTPS on loopback too. */
export async function startFleetAgent(
  host: string,
  token: string,
  models: string[],
  { tls = false }: { tls?: boolean } = {},
): Promise<FleetAgent> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-fleet-agent-'));
  const emu = await createLmStudioEmulator({ preload: models.map((key) => ({ key })) });
  const env = {
    ...process.env,
    ...deadCliEnv(home),
    LOADOUT_LMSTUDIO_URL: emu.url,
    // A machine with LM Studio has its `lms` too (some load settings need it).
    LOADOUT_LMS: FAKE_LMS_PATH,
    LOADOUT_NVIDIA_SMI: path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi'),
    FAKE_NVSMI_SPEED: '4',
  };
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/cli/main.ts',
      'serve',
      '--host',
      host,
      '--port',
      '0',
      '--token',
      token,
      '--renderer',
      path.join(home, 'no-renderer'),
      ...(tls ? ['--tls'] : []),
    ],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let ended = false;
  void exited.then(() => (ended = true));
  while (!/serving on \S+/.test(stdout)) {
    if (ended) throw new Error(`serve exited: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = /serving on (\S+)/.exec(stdout)![1]!.replace(/\/+$/, '');
  return {
    url,
    token,
    emu,
    child,
    async kill() {
      if (!ended) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!ended) child.kill('SIGINT');
      await exited;
      await emu.close();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
