/**
 * Why an entry of a presets file was not imported, as data (`problem`) beside the core's English `reason`
 * (the CLI's words): a window words it from the `presetImportSkip` catalog namespace in its own language.
 */
import { z } from 'zod';
import type { Translate } from '../i18n/translate';

export const PresetImportSkipProblemSchema = z.discriminatedUnion('kind', [
  /** The text is not JSON at all. */
  z.object({ kind: z.literal('not-json') }),
  /** JSON, but neither a preset, a list of presets nor `{ "presets": [...] }`. */
  z.object({ kind: z.literal('not-presets') }),
  /** A preset with wrong fields, named by their path in the file ("presets[0].models[1].gpuOffload"). */
  z.object({ kind: z.literal('invalid'), fields: z.array(z.string()) }),
  /** The same id twice in the file: the later one is skipped. */
  z.object({ kind: z.literal('repeated') }),
  /** A preset with this id is saved already and the import does not replace. */
  z.object({ kind: z.literal('exists') }),
  /** The file holds an empty list. */
  z.object({ kind: z.literal('empty') }),
]);
export type PresetImportSkipProblem = z.infer<typeof PresetImportSkipProblemSchema>;

/** One skipped entry as `presets.import` answers it. */
export interface PresetImportSkip {
  id: string | null;
  reason: string;
  problem?: PresetImportSkipProblem;
}

/** The skipped entry in the language of `t`; without a coded problem (an older core), its id and English reason. */
export function wordPresetImportSkip(skip: PresetImportSkip, t: Translate): string {
  const id = skip.id ?? '?';
  const problem = skip.problem;
  if (!problem) return `${id}: ${skip.reason}`;
  return t(`presetImportSkip.${problem.kind}`, {
    id,
    ...(problem.kind === 'invalid' ? { fields: problem.fields.join(', ') } : {}),
  });
}
