/**
 * What the windows say when LM Studio cannot be used (loaded-models card, the presets window's model
 * picker): an unreachable LM Studio worded in the window's language from `models.list`'s `unreachable`,
 * else the core's own sentence (a failed call, or an older core without the data).
 */
import { useTranslation } from 'react-i18next';
import type { Translate } from '../../../shared/i18n/translate';
import { wordLmStudioUnreachable } from '../../../shared/lmstudio/lmstudio-unreachable';
import { selectModelsMessage } from '../store/selectors';
import { useAppStore } from '../store/store-context';

/** The models problem to show, or null when LM Studio answers. */
export function useModelsMessage(): string | null {
  const { t } = useTranslation();
  const message = useAppStore(selectModelsMessage);
  const unreachable = useAppStore((s) => (s.modelsError === null ? (s.models?.unreachable ?? null) : null));
  return unreachable ? wordLmStudioUnreachable(unreachable, t as unknown as Translate) : message;
}
