/** The schema of why the monitor has no GPU data (worded in gpu-unavailable.ts), for the sample's contract. */
import { z } from 'zod';

export const GpuUnavailableSchema = z.discriminatedUnion('kind', [
  /** Neither NVML nor nvidia-smi exists here: no NVIDIA driver installed (or none found where looked). */
  z.object({ kind: z.literal('no-driver'), nvml: z.string(), smi: z.string() }),
  /** The NVIDIA driver is installed, but neither NVML nor nvidia-smi answered. */
  z.object({ kind: z.literal('driver-failed'), nvml: z.string(), smi: z.string() }),
  /** The nvidia-smi loop exited; `restartInSeconds` when it is restarted by itself. */
  z.object({ kind: z.literal('smi-exited'), detail: z.string(), restartInSeconds: z.number().nullable() }),
  /** nvidia-smi runs but has printed nothing this long (hung in the driver): it is stopped and probed again. */
  z.object({ kind: z.literal('smi-hung'), seconds: z.number() }),
  /** nvidia-smi has given no fresh row for this long. */
  z.object({ kind: z.literal('smi-silent'), seconds: z.number() }),
  /** NVML answers but lists no NVIDIA GPU. */
  z.object({ kind: z.literal('nvml-no-gpu') }),
  /** The first probe has not finished yet. */
  z.object({ kind: z.literal('starting') }),
  /** The monitor is stopped. */
  z.object({ kind: z.literal('stopped') }),
  /** The NVML reader was closed (the monitor stopped, or it is opening NVML again). */
  z.object({ kind: z.literal('nvml-closed') }),
  /** NVML on its worker thread has not given its first reading yet. */
  z.object({ kind: z.literal('nvml-not-read-yet') }),
  /** The driver has not answered NVML's reading for `seconds` past its due time (hung); readings resume when it does. */
  z.object({ kind: z.literal('nvml-overdue'), seconds: z.number() }),
  /** NVML's worker thread failed (`detail`: its error) or stopped (`detail` null): NVML is opened again. */
  z.object({ kind: z.literal('nvml-worker-lost'), detail: z.string().nullable() }),
  /** No GPU answers NVML any more (`detail`: the driver's error): the driver was reset or unloaded. */
  z.object({ kind: z.literal('nvml-lost'), detail: z.string() }),
  /** The inventory found no NVIDIA GPU: why NVML and nvidia-smi gave none. */
  z.object({ kind: z.literal('none-found'), nvml: z.string(), smi: z.string() }),
  /** The inventory's nvidia-smi query answered with no GPU. */
  z.object({ kind: z.literal('smi-no-gpu') }),
  /** The open GPU source lists no GPU for the inventory. */
  z.object({ kind: z.literal('none-listed') }),
  /** The open GPU source could not list the GPUs (`detail`: its error). */
  z.object({ kind: z.literal('inventory-failed'), detail: z.string() }),
]);
export type GpuUnavailable = z.infer<typeof GpuUnavailableSchema>;
