/**
 * The hardware monitor window: live tiles and charts, loaded models, GPU processes, energy, machine profile.
 * With other machines on the desk, a switcher shows one of them (the same views through fleet.call) or
 * all of them as cards; "This machine" is the window as it always was.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionBanner } from '../components/connection-banner';
import { DatabaseLockBanner } from '../components/database-lock-banner';
import { SettingsProblemBanner } from '../components/settings-problem-banner';
import { BenchmarksPanel } from './benchmarks/benchmarks-panel';
import { usePreferences } from '../components/use-preferences';
import { selectLatestSample } from '../store/selectors';
import { useAppStore, useGetState } from '../store/store-context';
import type { MonitorRange } from './charts-grid';
import { FleetOverview } from './fleet-overview';
import { GamingCard } from './gaming-card';
import { GpuStatusBanner } from './gpu-status-banner';
import { IdleAlertBanner } from './idle-alert-banner';
import { LmLinkNote } from './lm-link-note';
import { MachineCard } from './machine-card';
import { MachineSwitcher } from './machine-switcher';
import type { MonitorTarget } from './monitor-target';
import { MonitorViews } from './monitor-views';
import { ProfileCard } from './profile-card';

const ENERGY_REFRESH_MS = 60_000;

// Another machine's monitor checks its answers against the contract (zod): loaded only when one is opened.
const MachineMonitor = lazy(() => import('./machine-monitor').then((m) => ({ default: m.MachineMonitor })));

/** The monitor window. */
export function MonitorApp() {
  usePreferences();
  const { t } = useTranslation();
  const [range, setRange] = useState<MonitorRange>('5m');
  const [target, setTarget] = useState<MonitorTarget>({ kind: 'local' });
  // An LM Studio-only machine has no agent to feed a full monitor: its card says what can and cannot be seen.
  const lmStudioOnly = useAppStore((s) =>
    target.kind === 'machine'
      ? (s.fleet?.machines.find((m) => m.name === target.name && m.kind === 'lmstudio-only') ?? null)
      : null,
  );
  const hasSample = useAppStore((s) => selectLatestSample(s) !== null);
  const gpuName = useAppStore((s) => s.latestSample?.gpus[0]?.name ?? null);
  const connection = useAppStore((s) => s.connection);
  const get = useGetState();

  useEffect(() => {
    if (connection !== 'open') return;
    void get().loadSettings();
    void get().loadDatabaseLock();
    void get().loadHistory();
    void get().loadModels();
    void get().loadPresets();
    void get().loadCapacity();
    void get().loadEnergy();
    void get().loadFleet();
    const timer = setInterval(() => void get().loadEnergy(), ENERGY_REFRESH_MS);
    return () => clearInterval(timer);
  }, [connection, get]);

  useEffect(() => {
    if (range === '24h' && connection === 'open') void get().loadRollups24h();
  }, [range, connection, get]);

  useEffect(() => {
    document.title = `${t('monitor.title')} — Loadout`;
  }, [t]);

  return (
    <div className="window">
      <header className="window-header">
        <h1>{t('monitor.title')}</h1>
        {gpuName && target.kind === 'local' ? (
          <span className="pill" data-testid="gpu-name">
            {gpuName}
          </span>
        ) : null}
        <span className="pill ok" aria-live="off">
          {hasSample ? (
            <>
              <span className="dot" /> {t('monitor.live')}
            </>
          ) : (
            t('common.loading')
          )}
        </span>
        <span className="spacer" />
        <MachineSwitcher target={target} onChange={setTarget} />
        <div className="segmented" role="group" aria-label={t('monitor.range')}>
          {(['5m', '1h', '24h'] as const).map((r) => (
            <button key={r} aria-pressed={range === r} onClick={() => setRange(r)}>
              {t(`monitor.range${r}` as 'monitor.range5m')}
            </button>
          ))}
        </div>
      </header>
      <main className="window-body">
        <ConnectionBanner />
        <SettingsProblemBanner />
        <DatabaseLockBanner />
        <IdleAlertBanner />
        <LmLinkNote />
        {target.kind === 'all' ? (
          <FleetOverview onOpen={setTarget} now={Date.now} />
        ) : lmStudioOnly ? (
          <div className="grid grid-3">
            <MachineCard machine={lmStudioOnly} now={Date.now()} />
          </div>
        ) : target.kind === 'machine' ? (
          <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
            <MachineMonitor key={target.name} name={target.name} range={range} />
          </Suspense>
        ) : (
          <>
            <GpuStatusBanner />
            <GamingCard />
            <MonitorViews range={range} />
            <BenchmarksPanel />
            <ProfileCard />
          </>
        )}
      </main>
    </div>
  );
}
