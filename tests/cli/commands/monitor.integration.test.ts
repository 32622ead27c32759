/** `loadout monitor` as a black box: the real CLI entry point, run with tsx, against the fake nvidia-smi. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HardwareSampleSchema } from '../../../shared/hardware/sample';
import { ONCE_CPU_WINDOW_MS } from '../../../electron/cli/commands/monitor';
import { FAKE_SMI, isAlive, readPids, waitFor } from '../../support/fake-smi';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
let home: string;

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-monitor-cli-'));
});
afterAll(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

/** Run the CLI; with `untilLines` it is sent SIGINT (Ctrl+C) after that many lines, so it runs under node directly (npx does not forward signals). */
function runMonitor(args: string[], extraEnv: Record<string, string> = {}, untilLines?: number) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const command = untilLines ? [process.execPath, '--import', 'tsx'] : ['npx', 'tsx'];
    const child = spawn(command[0]!, [...command.slice(1), 'electron/cli/main.ts', 'monitor', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOADOUT_HOME: home, LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: FAKE_SMI, ...extraEnv },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (untilLines && stdout.split('\n').filter(Boolean).length >= untilLines) child.kill('SIGINT');
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const ISSUE_KEYS = ['timestamp', 'cpu', 'memory', 'gpus', 'gpuSource', 'gpuUnavailableReason'];
const GPU_KEYS = [
  'index',
  'name',
  'uuid',
  'utilizationPercent',
  'memoryUtilizationPercent',
  'memoryUsedBytes',
  'memoryTotalBytes',
  'temperatureC',
  'powerW',
  'powerLimitW',
  'energyCounterMJ',
  'clockSmMHz',
  'clockMemMHz',
  'fanPercent',
  'pstate',
];

describe('loadout monitor', () => {
  it('--json --count 3 --interval 200 prints three issue-shaped lines from nvidia-smi and leaves no child', async () => {
    const pidFile = path.join(home, 'pids-json');
    const { code, stdout, stderr } = await runMonitor(['--json', '--count', '3', '--interval', '200'], {
      FAKE_NVSMI_PIDFILE: pidFile,
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const obj = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(obj).slice(0, 6)).toEqual(ISSUE_KEYS);
      expect(obj).not.toHaveProperty('cpuWindowMs'); // each covers its interval, as --interval says
      const sample = HardwareSampleSchema.parse(obj);
      expect(sample.gpuSource).toBe('nvidia-smi');
      expect(sample.gpuUnavailableReason).toBeNull();
      expect(sample.cpu.perCore.length).toBe(os.cpus().length);
      expect(sample.memory.totalBytes).toBeGreaterThan(0);
      const gpu = sample.gpus[0]!;
      expect(Object.keys(gpu).slice(0, GPU_KEYS.length)).toEqual(GPU_KEYS);
      expect(gpu).toMatchObject({ name: 'NVIDIA H200', powerLimitW: 700, energyCounterMJ: null, fanPercent: null });
      expect(gpu.powerW).toBeGreaterThan(50);
    }
    const pids = readPids(pidFile);
    expect(pids.length).toBeGreaterThanOrEqual(1);
    expect(await waitFor(() => pids.every((p) => !isAlive(p)))).toBe(true);
  });

  it('without a driver it still reports CPU and RAM, with gpuSource none and the reason', async () => {
    const { code, stdout } = await runMonitor(['--once', '--json'], { FAKE_NVSMI_SCENARIO: 'no-driver' });
    expect(code).toBe(0);
    const sample = HardwareSampleSchema.parse(JSON.parse(stdout.trim()));
    expect(sample.gpuSource).toBe('none');
    expect(sample.gpus).toEqual([]);
    expect(sample.gpuUnavailableReason).toContain("couldn't communicate with the NVIDIA driver");
    expect(sample.memory.totalBytes).toBeGreaterThan(0);
  });

  it('--once says how long its CPU figure covers: cpuWindowMs in --json, a note beside the table', async () => {
    const json = await runMonitor(['--once', '--json']);
    expect(json.code).toBe(0);
    const line = JSON.parse(json.stdout.trim());
    expect(Object.keys(line).slice(0, 6)).toEqual(ISSUE_KEYS);
    // The window opens as the command starts and lasts at least ONCE_CPU_WINDOW_MS (a timer may fire 1 ms early).
    expect(line.cpuWindowMs).toBeGreaterThanOrEqual(ONCE_CPU_WINDOW_MS - 1);
    const table = await runMonitor(['--once']);
    expect(table.code).toBe(0);
    expect(table.stderr).toMatch(
      /^note: CPU % is over the \d+ ms this reading took, without loadout's own CPU time\.$/m,
    );
    expect(table.stdout).toMatch(/^\d\d:\d\d:\d\d /m);
  });

  it("says it waits for the NVIDIA driver (in the terminal's language) and resumes the GPU columns once it answers", async () => {
    const ready = path.join(home, 'driver-ready');
    fs.rmSync(ready, { force: true });
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'monitor', '--interval', '200'], {
      cwd: ROOT,
      env: {
        ...process.env,
        LOADOUT_HOME: home,
        LOADOUT_NVML: 'off',
        LOADOUT_NVIDIA_SMI: FAKE_SMI,
        FAKE_NVSMI_READY_FILE: ready,
        LC_ALL: '',
        LC_MESSAGES: '',
        LANG: 'pt_BR.UTF-8',
      },
    });
    let stdout = '';
    let stderr = '';
    const rows = () => stdout.split('\n').slice(1).filter(Boolean);
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      stdout += d;
      // The driver comes up after the first row without a GPU; Ctrl+C once a GPU row follows.
      if (rows().length >= 1) fs.writeFileSync(ready, '');
      if (rows().some((r) => /\/700\s/.test(r))) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stderr).toContain('note: Aguardando o driver da NVIDIA');
    expect(stderr).toMatch(/próxima verificação em \d+ s/);
    expect(stderr.match(/Aguardando o driver/g)).toHaveLength(1);
    expect(rows()[0]).toMatch(/\s-\s+—/); // no GPU yet: the GPU columns are dashes
    expect(rows().at(-1)).toMatch(/\s0\s+\d+\s+[\d.]+\/140\.4\s+\d+\s+[\d.]+\/700\s/);
  });

  it('prints a table by default and stops cleanly on Ctrl+C, killing nvidia-smi', async () => {
    const pidFile = path.join(home, 'pids-table');
    const { code, stdout } = await runMonitor(['--interval', '200'], { FAKE_NVSMI_PIDFILE: pidFile }, 3);
    expect(code).toBe(0);
    const [header, row] = stdout.split('\n');
    expect(header).toMatch(/^time\s+CPU %\s+RAM GiB\s+GPU\s+util %/);
    expect(row).toMatch(
      /^\d\d:\d\d:\d\d\s+[\d.]+\s+[\d.]+\/[\d.]+\s+0\s+\d+\s+[\d.]+\/140\.4\s+\d+\s+[\d.]+\/700\s+\d+\/3201\s+P0$/,
    );
    const pids = readPids(pidFile);
    expect(await waitFor(() => pids.every((p) => !isAlive(p)))).toBe(true);
  });

  it('usage errors exit 2 and say what to type', async () => {
    const bad = await runMonitor(['--interval', 'fast']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--interval needs a positive whole number, got "fast"');
    expect(bad.stderr).toContain('usage: loadout monitor [--once] [--json] [--interval MS] [--count N]');
    const both = await runMonitor(['--once', '--count', '3']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('use either --once or --count N');
    const unknown = await runMonitor(['--jsonl']);
    expect(unknown.code).toBe(2);
    const lang = await runMonitor(['--lang', 'fr']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('--lang must be one of en, pt-BR, got "fr"');
  });
});
