/**
 * Other machines' agents as routing endpoints, over a fake fleet: an offline agent is never asked (not
 * even connected to), one that goes offline after its catalog was read is unreachable at the next
 * decision, one never looked at yet (a CLI core) is tried once, and each agent's load comes from the watch.
 */
import { describe, expect, it } from 'vitest';
import { readAgentEndpoints, withLiveFleet, type FleetView } from '../../../electron/core/routing/fleet-endpoints';
import type { ContractClient } from '../../../shared/contract/client';
import type { MachineSnapshot } from '../../../shared/contract';
import type { CatalogModel } from '../../../shared/lmstudio/types';
import { model } from '../../support/catalog';
import { machineSnapshot } from '../../support/fleet-snapshots';

function machine(name: string, over: Partial<MachineSnapshot> = {}): MachineSnapshot {
  return machineSnapshot({
    name,
    url: `http://127.0.0.9:${name.length}`,
    gpus: [
      { name: 'a', utilizationPercent: 20, vramUsedBytes: null, vramTotalBytes: null, powerW: null },
      { name: 'b', utilizationPercent: 70, vramUsedBytes: null, vramTotalBytes: null, powerW: null },
    ],
    ...over,
  });
}

function fakeFleet(machines: MachineSnapshot[], catalogs: Record<string, CatalogModel[]>) {
  const asked: string[] = [];
  const state = { machines };
  const fleet: FleetView = {
    snapshot: () => state.machines,
    async client(name) {
      asked.push(name);
      return {
        call: async () => ({
          ok: true,
          result: { reachable: true, apiLevel: 'v1', message: null, catalog: catalogs[name] ?? [], loaded: [] },
        }),
        on: () => () => {},
      } as unknown as ContractClient;
    },
  };
  return { fleet, asked, state };
}

describe('agent endpoints', () => {
  it('reads online agents through their contract, never asks an offline one, and skips LM Studio-only machines', async () => {
    const coder = model('qwen2.5-coder-14b-instruct', [{ ctx: 32768 }]);
    const { fleet, asked } = fakeFleet(
      [
        machine('workstation', { busyModels: ['x'], queue: 2 }),
        machine('nas', { online: false, problem: { kind: 'offline', message: '"nas" stopped answering' } }),
        machine('lms', { kind: 'lmstudio-only' }),
      ],
      { workstation: [coder], nas: [coder] },
    );
    const read = await readAgentEndpoints(fleet, 1000);
    expect(asked).toEqual(['workstation']);
    expect(read.endpoints).toHaveLength(2);
    expect(read.endpoints[0]).toMatchObject({
      id: 'agent:workstation',
      kind: 'remote',
      machine: 'workstation',
      reachable: true,
      load: { busyModels: ['x'], queue: 2, gpuUtilizationPercent: 70 },
    });
    expect(read.endpoints[0]!.models.map((m) => m.key)).toEqual(['qwen2.5-coder-14b-instruct']);
    expect(read.endpoints[1]).toMatchObject({ id: 'agent:nas', reachable: false, models: [] });
    expect(read.unreachable.get('agent:nas')).toBe('"nas" stopped answering');
    expect(read.chatEndpoints.map((e) => e.agent)).toEqual(['workstation', 'nas']);
  });

  it('an agent that went offline after its catalog was read is unreachable at the next decision', async () => {
    const { fleet, state } = fakeFleet([machine('workstation')], {
      workstation: [model('qwen2.5-7b-instruct', [{ ctx: 8192 }])],
    });
    const read = await readAgentEndpoints(fleet, 1000);
    const cached = { endpoints: read.endpoints, vramFreeBytes: null };
    expect(withLiveFleet(cached, fleet).endpoints[0]!.reachable).toBe(true);
    state.machines = [machine('workstation', { online: false, busyModels: [] })];
    expect(withLiveFleet(cached, fleet).endpoints[0]!.reachable).toBe(false);
    state.machines = [machine('workstation', { queue: 4 })];
    expect(withLiveFleet(cached, fleet).endpoints[0]!.load).toMatchObject({ queue: 4 });
  });

  it('tries a machine the watch has not looked at yet (a CLI core), once', async () => {
    const { fleet, asked } = fakeFleet([machine('workstation', { online: false, since: null, lastSeen: null })], {
      workstation: [model('qwen2.5-7b-instruct', [{ ctx: 8192 }])],
    });
    const read = await readAgentEndpoints(fleet, 1000);
    expect(asked).toEqual(['workstation']);
    expect(read.endpoints[0]).toMatchObject({ reachable: true });
  });

  it('an agent whose client fails is unreachable with its reason, and the others are unaffected', async () => {
    const { fleet } = fakeFleet([machine('a'), machine('b')], { b: [model('qwen2.5-7b-instruct', [{ ctx: 8192 }])] });
    const failing: FleetView = {
      snapshot: fleet.snapshot,
      client: (name) => (name === 'a' ? Promise.reject(new Error('"a" refused the token')) : fleet.client(name)),
    };
    const read = await readAgentEndpoints(failing, 1000);
    expect(read.endpoints.map((e) => e.reachable)).toEqual([false, true]);
    expect(read.unreachable.get('agent:a')).toBe('"a" refused the token');
  });
});
