/** A hand edit broke config.json: what is wrong (field paths first), that the last good settings stay in use, and what to do. */
import { useTranslation } from 'react-i18next';
import type { Translate } from '../../../shared/i18n/translate';
import { wordSettingsProblemDetail } from '../../../shared/settings/settings-issue';
import { useAppStore } from '../store/store-context';

/** Shown while the core reports a settings problem (loaded with the settings, then kept current by `settings.problem`). */
export function SettingsProblemBanner() {
  const { t } = useTranslation();
  const problem = useAppStore((s) => s.settingsProblem);
  if (!problem) return null;
  return (
    <section
      className="banner banner-warn"
      role="alert"
      aria-label={t('settings.problemTitle')}
      data-testid="settings-problem"
    >
      <strong>{t('settings.problemTitle')}</strong>
      <p>
        {t('settings.problemBody', {
          detail: wordSettingsProblemDetail(problem, t as unknown as Translate),
          file: problem.file,
        })}
      </p>
    </section>
  );
}
