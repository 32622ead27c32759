/**
 * The Machines section of the settings (issue 18): every other machine with its URL, kind and whether
 * it answers now, Edit (its URL and token, in place) and Remove, the add form, and the devices LM Studio's LM Link knows that are not added
 * yet, offered for adding, and the Loadout agents found on the LAN (fleet.discovery). The list comes from fleet.list and follows fleet.changed (the fleet slice).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { wordFleetCallFailure } from '../../../shared/fleet/fleet-call-failure';
import { wordMachineProblem } from '../../../shared/fleet/machine-problem';
import type { Translate } from '../../../shared/i18n/translate';
import { selectSettings } from '../store/selectors';
import { useApi, useAppStore, useGetState } from '../store/store-context';
import { AddMachineForm, type AddMachineDraft } from './add-machine-form';
import { EditMachineForm } from './edit-machine-form';
import { LanDiscoverySettings } from './lan-discovery-settings';

/** LM Studio's own server port, where an LM Link device answers (over the tailnet, so plain HTTP is allowed). */
const LM_STUDIO_PORT = 1234;

export function MachinesSettings() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const get = useGetState();
  const fleet = useAppStore((s) => s.fleet);
  const connection = useAppStore((s) => s.connection);
  const saved = useAppStore(selectSettings)?.machines;
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);
  const [draft, setDraft] = useState<{ key: number; value?: AddMachineDraft }>({ key: 0 });

  useEffect(() => {
    if (connection === 'open') void get().loadFleet();
  }, [connection, get]);

  const remove = async (name: string) => {
    const r = await api.call('fleet.remove', { name });
    if (!r.ok)
      return setNotice({
        kind: 'err',
        text: wordFleetCallFailure({ call: 'remove', error: r.error }, t as unknown as Translate),
      });
    get().receiveFleet(r.result);
    if (editing === name) setEditing(null);
    setNotice({ kind: 'ok', text: t('machineSettings.removed', { name }) });
  };
  const machines = fleet?.machines ?? [];
  const editingMachine = machines.find((m) => m.name === editing);
  const peers = fleet?.lmLink.peers.filter((p) => !p.added) ?? [];

  return (
    <section className="card grid" aria-labelledby="machines-title" data-testid="machines-settings">
      <h2 id="machines-title">{t('machineSettings.title')}</h2>
      <p className="muted small" style={{ margin: 0 }}>
        {t('machineSettings.hint')}
      </p>
      {machines.length === 0 ? <p className="muted small">{t('machineSettings.empty')}</p> : null}
      {machines.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>{t('machineSettings.name')}</th>
              <th>{t('machineSettings.url')}</th>
              <th>{t('machineSettings.kind')}</th>
              <th />
              <th />
              <th />
            </tr>
          </thead>
          <tbody>
            {machines.map((m) => (
              <tr key={m.name} data-testid="machine-entry">
                <td>{m.name}</td>
                <td>
                  <code>{m.url}</code>
                </td>
                <td>{t(m.kind === 'loadout' ? 'machineSettings.kindLoadout' : 'machineSettings.kindLmStudio')}</td>
                <td
                  title={wordMachineProblem(m, t as unknown as Translate, i18n.language) ?? undefined}
                  data-testid="machine-state"
                >
                  {m.online ? t('machineSettings.online') : t('machineSettings.offline')}
                </td>
                <td>
                  <button
                    aria-label={t('machineSettings.editLabel', { name: m.name })}
                    aria-expanded={editing === m.name}
                    onClick={() => setEditing(editing === m.name ? null : m.name)}
                  >
                    {t('machineSettings.edit')}
                  </button>
                </td>
                <td>
                  <button
                    aria-label={t('machineSettings.removeLabel', { name: m.name })}
                    onClick={() => void remove(m.name)}
                  >
                    {t('machineSettings.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {editingMachine ? (
        <EditMachineForm
          key={editingMachine.name}
          machine={editingMachine}
          hasToken={saved?.some((s) => s.name === editingMachine.name && s.hasToken) ?? false}
          onCancel={() => setEditing(null)}
          onDone={(text) => {
            setEditing(null);
            setNotice({ kind: 'ok', text });
          }}
        />
      ) : null}
      {notice ? (
        <div
          className={`banner ${notice.kind === 'ok' ? 'banner-ok' : 'banner-err'}`}
          role={notice.kind === 'ok' ? 'status' : 'alert'}
        >
          {notice.text}
        </div>
      ) : null}
      {peers.length > 0 ? (
        <div className="grid" data-testid="lm-link-peers">
          <strong>{t('machineSettings.lmLinkTitle')}</strong>
          {peers.map((p) =>
            p.address ? (
              <button
                key={p.name}
                onClick={() =>
                  setDraft((d) => ({
                    key: d.key + 1,
                    value: { name: p.name, url: `http://${p.address}:${LM_STUDIO_PORT}`, kind: 'lmstudio-only' },
                  }))
                }
              >
                {t('machineSettings.lmLinkAdd', { name: p.name })}
              </button>
            ) : (
              <p key={p.name} className="muted small" style={{ margin: 0 }}>
                {t('machineSettings.lmLinkNoAddress', { name: p.name })}
              </p>
            ),
          )}
        </div>
      ) : null}
      <LanDiscoverySettings onPick={(value) => setDraft((d) => ({ key: d.key + 1, value }))} />
      <AddMachineForm
        key={draft.key}
        initial={draft.value}
        onAdded={(name) => setNotice({ kind: 'ok', text: t('machineSettings.added', { name }) })}
      />
    </section>
  );
}
