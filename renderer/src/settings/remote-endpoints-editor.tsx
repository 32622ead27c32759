/** The editable list of other machines' LM Studio (name, URL, write-only token) in the routing settings. */
import { useTranslation } from 'react-i18next';
import type { PublicSettings } from '../../../shared/contract/settings';
import { newEndpointKey, type EndpointDraft, type RoutingDraftError } from './routing-draft';

interface Props {
  endpoints: EndpointDraft[];
  /** The saved list, for whether a token is stored for a name. */
  saved: PublicSettings['routing']['endpoints'];
  bad: RoutingDraftError | null;
  onChange(endpoints: EndpointDraft[]): void;
  onClearToken(name: string): void;
}

/** Rows of name / URL / token with add and remove; changes are saved with the form. */
export function RemoteEndpointsEditor({ endpoints, saved, bad, onChange, onClearToken }: Props) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<EndpointDraft>) =>
    onChange(endpoints.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const add = () =>
    onChange([...endpoints, { key: newEndpointKey(), name: '', baseUrl: 'http://', token: '', savedName: null }]);
  const isBad = (i: number, field: RoutingDraftError['field']) => bad?.field === field && bad.index === i;

  return (
    <fieldset className="grid" style={{ border: 0, padding: 0, margin: '12px 0 0' }}>
      <legend>
        <strong>{t('routing.machines')}</strong>
      </legend>
      <p className="muted small" style={{ margin: 0 }}>
        {t('routing.machinesHint')}
      </p>
      {endpoints.length === 0 ? (
        <p className="muted small" style={{ margin: 0 }}>
          {t('routing.machinesEmpty')}
        </p>
      ) : null}
      {endpoints.map((e, i) => {
        const hasToken = saved.some((s) => s.name === e.name.trim() && s.hasToken);
        const label = e.name.trim() || t('routing.machineN', { n: i + 1 });
        // Tokens are stored by name: a renamed machine loses its token unless a new one is typed.
        const losesToken =
          !hasToken && !e.token && e.savedName !== null && saved.some((s) => s.name === e.savedName && s.hasToken);
        return (
          <div key={e.key} className="card" data-testid="machine-row" role="group" aria-label={label}>
            <div className="form-grid">
              <label className="field">
                <span>{t('routing.machineName')}</span>
                <input
                  value={e.name}
                  aria-invalid={isBad(i, 'endpointName')}
                  placeholder="gpu-box"
                  onChange={(ev) => update(i, { name: ev.target.value })}
                />
              </label>
              <label className="field">
                <span>{t('routing.machineUrl')}</span>
                <input
                  value={e.baseUrl}
                  inputMode="url"
                  aria-invalid={isBad(i, 'endpointUrl')}
                  placeholder="http://192.168.1.20:1234"
                  onChange={(ev) => update(i, { baseUrl: ev.target.value })}
                />
              </label>
              <label className="field">
                <span>{t('routing.machineToken')}</span>
                <input
                  type="password"
                  autoComplete="off"
                  value={e.token}
                  placeholder={t('settings.tokenPlaceholder')}
                  onChange={(ev) => update(i, { token: ev.target.value })}
                />
              </label>
            </div>
            <div className="row" style={{ marginTop: 8 }}>
              <span className={losesToken ? 'small banner banner-warn' : 'muted small'}>
                {losesToken
                  ? t('routing.renameDropsToken', { name: e.savedName })
                  : hasToken
                    ? t('settings.tokenSet')
                    : t('settings.tokenUnset')}
              </span>
              {hasToken ? (
                <button type="button" className="ghost danger" onClick={() => onClearToken(e.name.trim())}>
                  {t('settings.clearToken')}
                </button>
              ) : null}
              <span className="spacer" />
              <button
                type="button"
                className="ghost danger"
                aria-label={t('routing.removeMachine', { name: label })}
                onClick={() => onChange(endpoints.filter((_, j) => j !== i))}
              >
                {t('common.remove')}
              </button>
            </div>
          </div>
        );
      })}
      <div className="row">
        <button type="button" onClick={add}>
          {t('routing.addMachine')}
        </button>
      </div>
    </fieldset>
  );
}
