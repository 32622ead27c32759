/** Says, in the window's language, that a `presets.*` call of the given kinds failed (the store keeps the last). */
import { useTranslation } from 'react-i18next';
import type { Translate } from '../../../shared/i18n/translate';
import { type PresetsCallFailure, wordPresetsCallFailure } from '../../../shared/presets/presets-call-failure';
import { useAppStore } from '../store/store-context';

export function PresetsCallError({ calls }: { calls: readonly PresetsCallFailure['call'][] }) {
  const { t } = useTranslation();
  const failure = useAppStore((s) => s.presetsError);
  if (!failure || !calls.includes(failure.call)) return null;
  return (
    <div className="banner banner-err" role="alert" data-testid="presets-call-error">
      {wordPresetsCallFailure(failure, t as unknown as Translate)}
    </div>
  );
}
