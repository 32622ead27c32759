/**
 * Under the Server URL field: the URL Loadout actually uses and where it comes from (the --lmstudio flag,
 * LOADOUT_LMSTUDIO_URL, this setting or the default), which can differ from the stored value, and any
 * URL given but not usable. Asked again whenever the settings change.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LmStudioUrlInUseInfo, PublicSettings } from '../../../shared/contract/settings';
import { useApi } from '../store/store-context';

/** The URL-in-use lines; nothing while unknown (or when this process has no LM Studio client). */
export function LmStudioUrlInUse({ settings }: { settings: PublicSettings }) {
  const { t } = useTranslation();
  const api = useApi();
  const [inUse, setInUse] = useState<LmStudioUrlInUseInfo | null>(null);
  useEffect(() => {
    let stale = false;
    void api.call('settings.lmStudioUrl', undefined).then((r) => {
      if (!stale) setInUse(r.ok ? r.result.inUse : null);
    });
    return () => {
      stale = true;
    };
  }, [api, settings]);
  if (!inUse) return null;
  const source = (s: LmStudioUrlInUseInfo['source']) => t(`settings.urlSource_${s}` as 'settings.urlSource_env');
  return (
    <div className="small" data-testid="lmstudio-url-in-use">
      <p className="muted">{t('settings.urlInUse', { url: inUse.url, source: source(inUse.source) })}</p>
      {inUse.source === 'flag' || inUse.source === 'env' ? (
        <p className="muted">{t('settings.urlOverridden', { source: source(inUse.source) })}</p>
      ) : null}
      {inUse.ignored.map((i) => (
        <p key={`${i.source}:${i.value}`} role="status" className="banner banner-warn">
          {t('settings.urlIgnored', { source: source(i.source), value: i.value })}
        </p>
      ))}
    </div>
  );
}
