/**
 * `loadout monitor --once` starts nvidia-smi once: the loop child with the fields Loadout asks for first,
 * without the `--help-query-gpu` probe. A driver that lacks one of those fields is probed, then read.
 * A wrapper in front of the fake nvidia-smi records every run's arguments.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnLoadout } from '../../support/cli-harness';
import { FAKE_SMI } from '../../support/fake-smi';

const FIXTURES = path.resolve(path.dirname(FAKE_SMI), '../../fixtures/nvidia-smi/h200-driver-580');
let dir: string;
let wrapper: string;
let calls: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-smi-spawns-'));
  calls = path.join(dir, 'calls.txt');
  wrapper = path.join(dir, 'nvidia-smi');
  fs.writeFileSync(
    wrapper,
    `#!/usr/bin/env node\nrequire('node:fs').appendFileSync(${JSON.stringify(calls)}, process.argv.slice(2).join(' ') + '\\n');\n` +
      `require(${JSON.stringify(FAKE_SMI)});\n`,
    { mode: 0o755 },
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function monitorOnce(extraEnv: Record<string, string> = {}) {
  fs.rmSync(calls, { force: true });
  const run = await spawnLoadout(['monitor', '--once', '--json'], {
    LOADOUT_HOME: path.join(dir, 'home'),
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: wrapper,
    ...extraEnv,
  });
  return { ...run, calls: fs.readFileSync(calls, 'utf8').split('\n').filter(Boolean) };
}

describe('loadout monitor --once and nvidia-smi', () => {
  it('runs nvidia-smi once, the loop with the first-choice fields, and prints its reading', async () => {
    const run = await monitorOnce();
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).gpus[0].name).toContain('H200');
    expect(run.calls).toHaveLength(1);
    expect(run.calls[0]).toMatch(/^--query-gpu=timestamp,index,.*enforced\.power\.limit.* -lms 1000$/);
  });

  it('probes the fields when the driver lacks one of them, then reads with what it has', async () => {
    const older = path.join(dir, 'older-driver');
    fs.cpSync(FIXTURES, older, { recursive: true });
    const help = path.join(older, 'help-query-gpu.txt');
    fs.writeFileSync(help, fs.readFileSync(help, 'utf8').replace('"enforced.power.limit" or ', ''));
    const run = await monitorOnce({ FAKE_NVSMI_FIXTURES: older });
    expect(run.code).toBe(0);
    expect(run.calls.map((c) => c.split('=')[0]!.split(' ')[0])).toEqual([
      '--query-gpu',
      '--help-query-gpu',
      '--query-gpu',
    ]);
    expect(run.calls[2]).toContain('gpu.power.current_limit');
    expect(JSON.parse(run.stdout).gpus).toHaveLength(1);
  });
});
