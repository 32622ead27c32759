/** Fleet states for the presets and settings window tests (issue 18): one agent, LM Link peers. */
import type { FleetState, MachineSnapshot } from '../../../shared/contract/fleet';

export function agent(over: Partial<MachineSnapshot> & { name: string }): MachineSnapshot {
  return {
    url: 'https://127.0.0.2:7878',
    kind: 'loadout',
    online: true,
    since: 1_700_000_000_000,
    lastSeen: 1_700_000_000_000,
    problem: null,
    version: '1.2.3',
    gpus: [],
    powerW: 120,
    loadedModels: [],
    busyModels: [],
    queue: 0,
    activePreset: null,
    presets: [],
    energyToday: null,
    clockSkewMs: 0,
    unseen: [],
    ...over,
  };
}

export function fleetOf(machines: MachineSnapshot[], peers: FleetState['lmLink']['peers'] = []): FleetState {
  return {
    local: { name: 'desk' },
    machines,
    lmLink: { available: peers.length > 0, servedBy: null, peers, message: null },
    discovered: [],
  };
}
