/**
 * The Remote access card's "Listen on" field: every network (0.0.0.0), this machine only (127.0.0.1) or one
 * address of this machine, checked with listenScope before it is saved. The hint says what each reaches:
 * loopback is the safe choice, and off loopback the agent answers only over HTTPS and only with the token.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listenScope } from '../../../shared/fleet/listen-host';
import { TextField } from './settings-fields';

export interface RemoteAccessHostFieldProps {
  /** The saved address. */
  host: string;
  /** Save the address; resolves when settings.set answered (the card shows the outcome). */
  save(host: string): Promise<void>;
  /** Say an address was refused before saving. */
  refuse(text: string): void;
}

/** The editable address remote access listens on. */
export function RemoteAccessHostField({ host, save, refuse }: RemoteAccessHostFieldProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? host;
  const scope = listenScope(text);
  const saveHost = async () => {
    if (!scope) return refuse(t('remoteAccess.invalidHost'));
    await save(text.trim());
    setDraft(null);
  };
  return (
    <div className="grid">
      <div className="row">
        <TextField
          label={t('remoteAccess.host')}
          list="remote-access-hosts"
          spellCheck={false}
          value={text}
          invalid={!scope}
          hint={t('remoteAccess.hostHint')}
          onChange={setDraft}
        />
        <datalist id="remote-access-hosts">
          <option value="0.0.0.0" />
          <option value="127.0.0.1" />
        </datalist>
        <button disabled={draft === null} onClick={() => void saveHost()}>
          {t('remoteAccess.saveHost')}
        </button>
      </div>
      {scope ? (
        <p className="small" data-testid="remote-access-scope" style={{ margin: 0 }}>
          {t(`remoteAccess.hostScope_${scope}`)}
        </p>
      ) : null}
    </div>
  );
}
