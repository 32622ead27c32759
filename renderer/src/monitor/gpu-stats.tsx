/** The at-a-glance tiles: GPU utilization, VRAM, temperature, power, clocks, CPU and RAM (latest sample). */
import { useTranslation } from 'react-i18next';
import { formatBytesGiB, formatNumber } from '../format/format-number';
import { selectLatestSample } from '../store/selectors';
import { useAppStore } from '../store/store-context';

function Stat({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      {sub ? <div className="sub">{sub}</div> : null}
    </div>
  );
}

/** Live numbers from the latest sample. */
export function GpuStats() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const sample = useAppStore(selectLatestSample);
  const gpu = sample?.gpus[0] ?? null;
  const n = (v: number | null | undefined, d = 0) => formatNumber(v, lang, d);
  return (
    <section className="stats" aria-label={t('monitor.gpu')}>
      <Stat
        testId="stat-gpu-util"
        label={t('monitor.gpuUtil')}
        value={`${n(gpu?.utilizationPercent)} %`}
        sub={gpu?.pstate ?? undefined}
      />
      <Stat
        testId="stat-vram"
        label={t('monitor.vram')}
        value={formatBytesGiB(gpu?.memoryUsedBytes, lang)}
        sub={`/ ${formatBytesGiB(gpu?.memoryTotalBytes, lang)}`}
      />
      <Stat testId="stat-temp" label={t('monitor.temperature')} value={`${n(gpu?.temperatureC)} °C`} />
      <Stat
        testId="stat-power"
        label={t('monitor.power')}
        value={`${n(gpu?.powerW, 1)} W`}
        sub={gpu?.powerLimitW != null ? t('monitor.powerLimit', { value: `${n(gpu.powerLimitW)} W` }) : undefined}
      />
      <Stat
        testId="stat-clocks"
        label={t('monitor.clocks')}
        value={`${n(gpu?.clockSmMHz)} MHz`}
        sub={`${t('monitor.clockMem')} ${n(gpu?.clockMemMHz)} MHz`}
      />
      <Stat testId="stat-cpu" label={t('monitor.cpuTotal')} value={`${n(sample?.cpu.loadPercent)} %`} />
      <Stat
        testId="stat-ram"
        label={t('monitor.ram')}
        value={formatBytesGiB(sample?.memory.usedBytes, lang)}
        sub={`/ ${formatBytesGiB(sample?.memory.totalBytes, lang)}`}
      />
    </section>
  );
}
