/** Per-process GPU memory where the platform reports it (not under Windows WDDM: the reason is shown instead). */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { wordGpuUnavailable } from '../../../shared/hardware/gpu-unavailable';
import type { Translate } from '../../../shared/i18n/translate';
import { formatBytesGiB } from '../format/format-number';
import { useAppStore } from '../store/store-context';

/** The per-process GPU memory card. */
export function GpuProcessesCard() {
  const { t, i18n } = useTranslation();
  const { processes, reason, gap, gpuReason, gpuKnown } = useAppStore(
    useShallow((s) => ({
      processes: s.latestSample?.gpuProcesses ?? null,
      reason: s.latestSample?.gpuProcessesUnavailableReason ?? null,
      gap: s.latestSample?.gpuProcessesUnavailableKind ?? null,
      gpuReason: s.latestSample?.gpuUnavailableReason ?? null,
      gpuKnown: s.latestSample?.gpuUnavailable ?? null,
    })),
  );
  // A known gap is worded in the window's language, and so is the GPU's own known reason when the list is
  // missing for it (a hung or lost NVML); any other reason is the source's own (English) words.
  const sameAsGpu = gpuKnown !== null && reason !== null && reason === gpuReason;
  const why = gap
    ? t(`monitor.processesGap_${gap}`)
    : sameAsGpu
      ? wordGpuUnavailable(gpuKnown, t as unknown as Translate)
      : (reason ?? t('common.unavailable'));
  return (
    <section className="card" aria-labelledby="proc-title">
      <h2 id="proc-title">{t('monitor.processes')}</h2>
      {processes === null ? (
        <p className="muted">{t('monitor.processesUnavailable', { reason: why })}</p>
      ) : processes.length === 0 ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('monitor.process')}</th>
              <th>{t('monitor.pid')}</th>
              <th>{t('monitor.memory')}</th>
            </tr>
          </thead>
          <tbody>
            {[...processes]
              .sort((a, b) => (b.usedMemoryBytes ?? 0) - (a.usedMemoryBytes ?? 0))
              .map((p) => (
                <tr key={`${p.pid}-${p.gpuUuid ?? ''}`}>
                  <td>{p.name ?? '?'}</td>
                  <td className="mono">{p.pid}</td>
                  <td>{formatBytesGiB(p.usedMemoryBytes, i18n.language)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
