/**
 * Settings: LM Studio URL and token (write-only), restore-on-failure and how long a switch waits for a
 * generating model, sampling interval, tariff and currency, hotkey, language, theme.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicSettings, SettingsPatch } from '../../../shared/contract/settings';
import { isSafeExternalUrl } from '../api/api-client';
import { selectSettings } from '../store/selectors';
import { useAppStore, useGetState } from '../store/store-context';
import { LmStudioUrlInUse } from './lmstudio-url-in-use';
import { PlainTextSecretsNotice, usePlainTextSecretsRefusal } from './plain-text-secrets-notice';
import { TextField, ToggleField } from './settings-fields';
import { saveOutcome, SettingsFormShell, type SaveMessage } from './settings-form-shell';

/** An hour: longer than any answer worth waiting for; the schema itself only asks for a whole number ≥ 0. */
const MAX_BUSY_WAIT_SECONDS = 3600;

const CURRENCIES = ['BRL', 'USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF', 'CNY', 'INR', 'MXN', 'ARS'];

interface Draft {
  baseUrl: string;
  restoreOnFailure: boolean;
  busyWaitSeconds: string;
  intervalMs: string;
  tariff: string;
  currency: string;
  hotkey: string;
  language: PublicSettings['ui']['language'];
  theme: PublicSettings['ui']['theme'];
  startAtLogin: boolean;
  watchdogEnabled: boolean;
  watchdogThresholdW: string;
  watchdogMinutes: string;
}

function toDraft(s: PublicSettings): Draft {
  return {
    baseUrl: s.lmstudio.baseUrl,
    restoreOnFailure: s.lmstudio.restoreOnFailure,
    busyWaitSeconds: String(s.lmstudio.busyWaitSeconds),
    intervalMs: String(s.sampler.intervalMs),
    tariff: s.energy.tariff == null ? '' : String(s.energy.tariff),
    currency: s.energy.currency ?? '',
    hotkey: s.ui.quickChatHotkey,
    language: s.ui.language,
    theme: s.ui.theme,
    startAtLogin: s.ui.startAtLogin,
    watchdogEnabled: s.energy.idleWatchdog.enabled,
    watchdogThresholdW: String(s.energy.idleWatchdog.thresholdW),
    watchdogMinutes: String(s.energy.idleWatchdog.minutes),
  };
}

/** Validate the draft into a patch, or say which field is wrong. */
export function draftToPatch(d: Draft): { patch: SettingsPatch } | { field: keyof Draft } {
  if (!isSafeExternalUrl(d.baseUrl)) return { field: 'baseUrl' };
  const busyWait = Number(d.busyWaitSeconds.trim() || 'x');
  if (!Number.isInteger(busyWait) || busyWait < 0 || busyWait > MAX_BUSY_WAIT_SECONDS)
    return { field: 'busyWaitSeconds' };
  const interval = Number(d.intervalMs);
  if (!Number.isInteger(interval) || interval < 100 || interval > 60_000) return { field: 'intervalMs' };
  const tariff = d.tariff.trim() === '' ? null : Number(d.tariff.replace(',', '.'));
  if (tariff !== null && (!Number.isFinite(tariff) || tariff < 0)) return { field: 'tariff' };
  if (!d.hotkey.trim()) return { field: 'hotkey' };
  const thresholdW = Number(d.watchdogThresholdW);
  if (!Number.isFinite(thresholdW) || thresholdW <= 0) return { field: 'watchdogThresholdW' };
  const watchMinutes = Number(d.watchdogMinutes);
  if (!Number.isFinite(watchMinutes) || watchMinutes <= 0) return { field: 'watchdogMinutes' };
  return {
    patch: {
      lmstudio: {
        baseUrl: d.baseUrl.replace(/\/+$/, ''),
        restoreOnFailure: d.restoreOnFailure,
        busyWaitSeconds: busyWait,
      },
      sampler: { intervalMs: interval },
      energy: {
        tariff,
        currency: d.currency || null,
        idleWatchdog: { enabled: d.watchdogEnabled, thresholdW, minutes: watchMinutes },
      },
      ui: { quickChatHotkey: d.hotkey.trim(), language: d.language, theme: d.theme, startAtLogin: d.startAtLogin },
    },
  };
}

/** The settings form. */
export function SettingsForm() {
  const { t } = useTranslation();
  const settings = useAppStore(selectSettings);
  const get = useGetState();
  const [draft, setDraft] = useState<Draft | null>(settings ? toDraft(settings) : null);
  const [bad, setBad] = useState<keyof Draft | null>(null);
  const [token, setToken] = useState('');
  const [message, setMessage] = useState<SaveMessage>(null);
  const tokenRefusal = usePlainTextSecretsRefusal('LM_API_TOKEN');
  useEffect(() => {
    if (settings && !draft) setDraft(toDraft(settings));
  }, [settings, draft]);
  if (!settings || !draft) return <p className="muted">{t('common.loading')}</p>;

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft({ ...draft, [k]: v });
    setBad(null);
  };
  const save = async () => {
    const r = draftToPatch(draft);
    if ('field' in r) {
      setBad(r.field);
      setMessage({ kind: 'err', text: r.field === 'baseUrl' ? t('settings.invalidUrl') : t('presets.invalid') });
      return;
    }
    let error = await get().saveSettings(r.patch);
    if (!error && token) {
      error = await get().setLmStudioToken(token);
      if (!error) setToken('');
    }
    setMessage(saveOutcome(t, error));
  };
  const clearToken = async () => {
    const error = await get().setLmStudioToken(null);
    setMessage(saveOutcome(t, error));
  };

  return (
    <SettingsFormShell
      label={t('settings.title')}
      saveLabel={t('common.save')}
      message={message}
      onSave={() => void save()}
    >
      <section className="card">
        <h2>{t('settings.lmstudio')}</h2>
        <div className="form-grid">
          <TextField
            label={t('settings.baseUrl')}
            value={draft.baseUrl}
            invalid={bad === 'baseUrl'}
            onChange={(v) => set('baseUrl', v)}
            inputMode="url"
          />
          <TextField
            label={t('settings.token')}
            type="password"
            autoComplete="off"
            value={token}
            placeholder={t('settings.tokenPlaceholder')}
            onChange={setToken}
            disabled={tokenRefusal !== null}
          />
        </div>
        <LmStudioUrlInUse settings={settings} />
        <ToggleField
          checked={draft.restoreOnFailure}
          label={t('settings.restoreOnFailure')}
          style={{ marginTop: 12 }}
          testId="restore-on-failure"
          onChange={(v) => set('restoreOnFailure', v)}
        />
        <div className="form-grid" style={{ marginTop: 8 }}>
          <TextField
            label={t('settings.busyWait')}
            inputMode="numeric"
            value={draft.busyWaitSeconds}
            invalid={bad === 'busyWaitSeconds'}
            aria-describedby="busy-wait-hint"
            onChange={(v) => set('busyWaitSeconds', v)}
            testId="busy-wait-seconds"
          />
        </div>
        <p id="busy-wait-hint" className="muted small">
          {t('settings.busyWaitHint')}
        </p>
        <div className="row" style={{ marginTop: 8 }}>
          <span className="muted small" data-testid="token-state">
            {settings.lmstudio.hasToken ? t('settings.tokenSet') : t('settings.tokenUnset')}
          </span>
          {settings.lmstudio.hasToken ? (
            <button type="button" className="ghost danger" onClick={() => void clearToken()}>
              {t('settings.clearToken')}
            </button>
          ) : null}
        </div>
        <PlainTextSecretsNotice refusal={tokenRefusal} />
      </section>
      <section className="card">
        <h2>{t('settings.energy')}</h2>
        <div className="form-grid">
          <TextField
            label={t('settings.tariff')}
            inputMode="decimal"
            value={draft.tariff}
            invalid={bad === 'tariff'}
            placeholder="0.85"
            onChange={(v) => set('tariff', v)}
          />
          <label className="field">
            <span>{t('settings.currency')}</span>
            <select value={draft.currency} onChange={(e) => set('currency', e.target.value)}>
              <option value="">{t('settings.currencyAuto')}</option>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <TextField
            label={t('settings.sampling')}
            inputMode="numeric"
            value={draft.intervalMs}
            invalid={bad === 'intervalMs'}
            onChange={(v) => set('intervalMs', v)}
          />
        </div>
        <ToggleField
          checked={draft.watchdogEnabled}
          label={t('settings.watchdog')}
          style={{ marginTop: 12 }}
          onChange={(v) => set('watchdogEnabled', v)}
        />
        {draft.watchdogEnabled ? (
          <div className="form-grid" style={{ marginTop: 8 }}>
            <TextField
              label={t('settings.watchdogThreshold')}
              inputMode="numeric"
              value={draft.watchdogThresholdW}
              invalid={bad === 'watchdogThresholdW'}
              onChange={(v) => set('watchdogThresholdW', v)}
            />
            <TextField
              label={t('settings.watchdogMinutes')}
              inputMode="numeric"
              value={draft.watchdogMinutes}
              invalid={bad === 'watchdogMinutes'}
              onChange={(v) => set('watchdogMinutes', v)}
            />
          </div>
        ) : null}
      </section>
      <section className="card">
        <h2>{t('settings.general')}</h2>
        <div className="form-grid">
          <TextField
            label={t('settings.hotkey')}
            className="mono"
            value={draft.hotkey}
            invalid={bad === 'hotkey'}
            onChange={(v) => set('hotkey', v)}
          />
          <label className="field">
            <span>{t('settings.language')}</span>
            <select
              value={draft.language}
              onChange={(e) => set('language', e.target.value as Draft['language'])}
              data-testid="language"
            >
              <option value="auto">{t('settings.languageAuto')}</option>
              <option value="en">English</option>
              <option value="pt-BR">Português (Brasil)</option>
            </select>
          </label>
          <label className="field">
            <span>{t('settings.theme')}</span>
            <select value={draft.theme} onChange={(e) => set('theme', e.target.value as Draft['theme'])}>
              <option value="system">{t('settings.themeSystem')}</option>
              <option value="light">{t('settings.themeLight')}</option>
              <option value="dark">{t('settings.themeDark')}</option>
            </select>
          </label>
        </div>
        <ToggleField
          checked={draft.startAtLogin}
          label={t('settings.startAtLogin')}
          style={{ marginTop: 12 }}
          onChange={(v) => set('startAtLogin', v)}
        />
      </section>
    </SettingsFormShell>
  );
}
