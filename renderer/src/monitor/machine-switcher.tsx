/** The monitor's machine switcher: this machine, each machine of the desk, or all of them at once. */
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store-context';
import { targetToValue, valueToTarget, type MonitorTarget } from './monitor-target';

/** A labelled <select>; shown only when the desk has other machines. */
export function MachineSwitcher({
  target,
  onChange,
}: {
  target: MonitorTarget;
  onChange: (target: MonitorTarget) => void;
}) {
  const { t } = useTranslation();
  const fleet = useAppStore((s) => s.fleet);
  if (!fleet || fleet.machines.length === 0) return null;
  return (
    <label className="row small" style={{ gap: 6 }}>
      <span className="muted">{t('fleetMonitor.machine')}</span>
      <select
        data-testid="machine-switcher"
        value={targetToValue(target)}
        onChange={(e) => onChange(valueToTarget(e.target.value))}
      >
        <option value="local">{t('fleetMonitor.thisMachine', { name: fleet.local.name })}</option>
        {fleet.machines.map((m) => (
          <option key={m.name} value={targetToValue({ kind: 'machine', name: m.name })}>
            {m.online ? m.name : `${m.name} (${t('fleetMonitor.offline')})`}
          </option>
        ))}
        <option value="all">{t('fleetMonitor.allMachines')}</option>
      </select>
    </label>
  );
}
