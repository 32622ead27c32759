/** Fleet states for the presets and settings window tests (issue 18): one agent, LM Link peers. */
import type { FleetState, MachineSnapshot } from '../../../shared/contract/fleet';
import { fleetState, machineSnapshot } from '../../support/fleet-snapshots';

export function agent(over: Partial<MachineSnapshot> & { name: string }): MachineSnapshot {
  return machineSnapshot({
    url: 'https://127.0.0.2:7878',
    since: 1_700_000_000_000,
    lastSeen: 1_700_000_000_000,
    version: '1.2.3',
    powerW: 120,
    clockSkewMs: 0,
    ...over,
  });
}

export function fleetOf(machines: MachineSnapshot[], peers: FleetState['lmLink']['peers'] = []): FleetState {
  return fleetState(machines, { lmLink: { available: peers.length > 0, servedBy: null, peers, message: null } });
}
