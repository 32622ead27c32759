import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEnergyCommand, cliLocale } from '../../../electron/cli/commands/energy';
import { configCommand } from '../../../electron/cli/commands/config';
import { EnergyTracker } from '../../../electron/core/energy/energy-tracker';
import { openEnergyLedger } from '../../../electron/core/energy/energy-service';
import type { EnergyContext } from '../../../shared/energy/types';
import { sampleOf } from '../../support/h200-trace';
import { runLoadout, spawnLoadout } from '../../support/cli-harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DAY0 = Date.UTC(2026, 10, 26, 8, 0, 0);
const NOW = DAY0 + 3 * 3_600_000;
let home: string;

beforeAll(() => {
  process.env.TZ = 'UTC';
});
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-energy-cli-'));
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

/** One hour idle with nothing loaded at 30 W, one hour loaded-idle at 130 W, 30 min inferring at 330 W with two models. */
function recordDay(T0 = DAY0): void {
  const { opened, ledger } = openEnergyLedger(home);
  let context: EnergyContext = { presetId: null, loadedModelKeys: [], inFlight: 0 };
  const tracker = new EnergyTracker({ ledger, getContext: () => context, gapLimitSeconds: () => 5, writerId: 'test' });
  const run = (fromMs: number, toMs: number, powerW: number, util: number) => {
    for (let t = fromMs; t < toMs; t += 1000) tracker.ingest(sampleOf(t, { powerW, util }));
  };
  run(T0, T0 + 3_600_000, 30, 0);
  context = { presetId: 'coding', loadedModelKeys: ['qwen2.5-coder-32b'], inFlight: 0 };
  run(T0 + 3_600_000, T0 + 7_200_000, 130, 0);
  context = { presetId: 'coding', loadedModelKeys: ['qwen2.5-coder-32b', 'llama-3.1-8b'], inFlight: 1 };
  run(T0 + 7_200_000, T0 + 9_000_001, 330, 95);
  tracker.stop();
  opened.close();
}

const energy = createEnergyCommand({ now: () => NOW });
const loadout = (...argv: string[]) =>
  runLoadout([energy, configCommand], argv, { LOADOUT_HOME: home, LANG: 'en_US.UTF-8' });

describe('loadout energy', () => {
  it('--json prints exactly the report contract with kWh, cost, method, gaps and rows, and the gaming sessions', async () => {
    recordDay();
    await loadout('config', 'set', 'energy.tariff', '0.89');
    await loadout('config', 'set', 'energy.gridIntensity', '100');
    const run = await loadout('energy', '--since', '24h', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['from', 'to', 'kWh', 'cost', 'co2Grams', 'method', 'gaps', 'rows', 'gaming']);
    expect(report.gaming).toEqual([]);
    // 30 W·h + 130 W·h + 330 W × 0.5 h = 0.325 kWh (the first second of each phase is a ramp).
    expect(report.kWh).toBeCloseTo(0.325, 3);
    expect(report.cost).toEqual({ amount: expect.closeTo(0.325 * 0.89, 3), currency: 'USD' });
    expect(report.co2Grams).toBeCloseTo(32.5, 0);
    expect(report.method).toBe('power-integration');
    expect(report.gaps).toEqual([]);
    expect(report.from).toBe(new Date(NOW - 86_400_000).toISOString());
    expect(report.to).toBe(new Date(NOW).toISOString());
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0].key).toBe('2026-11-26');
    expect(report.rows[0].idleShare).toBeCloseTo(0.16 / 0.325, 2);
  });

  it('--by preset and --by model attribute the energy; idle waste is above the learned 30 W baseline', async () => {
    recordDay();
    const byPreset = JSON.parse((await loadout('energy', '--by', 'preset', '--json')).stdout);
    const coding = byPreset.rows.find((r: { key: string }) => r.key === 'coding');
    expect(coding.kWh).toBeCloseTo(0.295, 3);
    expect(coding.idleWasteKWh).toBeCloseTo(0.1, 3);
    const none = byPreset.rows.find((r: { key: string }) => r.key === '(no preset)');
    expect(none.kWh).toBeCloseTo(0.03, 3);
    expect(none.idleWasteKWh).toBeCloseTo(0, 3);
    const byModel = JSON.parse((await loadout('energy', '--by', 'model', '--json')).stdout);
    const keys = Object.fromEntries(byModel.rows.map((r: { key: string; kWh: number }) => [r.key, r.kWh]));
    expect(keys['qwen2.5-coder-32b']).toBeCloseTo(0.13 + 0.0825, 3);
    expect(keys['llama-3.1-8b']).toBeCloseTo(0.0825, 3);
  });

  it('prints a table with kWh, cost, idle share and the hint to set a tariff', async () => {
    recordDay();
    const run = await loadout('energy', '--since', '7d', '--by', 'preset');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/preset\s+kWh\s+cost\s+idle share\s+idle waste kWh/);
    expect(run.stdout).toMatch(/coding\s+0\.295/);
    expect(run.stdout).toMatch(/total\s+0\.325/);
    expect(run.stdout).toContain('loadout config set energy.tariff');
  });

  it('shows money in BRL for a Brazilian locale', async () => {
    recordDay();
    await loadout('config', 'set', 'energy.tariff', '0.89');
    const run = await runLoadout([energy], ['energy'], { LOADOUT_HOME: home, LANG: 'pt_BR.UTF-8' });
    // 0.325 kWh × R$ 0.89 = R$ 0.28925: money a person reads in cents, with the Brazilian decimal comma.
    expect(run.stdout.replace(/\s/g, ' ')).toMatch(/total +0,325 +R\$ 0,29 /);
    expect(cliLocale('auto', { LC_ALL: 'pt_BR.UTF-8' })).toBe('pt-BR');
    expect(cliLocale('en', { LANG: 'pt_BR.UTF-8' })).toBe('en');
  });

  it('answers an empty report, and creates no database, before anything was recorded', async () => {
    const run = await loadout('energy', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      kWh: 0,
      cost: { amount: null },
      co2Grams: null,
      rows: [],
      gaps: [],
    });
    expect(run.stderr).toContain('no energy recorded yet');
    expect(fs.existsSync(path.join(home, 'loadout.db'))).toBe(false);
  });

  it('exits 2 on a bad --since or --by', async () => {
    expect((await loadout('energy', '--since', 'yesterday')).code).toBe(2);
    expect((await loadout('energy', '--by', 'gpu')).code).toBe(2);
  });

  it('black box: `loadout energy --json` prints clean JSON with no warnings on stderr', async () => {
    recordDay(Math.floor(Date.now() / 60_000) * 60_000 - 4 * 3_600_000);
    const run = await cli(['energy', '--since', '30d', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).kWh).toBeGreaterThan(0.3);
  });

  it('black box: `loadout monitor` feeds the ledger (fake nvidia-smi), `--no-ledger` and `--once` do not', async () => {
    const smi = { LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi') };
    expect((await cli(['monitor', '--once', '--json'], smi)).code).toBe(0);
    expect((await cli(['monitor', '--count', '4', '--interval', '200', '--json', '--no-ledger'], smi)).code).toBe(0);
    expect(fs.existsSync(path.join(home, 'loadout.db'))).toBe(false);
    const monitor = await cli(['monitor', '--count', '6', '--interval', '200', '--json'], smi);
    expect(monitor.code).toBe(0);
    const report = JSON.parse((await cli(['energy', '--since', '24h', '--json'])).stdout);
    // About a second at ~124 W (the trace's idle start): some tens of joules, from power.draw.
    expect(report.kWh).toBeGreaterThan(0);
    expect(report.kWh).toBeLessThan(0.001);
    expect(report.method).toBe('power-integration');
  }, 120_000);
});

/** Run `loadout <args>` from source as a user would (tsx), with this test's LOADOUT_HOME. */
function cli(args: string[], env: Record<string, string> = {}) {
  return spawnLoadout(args, { LOADOUT_HOME: home, ...env });
}
