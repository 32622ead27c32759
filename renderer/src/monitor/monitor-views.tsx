/** The monitor's views of one machine: live tiles, charts, loaded models, GPU processes and energy, from the store above. */
import { useTranslation } from 'react-i18next';
import { selectLatestSample } from '../store/selectors';
import { useAppStore } from '../store/store-context';
import { ChartsGrid, type MonitorRange } from './charts-grid';
import { EnergyPanel } from './energy-panel';
import { GpuProcessesCard } from './gpu-processes-card';
import { GpuStats } from './gpu-stats';
import { LoadedModelsCard } from './loaded-models-card';

/** The same views for this machine and, fed through fleet.call, for another one. */
export function MonitorViews({ range }: { range: MonitorRange }) {
  const { t } = useTranslation();
  const hasSample = useAppStore((s) => selectLatestSample(s) !== null);
  return (
    <>
      {hasSample ? <GpuStats /> : <p className="muted">{t('monitor.waitingForSamples')}</p>}
      <ChartsGrid range={range} />
      <div className="grid grid-2">
        <LoadedModelsCard />
        <GpuProcessesCard />
      </div>
      <EnergyPanel />
    </>
  );
}
