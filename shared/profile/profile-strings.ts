/**
 * The words of the Markdown machine profile, as the renderer uses them: read from the `profileDoc`
 * namespace of the one catalog per language (shared/i18n), with i18next plurals for counts.
 */
import { wordGpuUnavailable, type GpuUnavailable } from '../hardware/gpu-unavailable';
import { translator } from '../i18n/translate';

export type ProfileLocale = 'en' | 'pt-BR';

export const PROFILE_LOCALES: readonly ProfileLocale[] = ['en', 'pt-BR'];

export interface ProfileStrings {
  /** Section headings: the English ones are the user's document's own. */
  headings: { title: string; summary: string; details: string; capacity: string };
  coresLabel: string;
  max: string;
  generated: string;
  system: string;
  model: string;
  cores: (physical: string, logical: string) => string;
  clockMax: string;
  l3: string;
  capacity: string;
  modules: (n: number) => string;
  type: string;
  speed: string;
  channels: string;
  bandwidth: string;
  vram: string;
  driver: string;
  computeCapability: string;
  memoryBandwidth: string;
  unknown: string;
  noGpu: (reason: string) => string;
  /** Why there is no GPU, from its kind (the `gpuUnavailable` catalog namespace). */
  gpuUnavailable: (reason: GpuUnavailable) => string;
  specSheet: (gpu: string) => string;
  gpuBandwidthUnknown: string;
  ramSpeedUnknown: string;
  ramFormula: (speed: number, channels: number, assumed: boolean) => string;
  capacityIntro: (context: string) => string;
  summaryGpu: (model: string, gpu: string) => string;
  summaryAnywhere: (model: string) => string;
  summaryNothing: string;
  placementGpu: (name: string, usable: string) => string;
  placementRam: (usable: string) => string;
  columns: [string, string, string, string, string, string];
  fit: { gpu: string; split: (percent: number) => string; cpu: string; no: string };
  notes: string[];
}

/** The strings of a locale (English for anything but pt-BR). */
export function profileStrings(locale: ProfileLocale): ProfileStrings {
  const tr = translator(locale === 'pt-BR' ? 'pt-BR' : 'en');
  const t = (key: string, params?: Record<string, string | number>) => tr(`profileDoc.${key}`, params);
  return {
    headings: { title: t('title'), summary: t('summary'), details: t('details'), capacity: t('capacityHeading') },
    coresLabel: t('coresLabel'),
    max: t('max'),
    generated: t('generated'),
    system: t('system'),
    model: t('model'),
    cores: (physical, logical) => t('cores', { physical, logical }),
    clockMax: t('clockMax'),
    l3: t('l3'),
    capacity: t('capacity'),
    modules: (count) => t('modules', { count }),
    type: t('type'),
    speed: t('speed'),
    channels: t('channels'),
    bandwidth: t('bandwidth'),
    vram: t('vram'),
    driver: t('driver'),
    computeCapability: t('computeCapability'),
    memoryBandwidth: t('memoryBandwidth'),
    unknown: t('unknown'),
    noGpu: (reason) => t('noGpu', { reason }),
    gpuUnavailable: (reason) => wordGpuUnavailable(reason, tr),
    specSheet: (gpu) => t('specSheet', { gpu }),
    gpuBandwidthUnknown: t('gpuBandwidthUnknown'),
    ramSpeedUnknown: t('ramSpeedUnknown'),
    ramFormula: (speed, count, assumed) => `${t('ramFormula', { speed, count })}${assumed ? t('channelsAssumed') : ''}`,
    capacityIntro: (context) => t('capacityIntro', { context }),
    summaryGpu: (model, gpu) => t('summaryGpu', { model, gpu }),
    summaryAnywhere: (model) => t('summaryAnywhere', { model }),
    summaryNothing: t('summaryNothing'),
    placementGpu: (name, usable) => t('placementGpu', { name, usable }),
    placementRam: (usable) => t('placementRam', { usable }),
    columns: [t('col_model'), t('col_quantization'), t('col_memory'), t('col_fits'), t('col_speed'), t('col_cpuOnly')],
    fit: { gpu: t('fit_gpu'), split: (percent) => t('fit_split', { percent }), cpu: t('fit_cpu'), no: t('fit_no') },
    notes: [t('note_speed'), t('note_split'), t('note_units')],
  };
}
