/** `loadout energy --by client`: the delegation ledger per MCP client, as a table (en, pt-BR) and as JSON, black box over planted rows. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDelegationLedger } from '../../../electron/core/delegation-ledger/open-delegation-ledger';
import type { DelegationRecord, DelegationSummary } from '../../../shared/delegation/delegation-record';
import { spawnLoadout } from '../../support/cli-harness';

let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-energy-by-client-'));
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

// Relative to the real clock: the command reads it (the clock-ahead run moves both).
const HOUR = 3_600_000;

function plant(currency: string): void {
  const { opened, ledger } = openDelegationLedger(home, { currency: () => currency });
  const base = { task: 'code', machine: 'local', reason: 'fits', currency } as const;
  const rows: DelegationRecord[] = [
    {
      ...base,
      at: Date.now() - HOUR,
      client: 'claude-code',
      model: 'qwen2.5-coder-14b',
      answered: true,
      declined: false,
      promptTokens: 30_000,
      completionTokens: 12_000,
      energyWh: 9.5,
      costLocal: 0.008,
      cloudCostAvoided: 0.27,
    },
    {
      ...base,
      at: Date.now() - 2 * HOUR,
      client: 'claude-code',
      model: null,
      answered: false,
      declined: true,
      promptTokens: 0,
      completionTokens: 0,
      energyWh: null,
      costLocal: null,
      cloudCostAvoided: null,
    },
    {
      ...base,
      at: Date.now() - 3 * HOUR,
      client: 'cursor',
      model: 'llama-3.1-8b',
      answered: true,
      declined: false,
      promptTokens: 1000,
      completionTokens: 1000,
      energyWh: 0.5,
      costLocal: 0.0004,
      cloudCostAvoided: 0.018,
    },
    // Outside a 24 h window.
    {
      ...base,
      at: Date.now() - 30 * HOUR,
      client: 'old-client',
      model: 'llama-3.1-8b',
      answered: true,
      declined: false,
      promptTokens: 5,
      completionTokens: 5,
      energyWh: 0.1,
      costLocal: 0,
      cloudCostAvoided: 0.0001,
    },
  ];
  for (const r of rows) ledger.recordDelegation(r);
  opened.close();
}

describe('loadout energy --by client', () => {
  it('prints tasks, tokens, Wh, local cost, cloud cost avoided and saving per client, in English', async () => {
    plant('USD');
    const run = await spawnLoadout(['energy', '--by', 'client', '--since', '24h'], {
      LOADOUT_HOME: home,
      LANG: 'en_US.UTF-8',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Tasks delegated to the local models .* UTC$/);
    expect(lines[2]!.split(/\s{2,}/)).toEqual([
      'client',
      'tasks',
      'answered',
      'declined',
      'tokens in',
      'tokens out',
      'Wh',
      'local cost',
      'cloud avoided',
      'saved',
    ]);
    expect(lines[3]!.split(/\s{2,}/)).toEqual([
      'claude-code',
      '2',
      '1',
      '1',
      '30000',
      '12000',
      '9.5',
      '$0.008',
      '$0.27',
      '$0.26',
    ]);
    expect(lines[4]!.split(/\s{2,}/)).toEqual([
      'cursor',
      '1',
      '1',
      '0',
      '1000',
      '1000',
      '0.5',
      '$0.0004',
      '$0.018',
      '$0.018',
    ]);
    expect(lines[5]!.split(/\s{2,}/)).toEqual([
      'total',
      '3',
      '2',
      '1',
      '31000',
      '13000',
      '10',
      '$0.0084',
      '$0.29',
      '$0.28',
    ]);
    expect(run.stdout).toContain(
      'Cloud cost avoided at $3.00 per million input tokens and $15.00 per million output tokens (mcp.cloudPrice)',
    );
    expect(run.stdout).not.toContain('old-client');
  });

  it('speaks pt-BR with reais, and --json prints the summary', async () => {
    plant('BRL');
    const run = await spawnLoadout(['energy', '--by', 'client', '--since', '7d'], {
      LOADOUT_HOME: home,
      LANG: 'pt_BR.UTF-8',
    });
    expect(run.code).toBe(0);
    const text = run.stdout.replace(/\u00a0/g, ' ');
    expect(text).toMatch(/^Tarefas delegadas aos modelos locais/);
    expect(text).toContain('cliente');
    expect(text).toContain('old-client');
    expect(text).toMatch(/claude-code\s+2\s+1\s+1\s+30000\s+12000\s+9,5\s+R\$ 0,008\s+R\$ 0,27\s+R\$ 0,26/);
    const json = await spawnLoadout(['energy', '--by', 'client', '--json'], {
      LOADOUT_HOME: home,
      LANG: 'pt_BR.UTF-8',
    });
    const summary = JSON.parse(json.stdout) as DelegationSummary;
    expect(summary).toMatchObject({
      by: 'client',
      currency: 'BRL',
      totals: { tasks: 3, answered: 2, declined: 1, promptTokens: 31_000, completionTokens: 13_000 },
    });
    expect(summary.rows.map((r) => r.key)).toEqual(['claude-code', 'cursor']);
  });

  it('says how tasks get here when there are none, and creates no database', async () => {
    const run = await spawnLoadout(['energy', '--by', 'client'], { LOADOUT_HOME: home, LANG: 'en_US.UTF-8' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No tasks delegated in this window');
    expect(fs.existsSync(path.join(home, 'loadout.db'))).toBe(false);
    const bad = await spawnLoadout(['energy', '--by', 'clients'], { LOADOUT_HOME: home, LANG: 'en_US.UTF-8' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--by must be one of day, week, month, preset, model, client (got "clients")');
  });
});
