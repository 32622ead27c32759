/** The client for another machine: relays through fleet.call, refuses what the relay does not carry, checks the answer, filters events. */
import { describe, expect, it } from 'vitest';
import { createMachineClient } from '../../../renderer/src/api/machine-client';
import { createFakeApi, sampleAt } from '../../support/fake-api';

describe('createMachineClient', () => {
  it('turns a call into fleet.call for that machine and passes the answer on', async () => {
    const local = createFakeApi();
    local.handle('fleet.call', () => ({ ok: true, result: sampleAt('2026-12-07T10:00:00Z', 250) }));
    const r = await createMachineClient(local, 'workstation').call('hardware.latest', undefined);
    expect(local.calls).toEqual([
      { method: 'fleet.call', input: { machine: 'workstation', method: 'hardware.latest' } },
    ]);
    expect(r.ok && r.result?.gpus[0]?.powerW).toBe(250);
    await createMachineClient(local, 'workstation').call('hardware.history', { sinceMs: 5 });
    expect(local.calls[1]?.input).toEqual({
      machine: 'workstation',
      method: 'hardware.history',
      params: { sinceMs: 5 },
    });
  });

  it('answers unavailable without asking the core for a method the relay does not carry', async () => {
    const local = createFakeApi();
    const r = await createMachineClient(local, 'workstation').call('settings.get', undefined);
    expect(r).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'settings.get is not available for another machine ("workstation").' },
    });
    expect(local.calls).toEqual([]);
  });

  it('refuses an answer in a shape the contract does not know, and passes the relay error on', async () => {
    const local = createFakeApi();
    local.handle('fleet.call', ({ method }) =>
      method === 'models.list'
        ? { ok: true, result: { loaded: 'nothing' } }
        : { ok: false, error: { code: 'unavailable', message: '"workstation" is offline' } },
    );
    const client = createMachineClient(local, 'workstation');
    const bad = await client.call('models.list', undefined);
    expect(!bad.ok && bad.error.message).toContain('"workstation" answered models.list in a shape');
    expect(await client.call('energy.summary', undefined)).toEqual({
      ok: false,
      error: { code: 'unavailable', message: '"workstation" is offline' },
    });
  });

  it("hears only that machine's events, by name, from fleet.event", () => {
    const local = createFakeApi();
    const seen: unknown[] = [];
    const off = createMachineClient(local, 'workstation').on('presets.progress', (p) => seen.push(p));
    local.emit('fleet.event', { machine: 'laptop', event: 'presets.progress', payload: 1 });
    local.emit('fleet.event', { machine: 'workstation', event: 'models.changed', payload: 2 });
    local.emit('fleet.event', { machine: 'workstation', event: 'presets.progress', payload: 3 });
    off();
    local.emit('fleet.event', { machine: 'workstation', event: 'presets.progress', payload: 4 });
    expect(seen).toEqual([3]);
  });
});
