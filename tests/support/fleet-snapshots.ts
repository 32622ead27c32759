/**
 * Other machines as fleet.list shows them, for the routing, tray and window tests (issue 18). The fields
 * a snapshot starts with come from the fleet watch's own blank snapshot, so a field added to the
 * contract is filled here too.
 */
import { blankSnapshot } from '../../electron/core/fleet/machine-snapshot';
import type { FleetState, MachineSnapshot } from '../../shared/contract/fleet';

/** An online, idle Loadout agent at https://<name>.local:1235, seen at 1 ms, version "1"; `over` sets the rest. */
export function machineSnapshot(over: Partial<MachineSnapshot> & { name: string }): MachineSnapshot {
  const blank = blankSnapshot({ name: over.name, url: `https://${over.name}.local:1235`, kind: 'loadout' });
  return { ...blank, online: true, since: 1, lastSeen: 1, version: '1', ...over };
}

/** fleet.list on "desk" with `machines`, LM Link not there and nothing found on the LAN; `over` sets the rest. */
export function fleetState(machines: MachineSnapshot[], over: Partial<FleetState> = {}): FleetState {
  return {
    local: { name: 'desk' },
    machines,
    lmLink: { available: false, servedBy: null, peers: [], message: null },
    discovered: [],
    ...over,
  };
}
