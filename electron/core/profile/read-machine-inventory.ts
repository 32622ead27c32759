/** Reads the machine inventory once through the hardware monitor, for one-shot uses like `loadout profile`. */
import type { MachineInventory } from '../../../shared/hardware/inventory';
import { createHardwareMonitor } from '../hardware/hardware-monitor';

/**
 * Read the static inventory (CPU, RAM, OS, GPUs) honouring LOADOUT_NVML / LOADOUT_NVIDIA_SMI in `env`.
 * The monitor is never started (no sampling), and is stopped afterwards so no child process outlives the call.
 */
export async function readMachineInventory(env: NodeJS.ProcessEnv): Promise<MachineInventory> {
  const monitor = createHardwareMonitor({ env });
  try {
    return await monitor.inventory();
  } finally {
    await monitor.stop();
  }
}
