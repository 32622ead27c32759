/** Energy: today / week / month kWh and cost, the split by state and by preset, and today's idle waste. */
import { useTranslation } from 'react-i18next';
import type { EnergyReport, EnergyReportRow, EnergyTotals } from '../../../shared/contract/energy';
import { formatEnergyNumber, formatKWh } from '../../../shared/energy/format-energy';
import { NO_PRESET_KEY } from '../../../shared/energy/energy-report';
import { useMoney } from '../format/use-money';
import { DelegatedToday } from './delegated-today';
import { DeskEnergy } from './desk-energy';
import { presetDisplayName } from '../settings/preset-display-name';
import { useAppStore } from '../store/store-context';

const STATE_KEYS = new Set(['idleEmpty', 'loadedIdle', 'inferring']);

function Totals({ label, totals, testId }: { label: string; totals: EnergyTotals | undefined; testId: string }) {
  const { i18n } = useTranslation();
  const money = useMoney();
  return (
    <div className="stat" data-testid={testId}>
      <div className="label">{label}</div>
      <div className="value">
        {totals ? formatEnergyNumber(totals.kWh, i18n.language, 2) : '—'} <span className="small muted">kWh</span>
      </div>
      <div className="sub">{totals?.cost ? money(totals.cost) : '—'}</div>
    </div>
  );
}

function Split({
  title,
  report,
  labelFor,
}: {
  title: string;
  report: EnergyReport | null;
  labelFor: (row: EnergyReportRow) => string;
}) {
  const { i18n } = useTranslation();
  const rows = report?.rows ?? [];
  const max = Math.max(0.0001, ...rows.map((r) => r.kWh));
  return (
    <div>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted small">—</p>
      ) : (
        <div className="bars">
          {rows.map((r) => (
            <div className="bar-row" key={r.key}>
              <span title={r.key}>{labelFor(r)}</span>
              <div className="bar" aria-hidden="true">
                <div style={{ width: `${(r.kWh / max) * 100}%` }} />
              </div>
              <span className="num small">{formatKWh(r.kWh, i18n.language, 3)}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** The energy panel. */
export function EnergyPanel() {
  const { t } = useTranslation();
  const summary = useAppStore((s) => s.energySummary);
  const byState = useAppStore((s) => s.energyByState);
  const byPreset = useAppStore((s) => s.energyByPreset);
  const error = useAppStore((s) => s.energyError);
  const stateLabel = (row: EnergyReportRow) =>
    STATE_KEYS.has(row.key) ? t(`energy.state_${row.key}` as 'energy.state_inferring') : row.label;
  const presets = useAppStore((s) => s.presetList?.presets);
  // The ledger keeps a preset's id; a built-in reads in the UI language, like everywhere else.
  const presetLabel = (row: EnergyReportRow) => {
    if (row.key === NO_PRESET_KEY) return t('energyTable.noPreset');
    const preset = presets?.find((p) => p.id === row.key);
    return preset ? presetDisplayName(preset, t) : row.label;
  };
  return (
    <section className="card" aria-labelledby="energy-title" data-testid="energy-panel">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="energy-title">{t('energy.title')}</h2>
        {summary?.method === 'power-integration' ? <span className="pill">{t('energy.estimate')}</span> : null}
      </div>
      {error ? (
        <div className="banner banner-warn">{t('energy.unavailable', { reason: error })}</div>
      ) : (
        <>
          <div className="stats">
            <Totals testId="energy-today" label={t('energy.today')} totals={summary?.today} />
            <Totals testId="energy-week" label={t('energy.week')} totals={summary?.week} />
            <Totals testId="energy-month" label={t('energy.month')} totals={summary?.month} />
            <div title={t('energy.idleWasteHint')}>
              <Totals testId="energy-idle" label={t('energy.idleWaste')} totals={summary?.idleWasteToday} />
            </div>
          </div>
          {summary && !summary.today.cost ? (
            <p className="muted small" style={{ marginTop: 8 }}>
              {t('energy.noTariff')}
            </p>
          ) : null}
          <DeskEnergy />
          <DelegatedToday />
          <div className="grid grid-2" style={{ marginTop: 12 }}>
            <Split title={t('energy.byState')} report={byState} labelFor={stateLabel} />
            <Split title={t('energy.byPreset')} report={byPreset} labelFor={presetLabel} />
          </div>
        </>
      )}
    </section>
  );
}
