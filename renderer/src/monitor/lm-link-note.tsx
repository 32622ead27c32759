/** Says which device LM Link serves localhost:1234 from, so the user knows a request here is not routed twice. */
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store-context';

/** A note while LM Link serves this machine's LM Studio from another device; nothing otherwise. */
export function LmLinkNote() {
  const { t } = useTranslation();
  const servedBy = useAppStore((s) => s.fleet?.lmLink.servedBy ?? null);
  if (!servedBy) return null;
  return (
    <div className="banner banner-info" role="note" data-testid="lm-link-served-by">
      {t('fleetMonitor.lmLinkServedBy', { device: servedBy })}
    </div>
  );
}
