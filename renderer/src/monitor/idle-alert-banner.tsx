/**
 * The idle-power watchdog's alert: what the GPU draws and what it costs, with the fix one click away —
 * unload all models (the Gaming preset) with its progress and result — or dismiss, or snooze for an hour.
 * A model still generating stops the unload; the card then asks "Unload anyway?".
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { wordIdleAlert } from '../../../shared/energy/idle-alert-words';
import type { Translate } from '../../../shared/i18n/translate';
import { wordFit } from '../../../shared/models/fit-notice';
import { wordSwitchNotice } from '../../../shared/presets/switch-notice';
import { BusyModelsPrompt } from '../components/busy-models-prompt';
import { presetDisplayName } from '../settings/preset-display-name';
import { IDLE_SNOOZE_MINUTES } from '../store/energy-slice';
import { useAppStore, useGetState } from '../store/store-context';

/** Show the standing idle alert (also one raised before this window opened) until dismissed. */
export function IdleAlertBanner() {
  const { t, i18n } = useTranslation();
  const alert = useAppStore((s) => s.idleAlert);
  const action = useAppStore((s) => s.idleAction);
  const connection = useAppStore((s) => s.connection);
  const presetId = alert?.suggestedPresetId ?? null;
  const preset = useAppStore((s) => s.presetList?.presets.find((p) => p.id === presetId) ?? null);
  const name = preset ? presetDisplayName(preset, t) : t('builtinPresets.name_gaming');
  const progress = useAppStore((s) => (s.progress && s.progress.presetId === presetId ? s.progress : null));
  const get = useGetState();
  useEffect(() => {
    if (connection === 'open') void get().loadIdleAlert();
  }, [connection, get]);
  if (!alert) return null;
  const applying = action.phase === 'applying';
  return (
    <section
      className="banner banner-warn"
      role="alert"
      aria-label={t('energy.idleAlertTitle')}
      data-testid="idle-alert"
    >
      <strong>{t('energy.idleAlertTitle')}</strong>
      {/* Worded here from the core's figures, in this window's language (the English message only from an older core). */}
      <p>
        {alert.words
          ? wordIdleAlert({ ...alert.words, costPerDay: alert.costPerDay }, t as unknown as Translate, i18n.language)
          : alert.message}
      </p>
      {applying ? (
        <p role="status" aria-live="polite">
          {t('energy.idleAlertUnloading', { name })}
          {progress && progress.total > 0
            ? ` ${t('energy.idleAlertProgress', { step: progress.step, total: progress.total, key: progress.key ?? '—' })}`
            : ''}
        </p>
      ) : null}
      {action.phase === 'done' ? <p role="status">{t('energy.idleAlertUnloaded')}</p> : null}
      {action.phase === 'failed' ? (
        <p role="status">
          {t('energy.idleAlertFailed', {
            name,
            // Worded in this window's language where the core sent why as data, as the presets window does.
            message: action.fitNotice
              ? wordFit(action.fitNotice, t as unknown as Translate, i18n.language, true)
              : action.notice
                ? wordSwitchNotice(action.notice, t as unknown as Translate)
                : action.message,
          })}
        </p>
      ) : null}
      {action.phase === 'busy' ? (
        <BusyModelsPrompt
          busy={action.busy}
          notice={action.notice}
          onUnloadAnyway={() => void get().unloadForIdleAlert(true)}
          onCancel={() => get().resetIdleAction()}
        />
      ) : null}
      {action.phase === 'busy' ? null : (
        <div className="row">
          {presetId && action.phase !== 'done' ? (
            <button className="primary" disabled={applying} onClick={() => void get().unloadForIdleAlert()}>
              {t('energy.idleAlertUnload', { name })}
            </button>
          ) : null}
          {action.phase !== 'done' ? (
            <button
              className="ghost"
              disabled={applying}
              onClick={() => void get().dismissIdleAlert(IDLE_SNOOZE_MINUTES)}
            >
              {t('energy.idleAlertSnooze')}
            </button>
          ) : null}
          <button className="ghost" disabled={applying} onClick={() => void get().dismissIdleAlert()}>
            {action.phase === 'done' ? t('common.close') : t('common.dismiss')}
          </button>
        </div>
      )}
    </section>
  );
}
