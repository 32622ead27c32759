/** The memory-fit line under the editor: checking, fits, does not fit (with the core's advice), or unknown. Models not downloaded are said on their own rows. */
import { useTranslation } from 'react-i18next';
import type { Translate } from '../../../shared/i18n/translate';
import { fitHeadline } from '../../../shared/models/fit-margin';
import { wordFit } from '../../../shared/models/fit-notice';
import { wordPresetsCallFailure } from '../../../shared/presets/presets-call-failure';
import { formatNumber } from '../format/format-number';
import type { FitState } from './use-memory-fit';

/** Show a fit state. */
export function FitFeedback({ state }: { state: FitState }) {
  const { t, i18n } = useTranslation();
  const gib = (value: number) => `${formatNumber(value, i18n.language, 1)} GiB`;
  if (state.kind === 'idle') return null;
  if (state.kind === 'checking')
    return (
      <div className="banner banner-info" role="status" aria-live="polite" data-testid="fit">
        {t('presets.fitChecking')}
      </div>
    );
  if (state.kind === 'error')
    return (
      <div className="banner banner-warn" role="status" data-testid="fit">
        {wordPresetsCallFailure(state.failure, t as unknown as Translate)}
      </div>
    );
  const { fit, unresolved, plan } = state.result;
  // With nothing to load or keep (every model missing), a memory figure would only mislead.
  const showFit = plan.some((step) => step.action !== 'unload') || unresolved.length === 0;
  // Figures rounded to agree with the verdict, with the margin (shared/models/fit-margin.ts).
  const head = fitHeadline(fit);
  const ram = head?.resource === 'ram';
  const key = fit.fits ? (ram ? 'presets.fitOkRam' : 'presets.fitOk') : ram ? 'presets.fitNoRam' : 'presets.fitNo';
  return (
    <div role="status" aria-live="polite" data-testid="fit">
      {showFit ? (
        <div className={`banner ${fit.fits ? 'banner-ok' : 'banner-err'}`}>
          {head ? t(key, { need: gib(head.needGiB), free: gib(head.freeGiB), margin: gib(head.marginGiB) }) : null}
          {/* The core's advice is for what does not fit; a fitting plan's own sentence would only repeat the headline (in English). */}
          {/* Worded here from the core's notice, in this window's language (the English message only from an older core). */}
          {fit.message && (!fit.fits || !head) ? (
            <div className="small">
              {fit.notice ? wordFit(fit.notice, t as unknown as Translate, i18n.language) : fit.message}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
