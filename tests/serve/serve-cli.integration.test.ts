import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLmStudioEmulator } from '../emulator';
import { ApiSocket, rawGet } from '../support/server-harness';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
});

function runServe(args: string[], env: Record<string, string> = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-serve-cli-'));
  homes.push(home);
  const child = spawn(tsx, ['electron/cli/main.ts', 'serve', ...args], {
    cwd: root,
    env: {
      ...process.env,
      LOADOUT_HOME: home,
      LOADOUT_NVML: 'off',
      LOADOUT_NVIDIA_SMI: path.join(home, 'no-nvidia-smi'),
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`serve exited ${code}: ${stderr}`));
    });
  });
  url.catch(() => undefined); // awaited only by tests that expect a running server
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}

describe('loadout serve as a user runs it', () => {
  it('serves on a free loopback port, answers the API, and stops cleanly on Ctrl+C', async () => {
    const run = runServe(['--port', '0', '--renderer', path.join(os.tmpdir(), 'loadout-no-renderer-here')]);
    const url = await run.url;
    const port = Number(new URL(url).port);
    expect((await rawGet(port, '/')).body).toContain('npm run build');
    const socket = await ApiSocket.connect(port);
    expect((await socket.call('app.info')).result).toMatchObject({ name: 'Loadout', host: 'serve' });
    socket.close();
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('streams live GPU samples from nvidia-smi and answers inventory and capacity', async () => {
    const fake = path.join(root, 'tests', 'fakes', 'nvidia-smi', 'nvidia-smi');
    const run = runServe(['--port', '0'], { LOADOUT_NVIDIA_SMI: fake, FAKE_NVSMI_SPEED: '4' });
    const port = Number(new URL(await run.url).port);
    const socket = await ApiSocket.connect(port);
    const sample = (await socket.waitForEvent('hardware.sample', 20_000)) as {
      gpuSource: string;
      gpus: Array<{ name: string; powerW: number | null }>;
    };
    expect(sample.gpuSource).toBe('nvidia-smi');
    expect(sample.gpus[0]?.name).toContain('H200');
    expect(typeof sample.gpus[0]?.powerW).toBe('number');
    const inventory = await socket.call('hardware.inventory');
    expect(inventory.result).toMatchObject({
      gpus: [expect.objectContaining({ name: expect.stringContaining('H200') })],
    });
    const capacity = (await socket.call('profile.capacity')).result as {
      rows: Array<{ size: string; fit: string }>;
      markdown: string;
    };
    expect(capacity.rows.find((r) => r.size === '7B')?.fit).toBe('gpu');
    expect(capacity.markdown).toContain('H200');
    expect((await socket.call('hardware.history')).result).toEqual(
      expect.arrayContaining([expect.objectContaining({ gpuSource: 'nvidia-smi' })]),
    );
    socket.close();
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('--lmstudio URL points the served app at that LM Studio, over LOADOUT_LMSTUDIO_URL', async () => {
    const emulator = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }] });
    try {
      const run = runServe(['--port', '0', '--lmstudio', emulator.url], { LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9' });
      const socket = await ApiSocket.connect(Number(new URL(await run.url).port));
      const models = (await socket.call('models.list')).result as {
        reachable: boolean;
        loaded: Array<{ modelKey: string }>;
      };
      expect(models).toMatchObject({
        reachable: true,
        loaded: [expect.objectContaining({ modelKey: 'qwen2.5-7b-instruct' })],
      });
      socket.close();
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
      const bad = runServe(['--port', '0', '--lmstudio', 'localhost:1234']);
      expect(await bad.exited).toBe(2);
      expect(bad.output().stderr).toContain('--lmstudio needs an http(s) URL');
    } finally {
      await emulator.close();
    }
  });

  it('exits 2 with what to type for a too-short token or a bad port', async () => {
    const short = runServe(['--port', '0', '--token', 'abc']);
    expect(await short.exited).toBe(2);
    expect(short.output().stderr).toContain('at least 16 characters');
    const port = runServe(['--port', 'http']);
    expect(await port.exited).toBe(2);
    expect(port.output().stderr).toContain('usage: loadout serve');
  });
});
