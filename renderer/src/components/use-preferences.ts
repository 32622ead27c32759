/** Keep the window's language and theme in step with the settings (and the OS when set to follow it). */
import { useEffect, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLanguage, browserLocales } from '../i18n/init-i18n';
import { applyTheme } from '../theme/apply-theme';
import { selectLanguageSetting, selectThemeSetting } from '../store/selectors';
import { useAppStore } from '../store/store-context';

/** Apply settings.ui.language (OS locale when "auto") and settings.ui.theme. */
export function usePreferences(): void {
  const { i18n } = useTranslation();
  const language = useAppStore(selectLanguageSetting);
  const theme = useAppStore(selectThemeSetting);
  const osLocale = useAppStore((s) => s.osLocale);
  useEffect(() => {
    applyLanguage(i18n, language, [...browserLocales(), ...(osLocale ? [osLocale] : [])]);
  }, [i18n, language, osLocale]);
  // Layout effect: it must land before the charts' effects read the colour variables.
  useLayoutEffect(() => {
    applyTheme(theme);
  }, [theme]);
}
