/**
 * The fleet watch against agents that misbehave: a wrong token, a changed certificate, an older
 * contract, a clock ten minutes off. Each comes back as the snapshot's problem, naming the machine;
 * only the clock leaves the machine online.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFleetWatch, type FleetWatch } from '../../../electron/core/fleet/fleet-watch';
import type { Machine } from '../../../shared/settings/schema';
import { startFakeHttpsAgent, type FakeHttpsAgent } from './fake-https-agent';
import { manualTimers } from './manual-timers';

const TOKEN = 'fleet-watch-token-0123456789';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function agent(options: Parameters<typeof startFakeHttpsAgent>[0]): Promise<FakeHttpsAgent> {
  const a = await startFakeHttpsAgent(options);
  cleanups.push(() => a.close());
  return a;
}

/** Watch `machine` with `token` and take the first look. */
function watch(machine: Machine, token: string): FleetWatch {
  const timers = manualTimers();
  const w = createFleetWatch({ machines: () => [machine], tokenFor: () => token, timers });
  cleanups.push(() => w.stop());
  w.start();
  timers.advance(0);
  return w;
}

async function firstLook(w: FleetWatch) {
  await vi.waitFor(() => expect(w.snapshot()[0]!.since).not.toBeNull(), { timeout: 10_000 });
  return w.snapshot()[0]!;
}

describe('fleet watch faults', { timeout: 30_000 }, () => {
  it('says a wrong token was refused, naming the machine', async () => {
    const a = await agent({ token: TOKEN });
    const s = await firstLook(watch({ name: 'lab', url: a.url, kind: 'loadout', fingerprint: a.fingerprint }, 'wrong'));
    expect(s.online).toBe(false);
    expect(s.problem?.kind).toBe('refused');
    expect(s.problem?.message).toContain('"lab" refused the token');
  });

  it('refuses a changed certificate', async () => {
    const a = await agent({ token: TOKEN });
    const s = await firstLook(watch({ name: 'lab', url: a.url, kind: 'loadout', fingerprint: 'ab'.repeat(32) }, TOKEN));
    expect(s.online).toBe(false);
    expect(s.problem?.kind).toBe('fingerprint');
    expect(s.problem?.message).toContain('The certificate of "lab" has changed');
  });

  it('refuses an agent of an older contract, saying to update it', async () => {
    const a = await agent({ token: TOKEN, contract: null });
    const s = await firstLook(watch({ name: 'old', url: a.url, kind: 'loadout', fingerprint: a.fingerprint }, TOKEN));
    expect(s.online).toBe(false);
    expect(s.problem?.kind).toBe('version');
    expect(s.problem?.message).toMatch(/"old" runs Loadout 0\.4\.0.*update Loadout on that machine/);
  });

  it('flags a clock ten minutes off but keeps the machine usable', async () => {
    const a = await agent({ token: TOKEN, clockOffsetMs: 10 * 60_000 });
    const s = await firstLook(
      watch({ name: 'skewed', url: a.url, kind: 'loadout', fingerprint: a.fingerprint }, TOKEN),
    );
    expect(s.online).toBe(true);
    expect(s.problem?.kind).toBe('clock');
    expect(s.problem?.message).toContain('The clock of "skewed" is 10 min ahead of');
    expect(s.problem?.message).toContain('NTP');
    expect(Math.abs(s.clockSkewMs! - 600_000)).toBeLessThan(30_000);
  });

  it('sees an agent whose clock agrees as healthy', async () => {
    const a = await agent({ token: TOKEN });
    const s = await firstLook(watch({ name: 'lab', url: a.url, kind: 'loadout', fingerprint: a.fingerprint }, TOKEN));
    expect(s).toMatchObject({ online: true, problem: null, version: '9.9.9' });
    expect(Math.abs(s.clockSkewMs!)).toBeLessThan(30_000);
  });
});
