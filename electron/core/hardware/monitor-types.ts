/**
 * The hardware monitor's public face: what the tray app, the CLI, `loadout serve` and the energy
 * tracker use. Implemented in this folder; consumers depend on this interface only.
 */
import type { MachineInventory } from '../../../shared/hardware/inventory';
import type { HardwareSample } from '../../../shared/hardware/sample';

export interface HardwareMonitor {
  /** Start sampling (idempotent). The first sample is published as soon as it is read. */
  start(): void;
  /** Stop sampling and end any child process; resolves when nothing is left running. */
  stop(): Promise<void>;
  /** Receive every sample; returns the unsubscribe function. */
  subscribe(listener: (sample: HardwareSample) => void): () => void;
  /** The most recent sample, or null before the first. */
  latest(): HardwareSample | null;
  /** Samples from the in-memory ring buffer (one hour), oldest first, optionally only those at or after `sinceMs` (Unix ms). */
  history(sinceMs?: number): HardwareSample[];
  /**
   * Say that something shows or uses the GPU process list (the monitor window, gaming mode's VRAM
   * threshold) until the returned function is called; without a watcher nvidia-smi lists no processes.
   */
  watchGpuProcesses?(): () => void;
  /**
   * Say that something measures energy at fine grain (an answer in flight, a benchmark run's window) until
   * the returned function is called: NVML then reads its energy counter at every sample, from the next one,
   * and goes back to every ENERGY_COUNTER_PERIOD_MS once a sample read after the release is published.
   */
  holdEnergyFineGrain?(): () => void;
  /** The static inventory (CPU, RAM, OS, GPUs), read once and cached. */
  inventory(): Promise<MachineInventory>;
}

/**
 * Environment overrides honoured by the hardware layer (tests, unusual installs):
 * - `LOADOUT_NVIDIA_SMI`: path of the nvidia-smi executable to use instead of searching for it;
 * - `LOADOUT_NVML`: path of the NVML library to load, or `off` to skip NVML and use nvidia-smi.
 */
export const HARDWARE_ENV = {
  nvidiaSmi: 'LOADOUT_NVIDIA_SMI',
  nvml: 'LOADOUT_NVML',
  /** `off` reads NVML on the event loop instead of its worker thread; a path runs that built worker file (benches). */
  nvmlWorker: 'LOADOUT_NVML_WORKER',
  /** Read NVML's energy counter every this many ms instead of ENERGY_COUNTER_PERIOD_MS (1000: every sample, the bench's baseline). */
  energyCounterPeriod: 'LOADOUT_ENERGY_COUNTER_PERIOD_MS',
} as const;
