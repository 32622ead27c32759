/**
 * Why the monitor has no GPU data, as data, and its words: the core sends it beside the sample's English
 * `gpuUnavailableReason` (which is this same wording in English) and each window words it from the
 * `gpuUnavailable` catalog namespace in its own language. The `nvml`, `smi` and `detail` values are the
 * driver's and nvidia-smi's own words, passed on as they are (what a support thread asks for).
 */
import { z } from 'zod';
import type { Translate } from '../i18n/translate';

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

/** Why there is no GPU data, in the language of `t` (what happened and what to do). */
export function wordGpuUnavailable(reason: GpuUnavailable, t: Translate): string {
  switch (reason.kind) {
    case 'no-driver':
      return t('gpuUnavailable.noDriver', { nvml: reason.nvml, smi: reason.smi, todo: t('gpuUnavailable.whatToDo') });
    case 'driver-failed':
      return t('gpuUnavailable.driverFailed', {
        nvml: reason.nvml,
        smi: reason.smi,
        todo: t('gpuUnavailable.whatToDo'),
      });
    case 'smi-exited':
      return reason.restartInSeconds === null
        ? t('gpuUnavailable.smiExited', { detail: reason.detail })
        : t('gpuUnavailable.smiRestarting', { detail: reason.detail, seconds: reason.restartInSeconds });
    case 'smi-hung':
      return t('gpuUnavailable.smiHung', { seconds: reason.seconds });
    case 'smi-silent':
      return t('gpuUnavailable.smiSilent', { seconds: reason.seconds });
    case 'nvml-no-gpu':
      return t('gpuUnavailable.nvmlNoGpu');
    case 'starting':
      return t('gpuUnavailable.starting');
    case 'stopped':
      return t('gpuUnavailable.stopped');
  }
}
