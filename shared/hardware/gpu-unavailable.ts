/**
 * Why the monitor has no GPU data, as data, and its words: the core sends it beside the sample's English
 * `gpuUnavailableReason` (which is this same wording in English) and each window words it from the
 * `gpuUnavailable` catalog namespace in its own language. The `nvml`, `smi` and `detail` values are the
 * driver's and nvidia-smi's own words, passed on as they are (what a support thread asks for).
 */
import type { Translate } from '../i18n/translate';
// Type only: the schema (zod) stays out of what the hardware readers load, so `monitor --once` starts without zod.
import type { GpuUnavailable } from './gpu-unavailable-schema';

export type { GpuUnavailable } from './gpu-unavailable-schema';

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
    case 'nvml-closed':
      return t('gpuUnavailable.nvmlClosed');
    case 'nvml-not-read-yet':
      return t('gpuUnavailable.nvmlNotReadYet');
    case 'nvml-overdue':
      return t('gpuUnavailable.nvmlOverdue', { seconds: reason.seconds });
    case 'nvml-worker-lost':
      return reason.detail === null
        ? t('gpuUnavailable.nvmlWorkerStopped')
        : t('gpuUnavailable.nvmlWorkerFailed', { detail: reason.detail });
    case 'nvml-lost':
      return t('gpuUnavailable.nvmlLost', { detail: reason.detail });
    case 'none-found':
      return t('gpuUnavailable.noneFound', { nvml: reason.nvml, smi: reason.smi });
    case 'smi-no-gpu':
      return t('gpuUnavailable.smiNoGpu');
    case 'none-listed':
      return t('gpuUnavailable.noneListed');
    case 'inventory-failed':
      return t('gpuUnavailable.inventoryFailed', { detail: reason.detail });
  }
}
