/** Energy today per machine of the desk (each from its own ledger) and the desk total, in the energy panel. */
import { useTranslation } from 'react-i18next';
import type { Money } from '../../../shared/contract/common';
import { formatMoney } from '../../../shared/energy/currency';
import { sumDeskEnergy, type DeskEnergyRow } from '../../../shared/energy/desk-energy';
import { formatKWh } from '../../../shared/energy/format-energy';
import { useMoney } from '../format/use-money';
import { useAppStore } from '../store/store-context';
import './fleet-monitor.css';

/** The table; nothing when the desk has no other machine. */
export function DeskEnergy() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = useMoney();
  const fleet = useAppStore((s) => s.fleet);
  const localToday = useAppStore((s) => s.energySummary?.today ?? null);
  if (!fleet || fleet.machines.length === 0) return null;
  const rows: DeskEnergyRow[] = [
    { name: fleet.local.name, today: localToday },
    ...fleet.machines.map((m) => ({ name: m.name, today: m.energyToday })),
  ];
  const total = sumDeskEnergy(rows);
  // This machine's currency follows the window (see useMoney); another currency keeps its own symbol.
  const localCurrency = localToday?.cost?.currency ?? null;
  const price = (m: Money) => (m.currency === localCurrency ? money(m) : formatMoney(m.amount, m.currency, lang));
  return (
    <div data-testid="desk-energy">
      <h3>{t('fleetMonitor.deskTitle')}</h3>
      <table className="desk-energy">
        <thead>
          <tr>
            <th scope="col">{t('fleetMonitor.deskMachine')}</th>
            <th scope="col">{t('fleetMonitor.deskEnergy')}</th>
            <th scope="col">{t('fleetMonitor.deskCost')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.name} data-testid={`desk-energy-${row.name}`}>
              <th scope="row">
                {row.name}
                {i === 0 ? <span className="muted small"> ({t('fleetMonitor.thisMachineBadge')})</span> : null}
              </th>
              {row.today ? (
                <>
                  <td className="num">{formatKWh(row.today.kWh, lang, 2)}</td>
                  <td className="num">{row.today.cost ? price(row.today.cost) : '—'}</td>
                </>
              ) : (
                <td colSpan={2} className="muted">
                  {t('fleetMonitor.energyUnknown')}
                </td>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="desk-energy-total">
            <th scope="row">{t('fleetMonitor.deskTotal')}</th>
            <td className="num">{formatKWh(total.kWh, lang, 2)}</td>
            <td className="num">
              {total.cost ? price(total.cost) : total.costMixed ? t('fleetMonitor.costMixed') : '—'}
            </td>
          </tr>
        </tfoot>
      </table>
      {total.unknown.length > 0 ? (
        <p className="muted small" data-testid="desk-energy-partial">
          {t('fleetMonitor.deskTotalWithout', { names: total.unknown.join(', ') })}
        </p>
      ) : null}
    </div>
  );
}
