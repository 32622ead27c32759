/** The banner every window shows while the core is unreachable. */
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store-context';

/** Show the connection state when it is not open. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.connection);
  const reason = useAppStore((s) => s.connectionReason);
  if (status === 'open') return null;
  const text =
    status === 'connecting' && !reason
      ? t('connection.connecting')
      : reason
        ? t('connection.failed', { reason })
        : t('connection.lost');
  return (
    <div className="banner banner-warn" role="status" aria-live="polite">
      {text}
    </div>
  );
}
