/** The machine profile: inventory, memory bandwidths and capacity table, the JSON of `loadout profile --json`. */
import type { MachineInventory } from '../hardware/inventory';
import { computeCapacityTable, type CapacityTable } from './capacity-table';
import { estimateMachineBandwidth, type MachineBandwidth } from './memory-bandwidth';

export interface MachineProfile {
  inventory: MachineInventory;
  bandwidth: MachineBandwidth;
  capacity: CapacityTable;
}

/** Build the profile of a machine from its inventory: bandwidths first, then the capacity table they bound. */
export function buildMachineProfile(
  inventory: MachineInventory,
  options: { contextTokens?: number } = {},
): MachineProfile {
  const bandwidth = estimateMachineBandwidth(inventory);
  return { inventory, bandwidth, capacity: computeCapacityTable(inventory, bandwidth, options) };
}
