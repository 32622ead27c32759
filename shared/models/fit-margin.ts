/**
 * The figures a fit verdict shows, rounded so they never contradict it: "Does not fit: needs about
 * 23.5 GiB, 23.5 GiB available" was possible when the need exceeded the free memory by less than the
 * rounding step. A refusal rounds the need up and the free memory down (so the shown need is always
 * larger); a fit rounds both to the nearest (so the shown need is never larger). The margin is the
 * difference of the shown figures, so the three numbers always add up.
 */

const GiB = 1024 ** 3;
/** One decimal, as everywhere else in Loadout. */
const STEP = 10;

/** Need, free and margin in GiB, rounded to one decimal; `marginGiB` is free − need of the rounded figures. */
export interface FitFigures {
  needGiB: number;
  freeGiB: number;
  /** ≥ 0 to spare when it fits; > 0 short (as a positive number) when it does not. */
  marginGiB: number;
}

/** Round a verdict's need and free bytes so that they agree with `fits` (see the module comment). */
export function roundFitFigures(needBytes: number, freeBytes: number, fits: boolean): FitFigures {
  const need = needBytes / GiB;
  const free = Math.max(0, freeBytes) / GiB;
  // Integers of tenths, so the margin is exact: ceil(need) > floor(free) whenever need > free.
  const needTenths = fits ? Math.round(need * STEP) : Math.ceil(need * STEP);
  const freeTenths = fits ? Math.round(free * STEP) : Math.floor(free * STEP);
  return {
    needGiB: needTenths / STEP,
    freeGiB: freeTenths / STEP,
    marginGiB: Math.abs(freeTenths - needTenths) / STEP,
  };
}

/** A fit report's figures, as the contract carries them (`presets.plan`). */
export interface FitReportFigures {
  fits: boolean;
  vramNeededBytes: number | null;
  vramFreeBytes: number | null;
  ramNeededBytes: number | null;
  ramFreeBytes: number | null;
}

/** The memory a fit box talks about, with its figures; null when neither VRAM nor RAM is known. */
export interface FitHeadline extends FitFigures {
  fits: boolean;
  resource: 'vram' | 'ram';
}

/**
 * Pick what to show: the memory that ran short when it does not fit; when it fits, the GPU when
 * anything goes there, else RAM (a CPU-only preset says how much RAM it takes, not "0.0 GiB of VRAM").
 */
export function fitHeadline(report: FitReportFigures): FitHeadline | null {
  const vram =
    report.vramNeededBytes !== null && report.vramFreeBytes !== null
      ? { need: report.vramNeededBytes, free: report.vramFreeBytes }
      : null;
  const ram =
    report.ramNeededBytes !== null && report.ramFreeBytes !== null
      ? { need: report.ramNeededBytes, free: report.ramFreeBytes }
      : null;
  let resource: 'vram' | 'ram' | null;
  if (!report.fits)
    resource =
      vram && vram.need > vram.free ? 'vram' : ram && ram.need > ram.free ? 'ram' : vram ? 'vram' : ram ? 'ram' : null;
  else resource = vram && (vram.need > 0 || !ram || ram.need === 0) ? 'vram' : ram ? 'ram' : null;
  if (!resource) return null;
  const figures = resource === 'vram' ? vram! : ram!;
  return { fits: report.fits, resource, ...roundFitFigures(figures.need, figures.free, report.fits) };
}

/** "0.4 GiB" in the one-decimal style of `formatGiB`. */
export function formatGiBFigure(gib: number): string {
  return `${gib.toFixed(1)} GiB`;
}
