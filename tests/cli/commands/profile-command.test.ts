import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProfileCommand } from '../../../electron/cli/commands/profile';
import type { MachineInventory } from '../../../shared/hardware/inventory';
import { buildMachineProfile } from '../../../shared/profile/machine-profile';
import userMachine from '../../fixtures/profile/ryzen-9800x3d-rtx3090.json';
import { runLoadout } from '../../support/cli-harness';

const inventory = userMachine as MachineInventory;

async function run(args: string[], extraEnv: Record<string, string> = {}) {
  const envSeen: NodeJS.ProcessEnv[] = [];
  const command = createProfileCommand({
    readInventory: async (env) => (envSeen.push(env), inventory),
    now: () => new Date('2026-11-26T04:00:00Z'),
  });
  const env = {
    LOADOUT_NVML: 'off',
    LOADOUT_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-profile-cmd-')),
    ...extraEnv,
  };
  const { code, stdout: out, stderr: err } = await runLoadout([command], ['profile', ...args], env);
  return { code, out, err, envSeen, env };
}

describe('profile command (injected inventory)', () => {
  it('--json prints exactly the profile built from the inventory', async () => {
    const r = await run(['--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(buildMachineProfile(inventory))));
    expect(r.envSeen).toEqual([r.env]);
  });

  it('--context changes the capacity table', async () => {
    const r = await run(['--json', '--context', '32768']);
    expect(JSON.parse(r.out).capacity.contextTokens).toBe(32768);
  });

  it("without --lang, speaks the terminal's language (the one locale source), headings included", async () => {
    const pt = await run([], { LANG: 'pt_BR.UTF-8' });
    expect(pt.code, pt.err).toBe(0);
    expect(pt.out).toMatch(/^# Especificações de Hardware - Perfil da Máquina\n/);
    expect(pt.out).toContain('## Capacidade');
    const en = await run([], { LANG: 'en_US.UTF-8' });
    expect(en.out).toMatch(/^# Hardware Specifications - Machine Profile\n/);
  });

  it('prints the Markdown of the user machine with the date of the run', async () => {
    const r = await run(['--lang', 'PT-br']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('**Gerado em**: 2026-11-26');
    expect(r.out).toContain('Modelo: NVIDIA GeForce RTX 3090');
    expect(r.out).toContain('| 7B | Q4_K_M | 5 GB | ✅ GPU | ~102 tok/s | ~12 tok/s |');
  });

  it('reports a failing inventory reader as a failure (exit 1), not a crash', async () => {
    const command = createProfileCommand({
      readInventory: () => Promise.reject(new Error('systeminformation failed')),
    });
    const { code, stderr: err } = await runLoadout([command], ['profile'], {});
    expect(code).toBe(1);
    expect(err).toContain('systeminformation failed');
  });
});
