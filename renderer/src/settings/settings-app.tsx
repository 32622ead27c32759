/** The presets & settings window: presets (list, editor, apply status, pinned) and settings, as two tabs. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preset } from '../../../shared/presets/schema';
import { machineFromHash } from '../../../shared/fleet/presets-window-hash';
import { ConnectionBanner } from '../components/connection-banner';
import { SettingsProblemBanner } from '../components/settings-problem-banner';
import { usePreferences } from '../components/use-preferences';
import { selectPresets } from '../store/selectors';
import { useAppStore, useGetState } from '../store/store-context';
import { ApplyStatus } from './apply-status';
import { PinnedCard } from './pinned-card';
import { PresetEditor } from './preset-editor';
import { PresetList } from './preset-list';
import { MachinePicker, MachinePresets } from './machine-presets';
import { MachinesSettings } from './machines-settings';
import { GamingSettingsForm } from './gaming-settings-form';
import { McpSettingsForm } from './mcp-settings-form';
import { RemoteAccessSettings } from './remote-access-settings';
import { RoutingSettingsForm } from './routing-settings-form';
import { SettingsForm } from './settings-form';

type Tab = 'presets' | 'settings';

/**
 * The window. `#settings` in the URL opens the settings tab; `#presets?machine=NAME` (a tray notification
 * about a switch on another machine) the presets tab with that machine picked, also when already open.
 */
export function SettingsApp() {
  usePreferences();
  const { t } = useTranslation();
  const get = useGetState();
  const [tab, setTab] = useState<Tab>(() =>
    typeof location !== 'undefined' && location.hash === '#settings' ? 'settings' : 'presets',
  );
  const presets = useAppStore(selectPresets);
  const connection = useAppStore((s) => s.connection);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [draftNew, setDraftNew] = useState<Preset | null>(null);
  /** The machine the presets tab applies on: '' is this one. */
  const [machine, setMachine] = useState(() =>
    typeof location !== 'undefined' ? (machineFromHash(location.hash) ?? '') : '',
  );
  useEffect(() => {
    const onHash = () => {
      const asked = machineFromHash(location.hash);
      if (!asked) return;
      setTab('presets');
      setMachine(asked);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (connection !== 'open') return;
    void get().loadSettings();
    void get().loadPresets();
    void get().loadModels();
    void get().loadPendingBusy();
    void get().loadFleet();
  }, [connection, get]);
  // The tray's "still generating" notification focuses this window when it is already open: ask again.
  useEffect(() => {
    if (connection !== 'open') return;
    const onFocus = () => void get().loadPendingBusy();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [connection, get]);
  useEffect(() => {
    document.title = `${t('presets.settingsTitle')} — Loadout`;
  }, [t]);
  useEffect(() => {
    if (!draftNew && (!selectedId || !presets.some((p) => p.id === selectedId)) && presets[0])
      setSelectedId(presets[0].id);
  }, [presets, selectedId, draftNew]);

  const selected = useMemo(
    () => draftNew ?? presets.find((p) => p.id === selectedId) ?? null,
    [draftNew, presets, selectedId],
  );
  // WAI-ARIA tabs: the arrow keys move between the two tabs and focus follows.
  const onTabKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next: Tab = tab === 'presets' ? 'settings' : 'presets';
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  const newPreset = () => {
    const name = t('presets.newName');
    setDraftNew({ id: '', name, description: '', models: [], exclusive: true, builtIn: false });
  };

  return (
    <div className="window">
      <header className="window-header">
        <h1>{t('presets.settingsTitle')}</h1>
        <span className="spacer" />
        <div className="tabs" role="tablist" aria-label={t('presets.settingsTitle')} onKeyDown={onTabKey}>
          <button
            role="tab"
            id="tab-presets"
            aria-selected={tab === 'presets'}
            tabIndex={tab === 'presets' ? 0 : -1}
            aria-controls="panel-presets"
            onClick={() => setTab('presets')}
          >
            {t('presets.tabPresets')}
          </button>
          <button
            role="tab"
            id="tab-settings"
            aria-selected={tab === 'settings'}
            tabIndex={tab === 'settings' ? 0 : -1}
            aria-controls="panel-settings"
            onClick={() => setTab('settings')}
          >
            {t('presets.tabSettings')}
          </button>
        </div>
      </header>
      <main className="window-body">
        <ConnectionBanner />
        <SettingsProblemBanner />
        {tab === 'presets' ? (
          <div id="panel-presets" role="tabpanel" aria-labelledby="tab-presets" className="grid">
            <MachinePicker value={machine} onChange={setMachine} />
            <ApplyStatus />
            {machine ? (
              <MachinePresets machine={machine} />
            ) : (
              <div className="split">
                <div className="grid">
                  <PresetList
                    selectedId={draftNew ? null : selectedId}
                    onSelect={(id) => {
                      setDraftNew(null);
                      setSelectedId(id);
                    }}
                    onNew={newPreset}
                  />
                  <PinnedCard />
                </div>
                {selected ? (
                  <PresetEditor
                    preset={selected}
                    isNew={draftNew !== null}
                    onSaved={(id) => {
                      setDraftNew(null);
                      setSelectedId(id);
                    }}
                    onDeleted={() => setSelectedId(null)}
                  />
                ) : (
                  <section className="card">
                    <p className="muted">{t('presets.empty')}</p>
                  </section>
                )}
              </div>
            )}
          </div>
        ) : (
          <div id="panel-settings" role="tabpanel" aria-labelledby="tab-settings" className="settings-panel grid">
            <SettingsForm />
            <RoutingSettingsForm />
            <MachinesSettings />
            <RemoteAccessSettings />
            <McpSettingsForm />
            <GamingSettingsForm />
          </div>
        )}
      </main>
    </div>
  );
}
