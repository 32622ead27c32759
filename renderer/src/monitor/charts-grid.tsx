/** The chart cards for the chosen range; 24 h draws power from the energy ledger's per-minute rollups. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import type { EnergyRollup } from '../../../shared/contract/energy';
import { useAppStore } from '../store/store-context';
import { LiveChart, type LiveSeries } from './live-chart';

export type MonitorRange = '5m' | '1h' | '24h';
const RANGE_SECONDS: Record<MonitorRange, number> = { '5m': 300, '1h': 3600, '24h': 86_400 };
const CORE_COLORS = ['--c1', '--c2', '--c3', '--c4', '--c5'];

/** Rollups as uPlot columns: minute start (s), average and peak power. */
export function rollupsToColumns(rollups: readonly EnergyRollup[]): uPlot.AlignedData {
  const t = new Float64Array(rollups.length),
    avg = new Float64Array(rollups.length),
    peak = new Float64Array(rollups.length);
  rollups.forEach((r, i) => {
    t[i] = Date.parse(r.minute) / 1000;
    avg[i] = r.avgPowerW ?? NaN;
    peak[i] = r.peakPowerW ?? NaN;
  });
  return [t, avg, peak] as unknown as uPlot.AlignedData;
}

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="card chart-card" aria-label={title}>
      <header>
        <h2>{title}</h2>
      </header>
      {children}
    </section>
  );
}

/** Every monitor chart for one range. */
export function ChartsGrid({ range }: { range: MonitorRange }) {
  const { t } = useTranslation();
  const coreCount = useAppStore((s) => s.latestSample?.cpu.perCore.length ?? 0);
  const rollups = useAppStore((s) => s.rollups24h);
  const rollupsError = useAppStore((s) => s.rollupsError);
  const seconds = Math.min(RANGE_SECONDS[range], 3600);
  // Until the ledger has a full minute, the 24 h power chart shows the live samples instead of an empty plot.
  const rollupData = useMemo(() => (rollups && rollups.length > 0 ? rollupsToColumns(rollups) : null), [rollups]);
  const cores: LiveSeries[] = useMemo(
    () =>
      Array.from({ length: coreCount }, (_, i) => ({
        key: `core${i}` as const,
        label: `${i}`,
        color: CORE_COLORS[i % CORE_COLORS.length]!,
      })),
    [coreCount],
  );

  return (
    <>
      {range === '24h' ? (
        <div className="banner banner-info" role="note">
          {rollupsError ? t('monitor.history24hUnavailable', { reason: rollupsError }) : t('monitor.history24hNote')}
        </div>
      ) : null}
      <div className="grid grid-2">
        <ChartCard title={t('monitor.gpuUtil')}>
          <LiveChart
            label={t('monitor.gpuUtil')}
            unit="%"
            yMax={100}
            rangeSeconds={seconds}
            series={[{ key: 'gpuUtil', label: t('monitor.gpuUtil'), color: '--c1' }]}
          />
        </ChartCard>
        <ChartCard title={t('monitor.power')}>
          {range === '24h' && rollupData ? (
            <LiveChart
              label={t('monitor.power')}
              unit="W"
              rangeSeconds={86_400}
              staticData={rollupData}
              series={[
                { key: 'powerW', label: t('monitor.powerAvg'), color: '--c3' },
                { key: 'powerW', label: t('monitor.powerPeak'), color: '--c5' },
              ]}
            />
          ) : (
            <LiveChart
              label={t('monitor.power')}
              unit="W"
              rangeSeconds={seconds}
              series={[{ key: 'powerW', label: t('monitor.power'), color: '--c3' }]}
            />
          )}
        </ChartCard>
        <ChartCard title={t('monitor.vram')}>
          <LiveChart
            label={t('monitor.vram')}
            unit="GiB"
            rangeSeconds={seconds}
            series={[{ key: 'vramUsedGiB', label: t('monitor.vram'), color: '--c2' }]}
          />
        </ChartCard>
        <ChartCard title={t('monitor.temperature')}>
          <LiveChart
            label={t('monitor.temperature')}
            unit="°C"
            rangeSeconds={seconds}
            series={[{ key: 'tempC', label: t('monitor.temperature'), color: '--c5' }]}
          />
        </ChartCard>
        <ChartCard title={t('monitor.clocks')}>
          <LiveChart
            label={t('monitor.clocks')}
            unit="MHz"
            rangeSeconds={seconds}
            series={[
              { key: 'clockSmMHz', label: t('monitor.clockSm'), color: '--c1' },
              { key: 'clockMemMHz', label: t('monitor.clockMem'), color: '--c4' },
            ]}
          />
        </ChartCard>
        <ChartCard title={t('monitor.ram')}>
          <LiveChart
            label={t('monitor.ram')}
            unit="GiB"
            rangeSeconds={seconds}
            series={[{ key: 'ramUsedGiB', label: t('monitor.ram'), color: '--c4' }]}
          />
        </ChartCard>
        <ChartCard title={t('monitor.cpuTotal')}>
          <LiveChart
            label={t('monitor.cpuTotal')}
            unit="%"
            yMax={100}
            rangeSeconds={seconds}
            series={[{ key: 'cpuTotal', label: t('monitor.cpuTotal'), color: '--c1' }]}
          />
        </ChartCard>
        <ChartCard title={t('monitor.cpuPerCore')}>
          {coreCount > 0 ? (
            <LiveChart label={t('monitor.cpuPerCore')} unit="%" yMax={100} rangeSeconds={seconds} series={cores} />
          ) : (
            <p className="muted">{t('monitor.waitingForSamples')}</p>
          )}
        </ChartCard>
      </div>
    </>
  );
}
