/** loadout.db locked by another program: what waits in memory since when, whether the oldest are dropped, and what to do. */
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store-context';

/** Shown while the core reports the lock (asked when the window opens, then kept current by `database.lock`); gone once it is writable again. */
export function DatabaseLockBanner() {
  const { t, i18n } = useTranslation();
  const lock = useAppStore((s) => s.databaseLock);
  if (!lock) return null;
  const since = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(lock.since);
  return (
    <section
      className="banner banner-warn"
      role="alert"
      aria-label={t('database.lockedTitle')}
      data-testid="database-lock"
    >
      <strong>{t('database.lockedTitle')}</strong>
      <p>{t('database.lockedBody', { count: lock.waiting, since, file: lock.file })}</p>
      {lock.dropped > 0 ? (
        <p data-testid="database-lock-dropping">{t('database.dropping', { count: lock.dropped, file: lock.file })}</p>
      ) : null}
    </section>
  );
}
