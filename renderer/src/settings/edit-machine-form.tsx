/**
 * Change one machine in place (issue 18): its URL and its write-only token, through fleet.update. A new
 * address of an https agent is a new certificate, so Save first runs fleet.inspect there and shows the
 * fingerprint to compare (as adding does); only then is it saved, pinned to that one. A machine keeps its
 * name (a stored token belongs to it): to rename one, remove it and add it again.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MachineSnapshot } from '../../../shared/contract/fleet';
import { type FleetCallFailure, wordFleetCallFailure } from '../../../shared/fleet/fleet-call-failure';
import type { Translate } from '../../../shared/i18n/translate';
import { httpUrlProblem, TOKEN_HINTS } from '../../../shared/settings/http-url';
import { useApi, useGetState } from '../store/store-context';
import { FingerprintToCompare, InsecureHttpConsent, MachineUrlField } from './machine-address-fields';
import { TextField } from './settings-fields';

interface Props {
  machine: Pick<MachineSnapshot, 'name' | 'url' | 'kind'>;
  /** Whether a token is stored for it (from the public settings; the token itself never comes back). */
  hasToken: boolean;
  onDone(notice: string): void;
  onCancel(): void;
}

export function EditMachineForm({ machine, hasToken, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const get = useGetState();
  const [url, setUrl] = useState(machine.url);
  const [token, setToken] = useState('');
  const [insecure, setInsecure] = useState(false);
  /** The fingerprint read at a URL; forgotten when the URL is edited, as adding does. */
  const [checked, setChecked] = useState<{ url: string; fingerprint: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; url?: boolean } | null>(null);

  const target = url.trim().replace(/\/+$/, '');
  const moved = target !== machine.url;
  const agent = machine.kind === 'loadout';
  const needsCheck = moved && agent && target.toLowerCase().startsWith('https://');
  const plainHttp = agent && target.toLowerCase().startsWith('http://');
  const fingerprint = checked?.url === target ? checked.fingerprint : undefined;
  const failed = (call: FleetCallFailure['call'], error: FleetCallFailure['error']) =>
    setError({ text: wordFleetCallFailure({ call, error }, t as unknown as Translate) });

  const update = async (input: { token?: string | null; fingerprint?: string }, notice: string) => {
    setBusy(true);
    const r = await api.call('fleet.update', {
      name: machine.name,
      ...(moved ? { url: target } : {}),
      ...(plainHttp && insecure ? { insecure: true } : {}),
      ...input,
    });
    setBusy(false);
    if (!r.ok) return failed('update', r.error);
    get().receiveFleet(r.result);
    setToken('');
    onDone(notice);
  };
  const save = async () => {
    if (httpUrlProblem(target, TOKEN_HINTS.remote))
      return setError({ text: t('machineSettings.invalidUrl'), url: true });
    const typed = token.trim();
    if (!moved && !typed) return onCancel();
    if (needsCheck && fingerprint === undefined) {
      setBusy(true);
      const r = await api.call('fleet.inspect', { url: target, ...(typed ? { token: typed } : {}) });
      setBusy(false);
      if (!r.ok) return failed('inspect', r.error);
      setChecked({ url: target, fingerprint: r.result.fingerprint });
      return;
    }
    await update(
      { ...(typed ? { token: typed } : {}), ...(fingerprint ? { fingerprint } : {}) },
      t('machineSettings.saved', { name: machine.name }),
    );
  };

  return (
    <fieldset
      className="card grid"
      data-testid="edit-machine"
      aria-label={t('machineSettings.editTitle', { name: machine.name })}
    >
      <legend>
        <strong>{t('machineSettings.editTitle', { name: machine.name })}</strong>
      </legend>
      <div className="form-grid">
        <MachineUrlField
          value={url}
          invalid={error?.url === true}
          onChange={(v) => {
            setUrl(v);
            setChecked(null);
            setError(null);
          }}
        />
        <TextField
          label={t(agent ? 'machineSettings.token' : 'machineSettings.tokenOptional')}
          type="password"
          autoComplete="off"
          value={token}
          placeholder={t('settings.tokenPlaceholder')}
          onChange={(v) => {
            setToken(v);
            setError(null);
          }}
        />
      </div>
      <div className="row">
        <span className="muted small" data-testid="token-state">
          {hasToken ? t('settings.tokenSet') : t('settings.tokenUnset')}
        </span>
        {/* An agent answers only with its token: it gets a new one, never none. */}
        {hasToken && !agent ? (
          <button
            type="button"
            className="ghost danger"
            disabled={busy}
            onClick={() => void update({ token: null }, t('machineSettings.tokenCleared', { name: machine.name }))}
          >
            {t('settings.clearToken')}
          </button>
        ) : null}
      </div>
      {plainHttp && moved ? <InsecureHttpConsent checked={insecure} onChange={setInsecure} /> : null}
      {needsCheck && fingerprint ? (
        <div className="card" role="status" data-testid="inspected">
          <FingerprintToCompare fingerprint={fingerprint} first />
        </div>
      ) : null}
      {error ? (
        <div className="banner banner-err" role="alert">
          {error.text}
        </div>
      ) : null}
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
          {needsCheck && fingerprint === undefined
            ? t('machineSettings.check')
            : t('machineSettings.save', { name: machine.name })}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
