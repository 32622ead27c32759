/**
 * Settings for the local OpenAI-compatible API and for routing: JIT loading, classifying with a model
 * and the cloud fallback. Saved together with one button; secrets are write-only. The other machines
 * routing may use are edited in the Machines section (fleet.*), the one place for them.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoutingSecretTarget } from '../../../shared/contract/settings';
import { selectSettings } from '../store/selectors';
import { useAppStore, useGetState } from '../store/store-context';
import { CloudFallbackFields } from './cloud-fallback-fields';
import { PlainTextSecretsNotice, usePlainTextSecretsRefusal } from './plain-text-secrets-notice';
import {
  localApiUrl,
  parsePort,
  routingDraftToPatch,
  toRoutingDraft,
  type RoutingDraft,
  type RoutingDraftError,
} from './routing-draft';
import { TextField, ToggleField } from './settings-fields';
import { saveOutcome, SettingsFormShell, type SaveMessage } from './settings-form-shell';

const ERROR_KEY: Record<RoutingDraftError['field'], string> = {
  port: 'routing.invalidPort',
  cloudBaseUrl: 'routing.invalidCloudUrl',
  cloudModel: 'routing.cloudModelRequired',
};

/** The "Local API" and "Routing" cards. */
export function RoutingSettingsForm() {
  const { t } = useTranslation();
  const settings = useAppStore(selectSettings);
  const get = useGetState();
  const [draft, setDraft] = useState<RoutingDraft | null>(settings ? toRoutingDraft(settings) : null);
  const [bad, setBad] = useState<RoutingDraftError | null>(null);
  const [message, setMessage] = useState<SaveMessage>(null);
  const secretsRefusal = usePlainTextSecretsRefusal('LOADOUT_CLOUD_API_KEY');
  useEffect(() => {
    if (settings && !draft) setDraft(toRoutingDraft(settings));
  }, [settings, draft]);
  if (!settings || !draft) return null;

  const change = (patch: Partial<RoutingDraft>) => {
    setDraft({ ...draft, ...patch });
    setBad(null);
  };
  const report = (error: string | null) => setMessage(saveOutcome(t, error));
  const save = async () => {
    const r = routingDraftToPatch(draft);
    if ('field' in r) {
      setBad(r);
      setMessage({ kind: 'err', text: t(ERROR_KEY[r.field]) });
      return;
    }
    let error = await get().saveSettings(r.patch);
    // Typed secrets could only be kept as plain text here: the rest is saved, they stay in the window.
    if (!error && secretsRefusal && r.secrets.length > 0) {
      setMessage({ kind: 'err', text: secretsRefusal });
      return;
    }
    for (const s of r.secrets) {
      if (error) break;
      error = await get().setRoutingSecret(s.target, s.secret);
    }
    // Typed secrets are cleared once stored so nothing secret stays in the window.
    if (!error) setDraft((d) => (d ? { ...d, cloudApiKey: '' } : d));
    report(error);
  };
  const clearSecret = async (target: RoutingSecretTarget) => report(await get().setRoutingSecret(target, null));
  const port = parsePort(draft.port) ?? settings.server.port;

  return (
    <SettingsFormShell
      label={t('routing.formLabel')}
      saveLabel={t('routing.save')}
      message={message}
      onSave={() => void save()}
    >
      <section className="card" aria-labelledby="local-api-title">
        <h2 id="local-api-title">{t('routing.localApi')}</h2>
        <ToggleField
          id="openai-endpoint"
          checked={draft.openAiEndpoint}
          label={t('routing.openAiEndpoint')}
          hint={t('routing.openAiEndpointHint')}
          onChange={(v) => change({ openAiEndpoint: v })}
        />
        <div className="form-grid" style={{ marginTop: 8, maxWidth: 220 }}>
          <TextField
            label={t('routing.port')}
            inputMode="numeric"
            value={draft.port}
            invalid={bad?.field === 'port'}
            onChange={(v) => change({ port: v })}
          />
        </div>
        <p className="small" data-testid="local-api-url" style={{ marginBottom: 0 }}>
          {t('routing.useUrl')} <code>{localApiUrl(port)}</code> · {t('routing.useModel')} <code>auto</code>
        </p>
      </section>
      <section className="card" aria-labelledby="routing-title">
        <h2 id="routing-title">{t('routing.title')}</h2>
        <PlainTextSecretsNotice refusal={secretsRefusal} />
        <div className="grid">
          <ToggleField
            id="routing-jit"
            checked={draft.allowJitLoad}
            label={t('routing.jit')}
            hint={t('routing.jitHint')}
            onChange={(v) => change({ allowJitLoad: v })}
          />
          <ToggleField
            id="routing-classify"
            checked={draft.classifyWithModel}
            label={t('routing.classify')}
            hint={t('routing.classifyHint')}
            onChange={(v) => change({ classifyWithModel: v })}
          />
        </div>
        <CloudFallbackFields
          draft={draft}
          hasApiKey={settings.routing.cloud.hasApiKey}
          bad={bad}
          onChange={change}
          onClearKey={() => void clearSecret({ kind: 'cloud' })}
        />
      </section>
    </SettingsFormShell>
  );
}
