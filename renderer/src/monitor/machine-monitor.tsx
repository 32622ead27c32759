/**
 * Another machine's full monitor: the same views as this machine's, over a store of its own whose
 * client relays every call through `fleet.call` (hardware.latest, hardware.history, models.list,
 * presets.list, energy.summary, profile.capacity, …). Its samples are polled, since only this machine's sampler pushes
 * events here; a `fleet.changed` that changes its loaded models or preset reloads them at once.
 */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { createMachineClient } from '../api/machine-client';
import { bindEvents } from '../store/bind-events';
import { createAppStore, type AppStore } from '../store/create-app-store';
import { StoreProvider, useApi, useAppStore } from '../store/store-context';
import type { MonitorRange } from './charts-grid';
import { describeMachineProblem } from './machine-problem';
import { MonitorViews } from './monitor-views';
import { ProfileCard } from './profile-card';

/** How often the remote's latest sample, its models and its energy are read. */
export const REMOTE_POLL_MS = { sample: 2000, models: 10_000, energy: 60_000 };

/**
 * Append the samples newer than the history's newest, and show the last: a late answer (an effect run
 * twice, a slow relay) never puts an older sample after a newer one.
 */
export function appendNewer(store: AppStore, samples: readonly HardwareSample[]): void {
  let last: HardwareSample | null = null;
  for (const sample of samples) {
    const seconds = Date.parse(sample.timestamp) / 1000;
    if (store.history.size > 0 && !(seconds > store.history.latestTime)) continue;
    store.history.append(sample);
    last = sample;
  }
  if (last) store.useStore.getState().receiveSample(last);
}

/** Read the machine's latest sample and append it when it is new. */
async function pollLatest(store: AppStore): Promise<void> {
  const r = await store.api.call('hardware.latest', undefined);
  if (r.ok && r.result) appendNewer(store, [r.result]);
}

/** Seed the charts with the machine's in-memory hour, then follow its latest sample. */
async function followSamples(store: AppStore, cancelled: () => boolean, timers: ReturnType<typeof setInterval>[]) {
  const r = await store.api.call('hardware.history', undefined);
  if (cancelled()) return;
  if (r.ok) appendNewer(store, r.result);
  await pollLatest(store);
  if (cancelled()) return;
  timers.push(setInterval(() => void pollLatest(store), REMOTE_POLL_MS.sample));
}

/** The full monitor of machine `name`. */
export function MachineMonitor({ name, range }: { name: string; range: MonitorRange }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const settings = useAppStore((s) => s.settings);
  const snapshot = useAppStore((s) => s.fleet?.machines.find((m) => m.name === name) ?? null);
  const store = useMemo(() => createAppStore(createMachineClient(api, name)), [api, name]);
  // Units, currency and language follow this window's settings, not the other machine's.
  useEffect(() => store.useStore.setState({ settings }), [store, settings]);

  useEffect(() => {
    const unbind = bindEvents(store);
    const s = store.useStore.getState;
    let cancelled = false;
    const timers = [
      setInterval(() => {
        void s().loadModels();
        void s().loadPresets();
      }, REMOTE_POLL_MS.models),
      setInterval(() => void s().loadEnergy(), REMOTE_POLL_MS.energy),
    ];
    void followSamples(store, () => cancelled, timers);
    void s().loadEnergy();
    // Its hardware does not change while the window is open: its profile is read once.
    void s().loadCapacity();
    return () => {
      cancelled = true;
      for (const timer of timers) clearInterval(timer);
      unbind();
    };
  }, [store]);

  useEffect(() => {
    if (range === '24h') void store.useStore.getState().loadRollups24h();
  }, [range, store]);

  // Models and presets load at once, and again whenever fleet.changed says the machine holds something else.
  const holds = snapshot ? `${snapshot.loadedModels.join('\n')}|${snapshot.activePreset ?? ''}` : '';
  useEffect(() => {
    void store.useStore.getState().loadModels();
    void store.useStore.getState().loadPresets();
  }, [holds, store]);

  const problem = snapshot ? describeMachineProblem(snapshot, t, i18n.language) : null;
  return (
    <section aria-labelledby="machine-monitor-title" data-testid="machine-monitor" className="grid">
      <h2 id="machine-monitor-title">{t('fleetMonitor.viewing', { name })}</h2>
      {problem ? (
        <div
          className={`banner ${snapshot?.online ? 'banner-warn' : 'banner-err'}`}
          role="status"
          title={snapshot?.problem?.message}
        >
          {problem}
        </div>
      ) : null}
      <StoreProvider store={store}>
        <MonitorViews range={range} />
        <ProfileCard />
      </StoreProvider>
    </section>
  );
}
