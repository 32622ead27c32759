/**
 * The "Remote access" card (issue 18): the tray app as a fleet agent for the other machines. The toggle,
 * address and port are settings; where it listens, the certificate fingerprint and the failure reason come from
 * remoteAccess.status (kept current by remoteAccess.changed). The token stays hidden until asked for:
 * Show and Copy read it over IPC only, and a new token is confirmed first, since every machine using the
 * old one must be given the new one.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/contract/errors';
import type { RemoteAccessStatusInfo } from '../../../shared/contract/remote-access';
import { readRemoteAccessProblem, wordRemoteAccessProblem } from '../../../shared/fleet/remote-access-problem';
import type { Translate } from '../../../shared/i18n/translate';
import { SettingsSchema } from '../../../shared/settings/schema';
import { selectSettings } from '../store/selectors';
import { useApi, useAppStore, useGetState } from '../store/store-context';
import { RemoteAccessHostField } from './remote-access-host-field';
import { TextField, ToggleField } from './settings-fields';

const STATE_KEY: Record<RemoteAccessStatusInfo['state'], string> = {
  off: 'remoteAccess.stateOff',
  listening: 'remoteAccess.stateListening',
  failed: 'remoteAccess.stateFailed',
  unavailable: 'remoteAccess.stateUnavailable',
};
const PORT = SettingsSchema.shape.remoteAccess.unwrap().shape.port.unwrap();

/** The line the other machine runs to add this one (the name quoted when it has spaces). */
export function machinesAddLine(name: string, url: string): string {
  const shown = /^[\w.-]+$/.test(name) ? name : `"${name.replace(/"/g, '\\"')}"`;
  return `loadout machines add ${shown} ${url} --token-stdin`;
}

/** Why it is not running or was refused, in the window's language when the core sent the reason as data. */
function wordReason(problem: unknown, english: string | null, t: Translate): string | null {
  const known = readRemoteAccessProblem(problem);
  return known ? wordRemoteAccessProblem(known, t) : english;
}

export function RemoteAccessSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const get = useGetState();
  const settings = useAppStore(selectSettings);
  const [status, setStatus] = useState<RemoteAccessStatusInfo | null>(null);
  const [port, setPort] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('remoteAccess.status', {}).then((r) => {
      if (live && r.ok) setStatus(r.result);
    });
    const off = api.on('remoteAccess.changed', (next) => setStatus(next));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  if (!settings) return null;
  const current = settings.remoteAccess;
  const portText = port ?? String(current.port);
  const unavailable = status?.state === 'unavailable';

  const tr = t as unknown as Translate;
  const refusal = (error: ApiError) => wordReason(error.problem, error.message, tr) ?? error.message;
  const reason = status ? wordReason(status.problem, status.message, tr) : null;
  const save = async (patch: { enabled?: boolean; host?: string; port?: number }, done?: string) => {
    const error = await get().saveSettings({ remoteAccess: patch });
    setMessage(
      error
        ? { kind: 'err', text: t('settings.saveFailed', { reason: error }) }
        : done
          ? { kind: 'ok', text: done }
          : null,
    );
  };
  const savePort = async () => {
    const parsed = PORT.safeParse(Number(portText.trim()));
    if (!portText.trim() || !parsed.success) return setMessage({ kind: 'err', text: t('remoteAccess.invalidPort') });
    await save({ port: parsed.data }, t('settings.saved'));
    setPort(null);
  };
  const readToken = async (): Promise<string | null> => {
    const r = await api.call('remoteAccess.token', {});
    if (r.ok) return r.result.token;
    setMessage({ kind: 'err', text: refusal(r.error) });
    return null;
  };
  const show = async () => {
    if (token !== null) return setToken(null);
    setToken(await readToken());
  };
  const copy = async () => {
    const value = token ?? (await readToken());
    if (value === null) return;
    try {
      await navigator.clipboard.writeText(value);
      setMessage({ kind: 'ok', text: t('remoteAccess.copied') });
    } catch (error) {
      setMessage({ kind: 'err', text: t('remoteAccess.copyFailed', { reason: String(error) }) });
    }
  };
  const renew = async () => {
    setConfirming(false);
    const r = await api.call('remoteAccess.newToken', {});
    if (!r.ok) return setMessage({ kind: 'err', text: refusal(r.error) });
    setStatus(r.result);
    setToken(token === null ? null : await readToken());
    setMessage({ kind: 'ok', text: t('remoteAccess.renewed') });
  };

  return (
    <section className="card" aria-labelledby="remote-access-title" data-testid="remote-access">
      <h2 id="remote-access-title">{t('remoteAccess.title')}</h2>
      <p className="muted small">{t('remoteAccess.hint')}</p>
      {unavailable ? (
        <p role="status">{reason}</p>
      ) : (
        <div className="grid">
          <ToggleField
            checked={current.enabled}
            label={t('remoteAccess.enable')}
            onChange={(v) => void save({ enabled: v })}
          />
          <RemoteAccessHostField
            host={current.host}
            save={(host) => save({ host }, t('settings.saved'))}
            refuse={(text) => setMessage({ kind: 'err', text })}
          />
          <div className="row">
            <TextField label={t('remoteAccess.port')} inputMode="numeric" value={portText} onChange={setPort} />
            <button disabled={port === null} onClick={() => void savePort()}>
              {t('remoteAccess.savePort')}
            </button>
          </div>
          <p role="status" data-testid="remote-access-state">
            {t(STATE_KEY[status?.state ?? 'off'])}
          </p>
          {status?.state === 'failed' && reason ? (
            <div className="banner banner-err" role="alert">
              {reason}
            </div>
          ) : null}
          {status?.state === 'listening' ? (
            <div className="grid" data-testid="remote-access-addresses">
              <strong>{t('remoteAccess.addresses')}</strong>
              {status.addresses.map((url) => (
                <div key={url}>
                  <code>{url}</code>
                  <pre className="small" style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}>
                    {machinesAddLine(status.machineName, url)}
                  </pre>
                </div>
              ))}
              <p className="muted small" style={{ margin: 0 }}>
                {t('remoteAccess.addHint')}
              </p>
              {status.fingerprint ? (
                <>
                  <strong>{t('remoteAccess.fingerprint')}</strong>
                  <code data-testid="remote-access-fingerprint" style={{ wordBreak: 'break-all' }}>
                    {status.fingerprint}
                  </code>
                  <p className="muted small" style={{ margin: 0 }}>
                    {t('remoteAccess.fingerprintHint')}
                  </p>
                </>
              ) : null}
            </div>
          ) : null}
          <div className="grid">
            <strong>{t('remoteAccess.token')}</strong>
            <code data-testid="remote-access-token" style={{ wordBreak: 'break-all' }}>
              {token ?? (status?.hasToken ? '••••••••••••••••' : t('remoteAccess.noToken'))}
            </code>
            <div className="row">
              <button onClick={() => void show()}>
                {t(token === null ? 'remoteAccess.show' : 'remoteAccess.hide')}
              </button>
              <button onClick={() => void copy()}>{t('remoteAccess.copy')}</button>
              <button onClick={() => setConfirming(true)}>{t('remoteAccess.newToken')}</button>
            </div>
            {confirming ? (
              <div className="banner" role="alertdialog" aria-label={t('remoteAccess.newToken')}>
                <p style={{ margin: 0 }}>{t('remoteAccess.confirmNew')}</p>
                <div className="row">
                  <button onClick={() => void renew()}>{t('remoteAccess.confirmReplace')}</button>
                  <button onClick={() => setConfirming(false)}>{t('remoteAccess.cancel')}</button>
                </div>
              </div>
            ) : null}
          </div>
        </div>
      )}
      {message ? (
        <div className={`banner ${message.kind === 'err' ? 'banner-err' : 'banner-ok'}`} role="alert">
          {message.text}
        </div>
      ) : null}
    </section>
  );
}
