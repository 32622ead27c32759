/** Hardware slice: the latest sample (for the readouts), the inventory and the machine profile. */
import type { StateCreator } from 'zustand';
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { CapacityTable } from '../../../shared/contract/hardware';
import type { EnergyRollup } from '../../../shared/contract/energy';
import type { AppState, StoreDeps } from './app-state';

export interface HardwareSlice {
  latestSample: HardwareSample | null;
  capacity: CapacityTable | null;
  capacityError: string | null;
  rollups24h: EnergyRollup[] | null;
  rollupsError: string | null;
  /** Take one sample from the `hardware.sample` event (the chart history is fed beside the store, not through it). */
  receiveSample(sample: HardwareSample): void;
  /** Fetch the machine profile and capacity table once. */
  loadCapacity(): Promise<void>;
  /** Fetch the last 24 h of per-minute energy rollups for the 24 h range. */
  loadRollups24h(): Promise<void>;
  /** Seed the live history with the core's in-memory hour, so charts start full. */
  loadHistory(): Promise<void>;
}

/** Build the hardware slice. */
export function createHardwareSlice(deps: StoreDeps): StateCreator<AppState, [], [], HardwareSlice> {
  return (set) => ({
    latestSample: null,
    capacity: null,
    capacityError: null,
    rollups24h: null,
    rollupsError: null,
    receiveSample(sample) {
      set({ latestSample: sample });
    },
    async loadCapacity() {
      const r = await deps.api.call('profile.capacity', undefined);
      if (r.ok) set({ capacity: r.result, capacityError: null });
      else set({ capacityError: r.error.message });
    },
    async loadRollups24h() {
      const r = await deps.api.call('energy.rollups', { sinceMs: deps.now() - 24 * 3600_000 });
      if (r.ok) set({ rollups24h: r.result, rollupsError: null });
      else set({ rollupsError: r.error.message });
    },
    async loadHistory() {
      const r = await deps.api.call('hardware.history', undefined);
      if (!r.ok) return;
      for (const s of r.result) deps.history.append(s);
      const last = r.result[r.result.length - 1];
      if (last) set((state) => (state.latestSample ? {} : { latestSample: last }));
    },
  });
}
