/**
 * Why the monitor shows no GPU numbers: "waiting for the NVIDIA driver" while an installed driver is
 * starting or restarting (readings come back by themselves), else the reason there is no GPU data.
 */
import { useTranslation } from 'react-i18next';
import { wordGpuUnavailable } from '../../../shared/hardware/gpu-unavailable';
import type { Translate } from '../../../shared/i18n/translate';
import { selectGpuDriverWaitSeconds, selectGpuUnavailable, selectGpuUnavailableReason } from '../store/selectors';
import { useAppStore } from '../store/store-context';

/** The GPU status banner; renders nothing while GPU readings arrive. */
export function GpuStatusBanner() {
  const { t } = useTranslation();
  const english = useAppStore(selectGpuUnavailableReason);
  const known = useAppStore(selectGpuUnavailable);
  // A known reason is worded in the window's language; any other is the core's own (English) sentence.
  const reason = known ? wordGpuUnavailable(known, t as unknown as Translate) : english;
  const waitSeconds = useAppStore(selectGpuDriverWaitSeconds);
  if (waitSeconds !== null) {
    // The driver's own words stay available on hover: they are what a support thread asks for.
    return (
      <div className="banner banner-warn" role="status" data-testid="gpu-driver-wait" title={reason ?? undefined}>
        {t('monitor.waitingForDriver', { seconds: waitSeconds })}
      </div>
    );
  }
  return reason ? (
    <div className="banner banner-warn" role="status">
      {t('monitor.noGpu', { reason })}
    </div>
  ) : null;
}
