/**
 * What the windows say when LM Studio cannot be used (loaded-models card, the presets window's model
 * picker): a `models.*` call that failed, or an unreachable LM Studio from `models.list`'s `unreachable`,
 * worded in the window's language; else the core's own sentence (an older core without the data).
 */
import { useTranslation } from 'react-i18next';
import type { Translate } from '../../../shared/i18n/translate';
import { wordLmStudioUnreachable } from '../../../shared/lmstudio/lmstudio-unreachable';
import { wordModelsCallFailure } from '../../../shared/models/models-call-failure';
import { selectModelsMessage } from '../store/selectors';
import { useAppStore } from '../store/store-context';

/** The models problem to show, or null when LM Studio answers. */
export function useModelsMessage(): string | null {
  const { t } = useTranslation();
  const failure = useAppStore((s) => s.modelsError);
  const message = useAppStore(selectModelsMessage);
  const unreachable = useAppStore((s) => s.models?.unreachable ?? null);
  if (failure) return wordModelsCallFailure(failure, t as unknown as Translate);
  return unreachable ? wordLmStudioUnreachable(unreachable, t as unknown as Translate) : message;
}
