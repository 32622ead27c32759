/** `loadout profile` as a user runs it: a real process, the real inventory of this machine, and the fake nvidia-smi. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MachineProfile } from '../../../shared/profile/machine-profile';
import { spawnLoadout } from '../../support/cli-harness';

const ROOT = path.resolve(__dirname, '../../..');
const FAKE_SMI = path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-profile-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

/** Run `loadout <args>` from source (tsx), as `npm run loadout -- <args>` does. */
const loadout = (args: string[], env: Record<string, string>) => spawnLoadout(args, { LOADOUT_HOME: home, ...env });

const NO_GPU = { LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: path.join(home, 'missing', 'nvidia-smi') };

describe('loadout profile (black box)', () => {
  it('--json without any GPU: CPU and RAM present, the reason for no GPU, a CPU-only capacity table', async () => {
    const run = await loadout(['profile', '--json'], NO_GPU);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const profile = JSON.parse(run.stdout) as MachineProfile;
    expect(Object.keys(profile).sort()).toEqual(['bandwidth', 'capacity', 'inventory']);
    expect(profile.inventory.gpus).toEqual([]);
    expect(profile.inventory.gpuUnavailableReason).toMatch(/LOADOUT_NVML=off/);
    expect(profile.inventory.gpuUnavailableReason).toContain(NO_GPU.LOADOUT_NVIDIA_SMI);
    expect(profile.inventory.cpu.logicalCores).toBe(os.cpus().length);
    expect(profile.inventory.memory.totalBytes).toBeGreaterThan(0);
    expect(profile.bandwidth.gpus).toEqual([]);
    expect(profile.capacity.gpu).toBeNull();
    expect(profile.capacity.rows).toHaveLength(32);
    expect(profile.capacity.rows.find((r) => r.size === '1B' && r.quantization === 'Q2_K')!.fit).toBe('cpu');
    expect(profile.capacity.rows.every((r) => r.fit === 'cpu' || r.fit === 'no')).toBe(true);
  });

  it('prints the Markdown profile by default, in pt-BR on request', async () => {
    const en = await loadout(['profile'], NO_GPU);
    expect(en.code).toBe(0);
    for (const heading of ['## Detailed Specifications', '### CPU', '### RAM', '### GPU', '## Capacity'])
      expect(en.stdout).toContain(heading);
    expect(en.stdout).toContain('No NVIDIA GPU available.');
    expect(en.stdout).toContain('| Model | Quantization | Memory | Fits | Est. speed | CPU only |');
    const pt = await loadout(['profile', '--lang', 'pt-BR', '--context', '8192'], NO_GPU);
    expect(pt.code).toBe(0);
    expect(pt.stdout).toContain('Nenhuma GPU NVIDIA disponível.');
    expect(pt.stdout).toContain('Estimativas com contexto de 8192 tokens.');
  });

  it('with the fake nvidia-smi (real H200 captures) describes the H200 and puts 70B F16 on it', async () => {
    const run = await loadout(['profile', '--json'], { LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: FAKE_SMI });
    expect(run.code).toBe(0);
    const profile = JSON.parse(run.stdout) as MachineProfile;
    expect(profile.inventory.gpus).toHaveLength(1);
    expect(profile.inventory.gpus[0]).toMatchObject({
      name: 'NVIDIA H200',
      driverVersion: '580.159.04',
      computeCapability: '9.0',
    });
    expect(profile.inventory.gpus[0]!.memoryTotalBytes).toBe(143771 * 1024 ** 2);
    const bw = profile.bandwidth.gpus[0]!.bytesPerSecond!;
    expect(bw).toBeGreaterThan(4.7e12);
    expect(bw).toBeLessThan(5e12);
    expect(profile.capacity.gpu!.name).toBe('NVIDIA H200');
    expect(profile.capacity.rows.find((r) => r.size === '70B' && r.quantization === 'F16')!.fit).toBe('gpu');
    const md = await loadout(['profile'], { LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: FAKE_SMI });
    expect(md.stdout).toContain('Model: NVIDIA H200');
    expect(md.stdout).toContain('Compute Capability: 9.0');
  });

  it.each([
    [['profile', '--bogus']],
    [['profile', '--lang', 'fr']],
    [['profile', '--context', 'many']],
    [['profile', 'extra']],
  ])('usage error %j exits 2 and says what to type', async (args) => {
    const run = await loadout(args, NO_GPU);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('usage: loadout profile [--json] [--lang en|pt-BR] [--context TOKENS]');
  });
});
