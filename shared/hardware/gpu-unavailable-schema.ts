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
]);
export type GpuUnavailable = z.infer<typeof GpuUnavailableSchema>;
