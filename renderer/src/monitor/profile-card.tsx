/** The machine profile (CPU, RAM, GPUs, bandwidths) and the capacity table: what model sizes fit where. */
import { useTranslation } from 'react-i18next';
import { wordGpuUnavailable } from '../../../shared/hardware/gpu-unavailable';
import type { Translate } from '../../../shared/i18n/translate';
import { formatBytesGiB, formatNumber } from '../format/format-number';
import { useAppStore } from '../store/store-context';

/** The profile and capacity card. */
export function ProfileCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const capacity = useAppStore((s) => s.capacity);
  const error = useAppStore((s) => s.capacityError);
  if (!capacity) {
    return (
      <section className="card">
        <h2>{t('monitor.profile')}</h2>
        <p className="muted">
          {error === null ? t('monitor.capacityNoData') : t('monitor.capacityFailed', { detail: error })}
        </p>
      </section>
    );
  }
  const inv = capacity.inventory;
  // Why no GPU is listed: a known reason in the window's language, any other in the words it came with.
  const noGpu =
    inv.gpus.length > 0
      ? null
      : inv.gpuUnavailable
        ? wordGpuUnavailable(inv.gpuUnavailable, t as unknown as Translate)
        : inv.gpuUnavailableReason;
  const sizes = [...new Set(capacity.rows.map((r) => r.size))];
  const gbs = (bytesPerSecond: number | null | undefined) =>
    bytesPerSecond ? ` · ${formatNumber(bytesPerSecond / 1e9, lang)} GB/s` : '';
  const quants = [...new Set(capacity.rows.map((r) => r.quantization))];
  return (
    <section className="card" aria-labelledby="profile-title" data-testid="profile">
      <h2 id="profile-title">{t('monitor.profile')}</h2>
      <div className="grid grid-3" style={{ marginBottom: 12 }}>
        <div>
          <h3>{t('monitor.cpu')}</h3>
          <div>{inv.cpu.brand ?? '—'}</div>
          <div className="muted small">
            {t('monitor.cores', { physical: inv.cpu.physicalCores ?? '?', logical: inv.cpu.logicalCores ?? '?' })}
          </div>
        </div>
        <div>
          <h3>{t('monitor.ram')}</h3>
          <div>
            {formatBytesGiB(inv.memory.totalBytes, lang)} {inv.memory.type ?? ''}
          </div>
          <div className="muted small">
            {inv.memory.speedMTs ? `${inv.memory.speedMTs} MT/s` : ''}
            {gbs(capacity.ram.bandwidth)}
          </div>
        </div>
        {noGpu ? (
          <div data-testid="profile-no-gpu">
            <h3>{t('monitor.gpu')}</h3>
            <div className="muted small">{t('monitor.noGpu', { reason: noGpu })}</div>
          </div>
        ) : null}
        {inv.gpus.map((g) => (
          <div key={g.index}>
            <h3>
              {t('monitor.gpu')} {g.index}
            </h3>
            <div>{g.name}</div>
            <div className="muted small">
              {formatBytesGiB(g.memoryTotalBytes, lang)}
              {g.driverVersion ? ` · ${t('monitor.driver', { version: g.driverVersion })}` : ''}
              {capacity.gpu?.index === g.index ? gbs(capacity.gpu.bandwidth) : ''}
            </div>
          </div>
        ))}
      </div>
      <h3>{t('monitor.capacity')}</h3>
      <div style={{ overflowX: 'auto' }}>
        <table>
          <thead>
            <tr>
              <th>{t('monitor.capacityModel')}</th>
              {quants.map((q) => (
                <th key={q}>{q}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sizes.map((size) => (
              <tr key={size}>
                <td>{size}</td>
                {quants.map((q) => {
                  const row = capacity.rows.find((r) => r.size === size && r.quantization === q);
                  if (!row) return <td key={q}>—</td>;
                  return (
                    <td key={q} className={`fit-${row.fit}`} title={formatBytesGiB(row.memory.totalBytes, lang)}>
                      {t(`monitor.fit_${row.fit}`)}
                      {row.tokensPerSecond != null ? (
                        <span className="muted small"> · ~{formatNumber(row.tokensPerSecond, lang)} tok/s</span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
