/**
 * Progress of a running preset switch and how the last one ended (a refusal shows its message until
 * the next try; one for generating models asks "Unload anyway?").
 */
import { presetDisplayName } from './preset-display-name';
import type { Translate } from '../../../shared/i18n/translate';
import { wordFit } from '../../../shared/models/fit-notice';
import { wordPresetsCallFailure } from '../../../shared/presets/presets-call-failure';
import { wordSwitchNotice } from '../../../shared/presets/switch-notice';
import { useTranslation } from 'react-i18next';
import { BusyModelsPrompt } from '../components/busy-models-prompt';
import { formatBytesGiB } from '../format/format-number';
import { selectLastSwitch, selectPresets, selectProgress } from '../store/selectors';
import { useAppStore, useGetState } from '../store/store-context';

const RUNNING = new Set(['planning', 'waiting', 'unloading', 'loading']);

/** Milliseconds as seconds with one decimal, in the window's language ("0.4", "0,4"). */
function seconds(ms: number, language: string): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ms / 1000);
}

/** The switch status banner. */
export function ApplyStatus() {
  const { t, i18n } = useTranslation();
  const progress = useAppStore(selectProgress);
  const last = useAppStore(selectLastSwitch);
  const presets = useAppStore(selectPresets);
  const callFailure = useAppStore((s) => (s.presetsError?.call === 'apply' ? s.presetsError : null));
  const get = useGetState();
  const nameOf = (id: string) => {
    const p = presets.find((x) => x.id === id);
    return p ? presetDisplayName(p, t) : id;
  };

  if (progress && RUNNING.has(progress.phase) && !(last && last.presetId === progress.presetId)) {
    const pct = progress.total > 0 ? Math.round((Math.max(progress.step - 1, 0) / progress.total) * 100) : 0;
    return (
      <div className="card" role="status" aria-live="polite" data-testid="apply-progress">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <strong>{t('presets.applying', { name: nameOf(progress.presetId) })}</strong>
          <button onClick={() => void get().cancelSwitch()}>{t('common.cancel')}</button>
        </div>
        <div className="muted small" style={{ margin: '6px 0' }}>
          {progress.total > 0 ? t('presets.stepOf', { step: progress.step, total: progress.total }) : null}
          {` · ${t(`presets.switchPhase_${progress.phase}` as 'presets.switchPhase_loading')}`}
          {progress.key ? ` ${progress.key}` : ''}
          {progress.sizeBytes ? ` (${formatBytesGiB(progress.sizeBytes, i18n.language)})` : ''}
        </div>
        {progress.usableAfterMs !== undefined ? (
          <div className="small" data-testid="apply-usable">
            {t('presets.usableAfter', { seconds: seconds(progress.usableAfterMs, i18n.language) })}
          </div>
        ) : null}
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <div style={{ width: `${pct}%` }} />
        </div>
      </div>
    );
  }
  if (!last) return null;
  if (last.result === 'refused' && last.busy?.length) {
    // Models are still generating: the person decides whether to cut the answer off.
    return (
      <BusyModelsPrompt
        busy={last.busy}
        notice={last.notice}
        onUnloadAnyway={() => void get().applyPreset(last.presetId, true)}
        onCancel={() => get().dismissSwitch()}
      />
    );
  }
  if (last.result === 'ok') {
    return (
      <div className="banner banner-ok" role="status" data-testid="apply-result">
        {t('presets.applied', { name: nameOf(last.presetId) })}
        {last.usableAfterMs !== undefined
          ? ` ${t('presets.usableAfter', { seconds: seconds(last.usableAfterMs, i18n.language) })}`
          : null}
      </div>
    );
  }
  return (
    <div className="banner banner-err" role="alert" data-testid="apply-result">
      <strong>{t('presets.refused', { name: nameOf(last.presetId) })}</strong>{' '}
      {last.fitNotice
        ? wordFit(last.fitNotice, t as unknown as Translate, i18n.language, true)
        : last.notice
          ? wordSwitchNotice(last.notice, t as unknown as Translate)
          : callFailure
            ? wordPresetsCallFailure(callFailure, t as unknown as Translate)
            : last.message}
    </div>
  );
}
