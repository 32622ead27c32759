/** The memory-fit line under the editor: checking, fits, does not fit (with the core's advice), or unknown. */
import { useTranslation } from 'react-i18next';
import { formatBytesGiB } from '../format/format-number';
import type { FitState } from './use-memory-fit';

/** Show a fit state. */
export function FitFeedback({ state }: { state: FitState }) {
  const { t, i18n } = useTranslation();
  const gib = (b: number | null) => formatBytesGiB(b, i18n.language);
  if (state.kind === 'idle') return null;
  if (state.kind === 'checking') return <div className="banner banner-info" role="status" aria-live="polite" data-testid="fit">{t('presets.fitChecking')}</div>;
  if (state.kind === 'error') return <div className="banner banner-warn" role="status" data-testid="fit">{t('presets.fitUnknown', { reason: state.message })}</div>;
  const { fit, unresolved, plan } = state.result;
  // With nothing to load or keep (every model missing), a memory figure would only mislead.
  const showFit = plan.some((step) => step.action !== 'unload') || unresolved.length === 0;
  return (
    <div role="status" aria-live="polite" data-testid="fit">
      {showFit ? <div className={`banner ${fit.fits ? 'banner-ok' : 'banner-err'}`}>
        {fit.fits
          ? t('presets.fitOk', { need: gib(fit.vramNeededBytes), free: gib(fit.vramFreeBytes) })
          : t('presets.fitNo', { need: gib(fit.vramNeededBytes), free: gib(fit.vramFreeBytes) })}
        {fit.message ? <div className="small">{fit.message}</div> : null}
      </div> : null}
      {unresolved.map((u) => <div key={u.key} className="banner banner-warn small" style={{ marginTop: 6 }}>{u.message}</div>)}
    </div>
  );
}
