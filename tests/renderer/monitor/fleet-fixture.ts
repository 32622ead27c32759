/** A desk of four other machines, as `fleet.list` answers, for the fleet monitor tests. */
import type { FleetState, MachineSnapshot } from '../../../shared/contract/fleet';
import { fleetState, machineSnapshot } from '../../support/fleet-snapshots';

/** 2026-12-07 09:30 UTC, when most machines came online. */
export const SINCE = Date.UTC(2026, 11, 7, 9, 30);

/** One machine snapshot with defaults of an online, idle agent. */
export function machine(over: Partial<MachineSnapshot> & { name: string }): MachineSnapshot {
  return machineSnapshot({ since: SINCE, lastSeen: SINCE + 60_000, version: '0.9.0', ...over });
}

/** workstation (busy, Dev), laptop (offline: fingerprint changed), nas (LM Studio only), render-box (clock off). */
export function deskFleet(over: Partial<FleetState> = {}): FleetState {
  return fleetState(
    [
      machine({
        name: 'workstation',
        gpus: [
          {
            name: 'NVIDIA GeForce RTX 3090',
            utilizationPercent: 63,
            vramUsedBytes: 18 * 1024 ** 3,
            vramTotalBytes: 24 * 1024 ** 3,
            powerW: 281.4,
          },
        ],
        powerW: 281.4,
        loadedModels: ['qwen2.5-coder-14b', 'llama-3.1-8b'],
        busyModels: ['qwen2.5-coder-14b'],
        activePreset: 'Dev',
        presets: [{ id: 'dev', name: 'Dev' }],
        energyToday: { kWh: 1.25, cost: { amount: 0.5, currency: 'USD' }, co2Grams: null },
      }),
      machine({
        name: 'laptop',
        online: false,
        since: SINCE + 5 * 60_000,
        version: null,
        problem: {
          kind: 'fingerprint',
          message: '"laptop" presented a different certificate (sha256 AB:CD…) than the one pinned.',
        },
      }),
      machine({
        name: 'nas',
        url: 'http://nas.local:1234',
        kind: 'lmstudio-only',
        version: null,
        loadedModels: ['phi-3-mini'],
        unseen: ['GPU', 'VRAM', 'power', 'active preset'],
      }),
      machine({
        name: 'render-box',
        gpus: [
          {
            name: 'NVIDIA RTX 4090',
            utilizationPercent: 0,
            vramUsedBytes: 2 * 1024 ** 3,
            vramTotalBytes: 24 * 1024 ** 3,
            powerW: 30,
          },
        ],
        powerW: 30,
        clockSkewMs: 5 * 60_000,
        problem: { kind: 'clock', message: '"render-box" clock is 5 min ahead of this one: sync its clock.' },
      }),
    ],
    { local: { name: 'desk-pc' }, lmLink: { available: true, servedBy: null, peers: [], message: null }, ...over },
  );
}
