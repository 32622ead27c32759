/**
 * Why LM Studio cannot be used, as data, and its words: `models.list` sends it beside its English
 * `message` (this same wording in English, as the CLI prints it) and each window words it from the
 * `lmstudioUnreachable` catalog namespace in its own language. `where` is the URL, with its source when
 * known ("http://127.0.0.1:1234 (from settings …)").
 */
import { z } from 'zod';
import type { Translate } from '../i18n/translate';

export const LmStudioUnreachableSchema = z.object({
  /** Nothing answers; LM Studio wants a token we lack or that it rejected; something else answers there. */
  kind: z.enum(['not-running', 'token-required', 'not-lmstudio']),
  where: z.string(),
});
export type LmStudioUnreachable = z.infer<typeof LmStudioUnreachableSchema>;

const KEYS: Record<LmStudioUnreachable['kind'], string> = {
  'not-running': 'lmstudioUnreachable.notRunning',
  'token-required': 'lmstudioUnreachable.tokenRequired',
  'not-lmstudio': 'lmstudioUnreachable.notLmStudio',
};

/** The reason in the language of `t` (what happened and what to do). */
export function wordLmStudioUnreachable(reason: LmStudioUnreachable, t: Translate): string {
  return t(KEYS[reason.kind], { where: reason.where });
}
