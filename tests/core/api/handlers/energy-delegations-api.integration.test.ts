/** energy.delegations over the core's delegation ledger: "today" is since local midnight, money in the UI language's currency, input checked by the contract. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEnergyDelegationsHandler } from '../../../../electron/core/api/handlers/energy-delegations-handler';
import type { ApiServices } from '../../../../electron/core/api/handlers/api-services';
import { createDelegationLedgerPort } from '../../../../electron/core/core-services/delegation-ledger-port';
import { contractMethods } from '../../../../shared/contract';
import { defaultSettings, type Settings } from '../../../../shared/settings/schema';
import type { DelegationRecord } from '../../../../shared/delegation/delegation-record';

const ctx = { transport: 'ws' as const, callerId: 'test' };
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const NOW = new Date(2026, 10, 27, 9, 0).getTime();
const YESTERDAY = new Date(2026, 10, 26, 22, 0).getTime();

function row(at: number, client: string, currency: string): DelegationRecord {
  return {
    at,
    client,
    task: 'code',
    model: 'qwen',
    machine: 'local',
    answered: true,
    declined: false,
    reason: 'fits',
    promptTokens: 1000,
    completionTokens: 1000,
    energyWh: 2,
    costLocal: 0.01,
    cloudCostAvoided: 0.018,
    currency,
  };
}

function setup(language: Settings['ui']['language']) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-delegations-api-'));
  const port = createDelegationLedgerPort({ dataDir: dir, currency: () => 'BRL', onMessage: () => {} });
  cleanups.push(() => {
    port.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const settings = (): Settings => {
    const s = defaultSettings();
    return { ...s, ui: { ...s.ui, language } };
  };
  const services = { locale: 'en-US', settings: { get: settings }, delegations: port } as unknown as ApiServices;
  return { port, handler: createEnergyDelegationsHandler(services, () => NOW)['energy.delegations'] };
}

describe('energy.delegations', () => {
  it("counts today's asks from local midnight, in the UI language's currency", async () => {
    const { port, handler } = setup('pt-BR');
    port.recordDelegation(row(YESTERDAY, 'claude-code', 'BRL'));
    port.recordDelegation(row(NOW - 60_000, 'claude-code', 'BRL'));
    port.recordDelegation(row(NOW - 30_000, 'cursor', 'BRL'));
    const today = await handler(contractMethods['energy.delegations'].input.parse(undefined), ctx);
    expect(contractMethods['energy.delegations'].output.parse(today)).toEqual(today);
    expect(today).toMatchObject({ by: 'client', currency: 'BRL', totals: { tasks: 2, promptTokens: 2000 } });
    expect(today.totals.saved).toBeCloseTo(0.016, 9);
    const week = await handler({ since: '7d', by: 'day' }, ctx);
    expect(week.rows.map((r) => [r.key, r.tasks])).toEqual([
      ['2026-11-26', 1],
      ['2026-11-27', 2],
    ]);
  });

  it('sums no money kept in another currency than the English UI shows (USD)', async () => {
    const { port, handler } = setup('en');
    port.recordDelegation(row(NOW - 60_000, 'claude-code', 'BRL'));
    const today = await handler({ since: 'today', by: 'client' }, ctx);
    expect(today).toMatchObject({ currency: 'USD', totals: { tasks: 1, costLocal: null, cloudCostAvoided: null } });
  });

  it('refuses a grouping it does not know, naming the field', () => {
    const parsed = contractMethods['energy.delegations'].input.safeParse({ by: 'preset' });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('"by"');
  });
});
