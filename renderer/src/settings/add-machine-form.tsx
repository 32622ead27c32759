/**
 * Add another machine (issue 18): name, URL, kind and token; "Check the machine" runs fleet.inspect,
 * which shows the certificate fingerprint the agent presented, for the person to compare with the one
 * that machine printed (trust on first use, as SSH). Only then is Add offered, and fleet.add pins that
 * same fingerprint. Plain HTTP off loopback outside a tailnet is the core's to refuse; the "insecure"
 * box, with its warning, is offered for http:// URLs.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodResult } from '../../../shared/contract';
import type { MachineSnapshot } from '../../../shared/contract/fleet';
import { wordFleetCallFailure } from '../../../shared/fleet/fleet-call-failure';
import type { Translate } from '../../../shared/i18n/translate';
import { useApi, useGetState } from '../store/store-context';
import { FingerprintToCompare, InsecureHttpConsent, MachineUrlField } from './machine-address-fields';
import { TextField } from './settings-fields';

type Kind = MachineSnapshot['kind'];
type Inspected = MethodResult<'fleet.inspect'>;

export interface AddMachineDraft {
  name: string;
  url: string;
  kind: Kind;
}

/** The form; `initial` pre-fills it (an LM Link device offered for adding). */
export function AddMachineForm({ initial, onAdded }: { initial?: AddMachineDraft; onAdded(name: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const get = useGetState();
  const [name, setName] = useState(initial?.name ?? '');
  const [url, setUrl] = useState(initial?.url ?? 'https://');
  const [kind, setKind] = useState<Kind>(initial?.kind ?? 'loadout');
  const [token, setToken] = useState('');
  const [insecure, setInsecure] = useState(false);
  const [inspected, setInspected] = useState<Inspected | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Whatever is checked is only good for the URL and token it was checked with.
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setInspected(null);
      setError(null);
    };
  const ready = name.trim() !== '' && /^https?:\/\/[^/]+/.test(url.trim());
  const plainHttp = url.trim().toLowerCase().startsWith('http://');
  const agentKind = kind === 'loadout';

  const check = async () => {
    if (!ready) return setError(t('machineSettings.needName'));
    setBusy(true);
    const r = await api.call('fleet.inspect', { url: url.trim(), ...(token ? { token } : {}) });
    setBusy(false);
    if (!r.ok) return setError(wordFleetCallFailure({ call: 'inspect', error: r.error }, t as unknown as Translate));
    setInspected(r.result);
    setKind(r.result.kind);
  };
  const add = async () => {
    if (!inspected) return;
    setBusy(true);
    const r = await api.call('fleet.add', {
      name: name.trim(),
      url: url.trim(),
      kind: inspected.kind,
      ...(token ? { token } : {}),
      ...(inspected.fingerprint ? { fingerprint: inspected.fingerprint } : {}),
      ...(plainHttp && insecure ? { insecure: true } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(wordFleetCallFailure({ call: 'add', error: r.error }, t as unknown as Translate));
    get().receiveFleet(r.result);
    onAdded(name.trim());
    setName('');
    setUrl('https://');
    setToken('');
    setInspected(null);
  };
  const kindWord = (k: Kind) => t(k === 'loadout' ? 'machineSettings.kindLoadout' : 'machineSettings.kindLmStudio');

  return (
    <fieldset className="grid" data-testid="add-machine" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend>
        <strong>{t('machineSettings.addTitle')}</strong>
      </legend>
      <div className="form-grid">
        <TextField label={t('machineSettings.name')} value={name} onChange={edit(setName)} />
        <MachineUrlField value={url} onChange={edit(setUrl)} />
        <label className="field">
          <span>{t('machineSettings.kind')}</span>
          <select value={kind} onChange={(e) => edit(setKind)(e.target.value as Kind)}>
            <option value="loadout">{kindWord('loadout')}</option>
            <option value="lmstudio-only">{kindWord('lmstudio-only')}</option>
          </select>
        </label>
        <TextField
          label={t(agentKind ? 'machineSettings.token' : 'machineSettings.tokenOptional')}
          type="password"
          autoComplete="off"
          value={token}
          hint={t(agentKind ? 'machineSettings.tokenHint' : 'machineSettings.tokenHintLmStudio')}
          onChange={edit(setToken)}
        />
      </div>
      {plainHttp ? <InsecureHttpConsent checked={insecure} onChange={setInsecure} /> : null}
      {inspected ? (
        <div className="card" role="status" data-testid="inspected">
          <p style={{ margin: 0 }}>
            {inspected.version
              ? t('machineSettings.found', { kind: kindWord(inspected.kind), version: inspected.version })
              : t('machineSettings.foundNoVersion', { kind: kindWord(inspected.kind) })}
          </p>
          {inspected.fingerprint ? (
            <FingerprintToCompare fingerprint={inspected.fingerprint} />
          ) : (
            <p className="muted small" style={{ margin: '4px 0 0' }}>
              {t('machineSettings.noFingerprint')}
            </p>
          )}
        </div>
      ) : null}
      {error ? (
        <div className="banner banner-err" role="alert">
          {error}
        </div>
      ) : null}
      <div className="row">
        <button onClick={() => void check()} disabled={busy}>
          {busy && !inspected ? t('machineSettings.checking') : t('machineSettings.check')}
        </button>
        {inspected ? (
          <button className="primary" onClick={() => void add()} disabled={busy}>
            {t('machineSettings.add', { name: name.trim() })}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
