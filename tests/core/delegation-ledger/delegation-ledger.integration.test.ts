/**
 * The delegation ledger in loadout.db: every ask kept with its client, model, tokens, Wh and money;
 * summaries per client, model and local day (across midnight); a lock held by another process keeps
 * the rows in memory until it lets go; any other failed write is said once, never thrown into an answer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDelegationLedgerPort } from '../../../electron/core/core-services/delegation-ledger-port';
import { openDelegationLedger } from '../../../electron/core/delegation-ledger/open-delegation-ledger';
import type { DelegationRecord } from '../../../shared/delegation/delegation-record';
import { holdLock } from '../../support/hold-lock';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function home(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-delegations-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function open(dir: string, messages: string[] = []) {
  const handle = openDelegationLedger(dir, { currency: () => 'BRL', onMessage: (m) => messages.push(m) });
  cleanups.push(() => handle.opened.close());
  return handle;
}

// Local times: 23:50 on one day and 00:10 on the next, so grouping by day splits them at local midnight.
const LATE = new Date(2026, 10, 26, 23, 50).getTime();
const EARLY = new Date(2026, 10, 27, 0, 10).getTime();

function ask(over: Partial<DelegationRecord> = {}): DelegationRecord {
  return {
    at: LATE,
    client: 'claude-code',
    task: 'code',
    model: 'qwen2.5-coder-7b',
    machine: 'local',
    answered: true,
    declined: false,
    reason: 'code task, fits',
    promptTokens: 1000,
    completionTokens: 500,
    energyWh: 0.5,
    costLocal: 0.0004,
    cloudCostAvoided: 0.0105,
    ...over,
  };
}

describe('delegation ledger', () => {
  it('keeps each ask and sums them by client, model and local day across midnight', () => {
    const { ledger, opened } = open(home());
    ledger.recordDelegation(ask());
    ledger.recordDelegation(
      ask({
        at: EARLY,
        client: 'claude-desktop',
        model: 'llama-3.1-8b',
        task: 'quick',
        promptTokens: 200,
        completionTokens: 100,
        energyWh: 0.1,
        costLocal: 0.0001,
        cloudCostAvoided: 0.0021,
      }),
    );
    ledger.recordDelegation(
      ask({
        at: EARLY + 60_000,
        answered: false,
        declined: true,
        model: null,
        reason: 'confidence 0.4 below 0.55',
        promptTokens: 0,
        completionTokens: 0,
        energyWh: null,
        costLocal: null,
        cloudCostAvoided: null,
      }),
    );
    expect(ledger.pendingCount()).toBe(0);
    const stored = opened.db
      .prepare('SELECT client, model, local_day, answered, declined, currency FROM delegations ORDER BY id')
      .all();
    expect(stored).toEqual([
      {
        client: 'claude-code',
        model: 'qwen2.5-coder-7b',
        local_day: '2026-11-26',
        answered: 1,
        declined: 0,
        currency: 'BRL',
      },
      {
        client: 'claude-desktop',
        model: 'llama-3.1-8b',
        local_day: '2026-11-27',
        answered: 1,
        declined: 0,
        currency: 'BRL',
      },
      { client: 'claude-code', model: null, local_day: '2026-11-27', answered: 0, declined: 1, currency: 'BRL' },
    ]);

    const window = { since: LATE - 3_600_000, until: EARLY + 3_600_000 };
    const byClient = ledger.delegationSummary({ ...window, by: 'client' });
    expect(byClient.currency).toBe('BRL');
    expect(
      byClient.rows.map((r) => [r.key, r.tasks, r.answered, r.declined, r.promptTokens, r.completionTokens]),
    ).toEqual([
      ['claude-code', 2, 1, 1, 1000, 500],
      ['claude-desktop', 1, 1, 0, 200, 100],
    ]);
    expect(byClient.rows[0]!.energyWh).toBeCloseTo(0.5, 9);
    expect(byClient.rows[0]!.saved).toBeCloseTo(0.0105 - 0.0004, 9);
    expect(byClient.totals).toMatchObject({
      tasks: 3,
      answered: 2,
      declined: 1,
      promptTokens: 1200,
      completionTokens: 600,
    });
    expect(byClient.totals.energyWh).toBeCloseTo(0.6, 9);
    expect(byClient.totals.cloudCostAvoided).toBeCloseTo(0.0126, 9);
    expect(byClient.totals.saved).toBeCloseTo(0.0126 - 0.0005, 9);

    const byModel = ledger.delegationSummary({ ...window, by: 'model' });
    expect(byModel.rows.map((r) => r.key).sort()).toEqual(['', 'llama-3.1-8b', 'qwen2.5-coder-7b']);
    expect(byModel.rows.find((r) => r.key === '')).toMatchObject({
      tasks: 1,
      declined: 1,
      costLocal: null,
      cloudCostAvoided: null,
      saved: null,
    });

    const byDay = ledger.delegationSummary({ ...window, by: 'day' });
    expect(byDay.rows.map((r) => [r.key, r.tasks])).toEqual([
      ['2026-11-26', 1],
      ['2026-11-27', 2],
    ]);
    // The window's end is excluded and its start included.
    expect(ledger.delegationSummary({ since: EARLY, until: EARLY + 60_000 }).totals.tasks).toBe(1);
  });

  it('sums money only in the summary currency, and counts the other rows without it', () => {
    const { ledger } = open(home());
    ledger.recordDelegation(ask());
    ledger.recordDelegation(ask({ currency: 'USD', costLocal: 1, cloudCostAvoided: 2 }));
    const brl = ledger.delegationSummary({ since: LATE, until: LATE + 1 });
    expect(brl.totals.tasks).toBe(2);
    expect(brl.totals.cloudCostAvoided).toBeCloseTo(0.0105, 9);
    const usd = ledger.delegationSummary({ since: LATE, until: LATE + 1, currency: 'USD' });
    expect(usd.totals).toMatchObject({ tasks: 2, costLocal: 1, cloudCostAvoided: 2, saved: 1 });
  });

  it('keeps the rows in memory while another process holds loadout.db, and writes them when it lets go', async () => {
    const dir = home();
    open(dir).opened.close();
    const holder = await holdLock(path.join(dir, 'loadout.db'));
    cleanups.push(() => holder.stop());
    const messages: string[] = [];
    const { ledger } = open(dir, messages);
    expect(() => ledger.recordDelegation(ask())).not.toThrow();
    ledger.recordDelegation(ask({ at: EARLY }));
    expect(ledger.pendingCount()).toBe(2);
    expect(messages.filter((m) => /locked by another program/.test(m))).toHaveLength(1);
    await holder.release();
    expect(ledger.flush()).toBe(true);
    expect(ledger.pendingCount()).toBe(0);
    expect(ledger.delegationSummary({ since: LATE, until: EARLY + 1 }).totals.tasks).toBe(2);
    expect(messages.some((m) => /writable again/.test(m))).toBe(true);
  });

  it('says a failed write once, never throws it into the answer, and says it again only after a write succeeded', () => {
    const messages: string[] = [];
    const { ledger, opened } = open(home(), messages);
    opened.db.exec('ALTER TABLE delegations RENAME TO delegations_away');
    expect(() => ledger.recordDelegation(ask())).not.toThrow();
    ledger.recordDelegation(ask());
    expect(messages.filter((m) => /delegation was not saved/.test(m))).toHaveLength(1);
    opened.db.exec('ALTER TABLE delegations_away RENAME TO delegations');
    ledger.recordDelegation(ask());
    opened.db.exec('ALTER TABLE delegations RENAME TO delegations_away');
    ledger.recordDelegation(ask());
    expect(messages.filter((m) => /delegation was not saved/.test(m))).toHaveLength(2);
  });

  it('the core port reads an empty summary without creating loadout.db, and creates it at the first record', () => {
    const dir = home();
    const port = createDelegationLedgerPort({ dataDir: dir, currency: () => 'USD', onMessage: () => {} });
    cleanups.push(() => port.close());
    const empty = port.delegationSummary({ since: 0, until: LATE + 1, by: 'day' });
    expect(empty).toMatchObject({ by: 'day', currency: 'USD', rows: [], totals: { tasks: 0, costLocal: null } });
    expect(fs.existsSync(path.join(dir, 'loadout.db'))).toBe(false);
    port.recordDelegation(ask());
    expect(port.delegationSummary({ since: 0, until: LATE + 1 }).rows).toMatchObject([
      { key: 'claude-code', tasks: 1 },
    ]);
    expect(fs.existsSync(path.join(dir, 'loadout.db'))).toBe(true);
  });
});
