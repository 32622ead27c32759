/** The "waiting for the NVIDIA driver" line for text faces (`loadout monitor`), from the same catalogs as the windows. */
import { en } from '../i18n/en';
import type { UiLanguage } from '../i18n/languages';
import { ptBR } from '../i18n/pt-br';
import { secondsToNextDriverProbe } from './driver-probe-backoff';
import type { HardwareSample } from './sample';

const WAITING = { en: en.monitor.waitingForDriver, 'pt-BR': ptBR.monitor.waitingForDriver } as const;

/** The wait message for this sample in `language`, or null when the sample is not waiting for the driver. */
export function driverWaitNote(sample: HardwareSample, language: UiLanguage): string | null {
  if (!sample.gpuDriverWait) return null;
  const seconds = secondsToNextDriverProbe(sample.gpuDriverWait, sample.timestamp);
  return WAITING[language].replace('{{seconds}}', String(seconds));
}
