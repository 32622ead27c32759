/**
 * The "Gaming mode" card (issue 19): on or off, the games and apps that count, whether and when the models
 * come back (or which preset does), and the VRAM threshold. Saved with its own button, like the MCP card.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectSettings } from '../store/selectors';
import { useAppStore, useGetState } from '../store/store-context';
import { gamingDraftToPatch, toGamingDraft, type GamingDraft, type GamingField } from './gaming-draft';
import { TextField, ToggleField } from './settings-fields';
import { saveOutcome, SettingsFormShell, type SaveMessage } from './settings-form-shell';

const ERROR_KEY: Record<GamingField, string> = {
  restoreAfterSeconds: 'gamingSettings.invalidNumber',
  vramThresholdGiB: 'gamingSettings.invalidThreshold',
};

/** The gaming mode settings form. */
export function GamingSettingsForm() {
  const { t } = useTranslation();
  const settings = useAppStore(selectSettings);
  const get = useGetState();
  const [draft, setDraft] = useState<GamingDraft | null>(settings ? toGamingDraft(settings) : null);
  const [bad, setBad] = useState<GamingField | null>(null);
  const [message, setMessage] = useState<SaveMessage>(null);
  useEffect(() => {
    if (settings && !draft) setDraft(toGamingDraft(settings));
  }, [settings, draft]);
  if (!settings || !draft) return null;

  const change = (patch: Partial<GamingDraft>) => {
    setDraft({ ...draft, ...patch });
    setBad(null);
  };
  const save = async () => {
    const r = gamingDraftToPatch(draft);
    if ('field' in r) {
      setBad(r.field);
      setMessage({ kind: 'err', text: t(ERROR_KEY[r.field]) });
      return;
    }
    const error = await get().saveSettings(r.patch);
    setMessage(saveOutcome(t, error));
  };
  const text = (field: 'restoreAfterSeconds' | 'vramThresholdGiB' | 'restorePreset', label: string) => (
    <TextField
      label={label}
      inputMode={field === 'restorePreset' ? 'text' : 'decimal'}
      value={draft[field]}
      invalid={bad === field}
      testId={`gaming-${field}`}
      onChange={(v) => change({ [field]: v })}
    />
  );

  return (
    <SettingsFormShell
      label={t('gamingSettings.title')}
      saveLabel={t('gamingSettings.save')}
      message={message}
      onSave={() => void save()}
    >
      <section className="card" aria-labelledby="gaming-title">
        <h2 id="gaming-title">{t('gamingSettings.title')}</h2>
        <p className="muted small" style={{ marginTop: 0 }}>
          {t('gamingSettings.intro')}
        </p>
        <ToggleField
          id="gaming-enabled"
          checked={draft.enabled}
          label={t('gamingSettings.enabled')}
          hint={t('gamingSettings.enabledHint')}
          onChange={(v) => change({ enabled: v })}
        />
        <label className="field" style={{ marginTop: 12 }}>
          <span>{t('gamingSettings.processes')}</span>
          <textarea
            className="mono"
            rows={4}
            value={draft.processes}
            aria-describedby="gaming-processes-hint"
            data-testid="gaming-processes"
            placeholder={'eldenring.exe\nCyberpunk2077.exe'}
            onChange={(e) => change({ processes: e.target.value })}
          />
        </label>
        <p id="gaming-processes-hint" className="muted small" style={{ margin: '2px 0 0' }}>
          {t('gamingSettings.processesHint')}
        </p>
        <ToggleField
          id="gaming-restore"
          checked={draft.restore}
          label={t('gamingSettings.restore')}
          hint={t('gamingSettings.restoreAfterHint')}
          style={{ marginTop: 12 }}
          onChange={(v) => change({ restore: v })}
        />
        <div className="form-grid" style={{ marginTop: 12 }}>
          {text('restoreAfterSeconds', t('gamingSettings.restoreAfter'))}
          {text('restorePreset', t('gamingSettings.restorePreset'))}
          {text('vramThresholdGiB', t('gamingSettings.vramThreshold'))}
        </div>
      </section>
    </SettingsFormShell>
  );
}
