/** The optional cloud fallback in the routing settings: off by default, with a plain note that questions leave the machine. */
import { useTranslation } from 'react-i18next';
import type { RoutingDraft, RoutingDraftError } from './routing-draft';

type CloudDraft = Pick<RoutingDraft, 'cloudEnabled' | 'cloudBaseUrl' | 'cloudModel' | 'cloudLabel' | 'cloudApiKey'>;

interface Props {
  draft: CloudDraft;
  hasApiKey: boolean;
  bad: RoutingDraftError | null;
  onChange(patch: Partial<CloudDraft>): void;
  onClearKey(): void;
}

/** The enable checkbox, the privacy note, and (when on) URL, model, label and the write-only API key. */
export function CloudFallbackFields({ draft, hasApiKey, bad, onChange, onClearKey }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset className="grid" style={{ border: 0, padding: 0, margin: '12px 0 0' }}>
      <legend>
        <strong>{t('routing.cloud')}</strong>
      </legend>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.cloudEnabled}
          aria-describedby="cloud-note"
          onChange={(e) => onChange({ cloudEnabled: e.target.checked })}
        />
        {t('routing.cloudEnabled')}
      </label>
      <p
        id="cloud-note"
        className={`small ${draft.cloudEnabled ? 'banner banner-warn' : 'muted'}`}
        style={{ margin: 0 }}
      >
        {t('routing.cloudNote')}
      </p>
      {draft.cloudEnabled ? (
        <div className="form-grid">
          <label className="field">
            <span>{t('routing.cloudBaseUrl')}</span>
            <input
              value={draft.cloudBaseUrl}
              inputMode="url"
              aria-invalid={bad?.field === 'cloudBaseUrl'}
              placeholder="https://api.openai.com/v1"
              onChange={(e) => onChange({ cloudBaseUrl: e.target.value })}
            />
          </label>
          <label className="field">
            <span>{t('routing.cloudModel')}</span>
            <input
              value={draft.cloudModel}
              aria-invalid={bad?.field === 'cloudModel'}
              placeholder="gpt-4o-mini"
              onChange={(e) => onChange({ cloudModel: e.target.value })}
            />
          </label>
          <label className="field">
            <span>{t('routing.cloudLabel')}</span>
            <input
              value={draft.cloudLabel}
              placeholder={t('routing.cloudLabelPlaceholder')}
              onChange={(e) => onChange({ cloudLabel: e.target.value })}
            />
          </label>
          <label className="field">
            <span>{t('routing.cloudApiKey')}</span>
            <input
              type="password"
              autoComplete="off"
              value={draft.cloudApiKey}
              placeholder={t('routing.keyPlaceholder')}
              onChange={(e) => onChange({ cloudApiKey: e.target.value })}
            />
          </label>
        </div>
      ) : null}
      <div className="row">
        <span className="muted small" data-testid="cloud-key-state">
          {hasApiKey ? t('routing.keySet') : t('routing.keyUnset')}
        </span>
        {hasApiKey ? (
          <button type="button" className="ghost danger" onClick={onClearKey}>
            {t('routing.clearKey')}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
