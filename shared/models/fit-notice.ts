/**
 * A memory-fit verdict as data, and its words: the core sends the notice (contract `fit.notice`) and each
 * face (the fit box, the apply status, the CLI) words it from the `fitAdvice` catalog namespace in its
 * own language. The core's English `message` and `refusal` come from `wordFit` too, so there is one text
 * per language. Figures go through roundFitFigures (fit-margin.ts) so need, free and margin agree.
 */
import { z } from 'zod';
import type { Translate } from '../i18n/translate';
import { roundFitFigures } from './fit-margin';

const GiB = 1024 ** 3;

/** What would fit instead of a load that does not. */
export const FitSuggestionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('quantization'),
    key: z.string(),
    quantization: z.string().nullable(),
    bytes: z.number(),
  }),
  z.object({ kind: z.literal('context'), tokens: z.number(), bytes: z.number() }),
  z.object({ kind: z.literal('cpu'), bytes: z.number(), freeBytes: z.number() }),
  z.object({ kind: z.literal('split'), ratio: z.number() }),
]);
export type FitSuggestion = z.infer<typeof FitSuggestionSchema>;

/** The verdict's facts: what was checked, what lands where, and each load that ran short. */
export const FitNoticeSchema = z.object({
  mode: z.enum(['gpu', 'ram-only', 'unknown']),
  gpuUnavailableReason: z.string().nullable(),
  /** What the loads put on the GPU and in RAM (used when it fits). */
  gpuBytes: z.number(),
  ramBytes: z.number(),
  problems: z.array(
    z.object({
      key: z.string(),
      short: z.enum(['vram', 'ram']),
      neededBytes: z.number(),
      availableBytes: z.number(),
      splitGpuBytes: z.number().nullable(),
      suggestions: z.array(FitSuggestionSchema),
    }),
  ),
});
export type FitNotice = z.infer<typeof FitNoticeSchema>;

/** "23.5 GiB" / "23,5 GiB": one decimal, in `locale`. */
function gib(value: number, locale: string): string {
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }).format(value)} GiB`;
}

/** One alternative in words ("a shorter context: 8192 tokens, ~9.1 GiB"). */
export function wordFitSuggestion(s: FitSuggestion, t: Translate, locale: string): string {
  const size = (bytes: number) => gib(bytes / GiB, locale);
  switch (s.kind) {
    case 'quantization':
      return t('fitAdvice.quantization', {
        key: s.key,
        quant: s.quantization ? ` (${s.quantization})` : '',
        size: size(s.bytes),
      });
    case 'context':
      return t('fitAdvice.context', { tokens: String(s.tokens), size: size(s.bytes) });
    case 'cpu':
      return t('fitAdvice.cpu', { size: size(s.bytes), free: size(s.freeBytes) });
    case 'split':
      return t('fitAdvice.split', { ratio: String(s.ratio) });
  }
}

/** The verdict in the language of `t`: a preview's ("Does not fit. …") or, with `refused`, a refused switch's ("…, nothing was changed."). */
export function wordFit(notice: FitNotice, t: Translate, locale: string, refused = false): string {
  const out: string[] = [];
  if (notice.mode === 'ram-only')
    out.push(t('fitAdvice.ramOnly', { reason: notice.gpuUnavailableReason ?? t('fitAdvice.unknownReason') }));
  if (notice.mode === 'unknown') out.push(t('fitAdvice.unchecked'));
  if (notice.problems.length === 0) {
    out.push(t('fitAdvice.fits', { gpu: gib(notice.gpuBytes / GiB, locale), ram: gib(notice.ramBytes / GiB, locale) }));
    return out.join(' ');
  }
  out.push(t(refused ? 'fitAdvice.refused' : 'fitAdvice.doesNotFit'));
  for (const p of notice.problems) {
    // Rounded so the need always shows larger than the free memory (fit-margin.ts), with the gap.
    const shown = roundFitFigures(p.neededBytes, p.availableBytes, false);
    const split = p.splitGpuBytes !== null ? t('fitAdvice.beyondGpu', { gpu: gib(p.splitGpuBytes / GiB, locale) }) : '';
    out.push(
      t(p.short === 'vram' ? 'fitAdvice.short_vram' : 'fitAdvice.short_ram', {
        key: p.key,
        need: gib(shown.needGiB, locale),
        free: gib(shown.freeGiB, locale),
        margin: gib(shown.marginGiB, locale),
        split,
      }),
    );
    out.push(
      p.suggestions.length
        ? t('fitAdvice.instead', { list: p.suggestions.map((s) => wordFitSuggestion(s, t, locale)).join('; ') })
        : t('fitAdvice.nothingSmaller'),
    );
  }
  return out.join(' ');
}
