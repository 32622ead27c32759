/**
 * LAN discovery in the Machines section (issue 18): the fleet.discovery toggle, with the one line that
 * says finding an agent trusts nothing, and the Loadout agents found on the LAN and not added yet
 * (fleet.list's `discovered`), each offered for the add form like an LM Link device. Picking one fills
 * only its name and URL: the token and the fingerprint comparison stay the user's to do.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectSettings } from '../store/selectors';
import { useAppStore, useGetState } from '../store/store-context';
import type { AddMachineDraft } from './add-machine-form';
import { ToggleField } from './settings-fields';

export function LanDiscoverySettings({ onPick }: { onPick(draft: AddMachineDraft): void }) {
  const { t } = useTranslation();
  const get = useGetState();
  const on = useAppStore(selectSettings)?.fleet.discovery ?? false;
  const found = useAppStore((s) => s.fleet?.discovered) ?? [];
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = async (discovery: boolean) => {
    setBusy(true);
    setError(await get().saveSettings({ fleet: { discovery } }));
    setBusy(false);
  };

  return (
    <div className="grid" data-testid="lan-discovery">
      <ToggleField
        id="lan-discovery"
        checked={on}
        disabled={busy}
        label={t('machineSettings.discovery')}
        hint={t('machineSettings.discoveryHint')}
        onChange={(v) => void toggle(v)}
      />
      {error ? (
        <div className="banner banner-err" role="alert">
          {t('settings.saveFailed', { reason: error })}
        </div>
      ) : null}
      {on && found.length > 0 ? (
        <div className="grid" data-testid="lan-agents">
          <strong>{t('machineSettings.discoveredTitle')}</strong>
          {found.map((a) => (
            <button key={a.name} title={a.url} onClick={() => onPick({ name: a.name, url: a.url, kind: 'loadout' })}>
              {a.version
                ? t('machineSettings.discoveredAdd', { name: a.name, version: a.version })
                : t('machineSettings.discoveredAddNoVersion', { name: a.name })}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
