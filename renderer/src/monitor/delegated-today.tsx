/** The energy panel's "Delegated today" block: tasks MCP clients handed to the local models, their tokens, Wh and what they saved. */
import { useTranslation } from 'react-i18next';
import { formatTokenCount } from '../../../shared/delegation/format-delegation';
import { formatWh } from '../../../shared/energy/format-energy';
import { useMoney } from '../format/use-money';
import { useAppStore } from '../store/store-context';

/** The block; nothing while the core has not answered (an older serve without the ledger). */
export function DelegatedToday() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const delegated = useAppStore((s) => s.delegatedToday);
  if (!delegated) return null;
  const d = delegated.totals;
  const price = (amount: number | null) => (amount === null ? '—' : money({ amount, currency: delegated.currency }));
  return (
    <div data-testid="delegated-today" style={{ marginTop: 12 }}>
      <h3>{t('energy.delegatedTitle')}</h3>
      {d.tasks === 0 ? (
        <p className="muted small">{t('energy.delegatedNone')}</p>
      ) : (
        <div className="stats">
          <div className="stat" data-testid="delegated-tasks">
            <div className="label">{t('energy.delegatedTasks')}</div>
            <div className="value">{d.tasks.toLocaleString(i18n.language)}</div>
            <div className="sub">
              {t('energy.delegatedAnsweredDeclined', { answered: d.answered, declined: d.declined })}
            </div>
          </div>
          <div className="stat" data-testid="delegated-tokens">
            <div className="label">{t('energy.delegatedTokens')}</div>
            <div className="value">{formatTokenCount(d.promptTokens + d.completionTokens, i18n.language)}</div>
            <div className="sub">
              {t('energy.delegatedTokensSplit', {
                input: formatTokenCount(d.promptTokens, i18n.language),
                output: formatTokenCount(d.completionTokens, i18n.language),
              })}
            </div>
          </div>
          <div className="stat" data-testid="delegated-energy">
            <div className="label">{t('energy.delegatedEnergy')}</div>
            <div className="value">{formatWh(d.energyWh, i18n.language)}</div>
            <div className="sub">{t('energy.delegatedLocalCost', { money: price(d.costLocal) })}</div>
          </div>
          <div className="stat" data-testid="delegated-saved">
            <div className="label">{t('energy.delegatedSaved')}</div>
            <div className="value">{d.saved === null ? '—' : `≈ ${price(d.saved)}`}</div>
            <div className="sub">{t('energy.delegatedCloudAvoided', { money: price(d.cloudCostAvoided) })}</div>
          </div>
        </div>
      )}
    </div>
  );
}
