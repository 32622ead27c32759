/**
 * Fleet slice: the other machines on the desk as this core last saw them (`fleet.list`, then the
 * `fleet.changed` event), and LM Link. A core without the fleet service leaves `fleet` null, so a
 * window shows nothing of it rather than an error.
 */
import type { StateCreator } from 'zustand';
import type { FleetState } from '../../../shared/contract/fleet';
import type { AppState, StoreDeps } from './app-state';

export interface FleetSlice {
  fleet: FleetState | null;
  fleetError: string | null;
  /** Replace the fleet state (from `fleet.list` or the `fleet.changed` event). */
  receiveFleet(state: FleetState): void;
  loadFleet(): Promise<void>;
}

/** Build the fleet slice. */
export function createFleetSlice(deps: StoreDeps): StateCreator<AppState, [], [], FleetSlice> {
  return (set, get) => ({
    fleet: null,
    fleetError: null,
    receiveFleet(state) {
      set({ fleet: state, fleetError: null });
    },
    async loadFleet() {
      const r = await deps.api.call('fleet.list', undefined);
      if (r.ok) get().receiveFleet(r.result);
      else set({ fleetError: r.error.message });
    },
  });
}
