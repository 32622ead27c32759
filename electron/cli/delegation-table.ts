/** `loadout energy --by client`: the delegation ledger as a table a person reads, in the energy table's style and language. */
import { formatMoney } from '../../shared/energy/currency';
import type { DelegationSummary, DelegationTotals } from '../../shared/delegation/delegation-record';
import type { UiLanguage } from '../../shared/i18n/languages';
import { translator } from '../../shared/i18n/translate';
import type { Settings } from '../../shared/settings/schema';

/** The summary as aligned columns with a total row, the cloud price it was counted at, or a hint when it is empty. */
export function renderDelegationTable(
  summary: DelegationSummary,
  cloudPrice: Settings['mcp']['cloudPrice'],
  language: UiLanguage,
): string {
  const t = translator(language);
  const int = (n: number) => n.toLocaleString(language, { maximumFractionDigits: 0, useGrouping: false });
  const wh = (n: number) => n.toLocaleString(language, { maximumFractionDigits: n >= 10 ? 0 : 2, useGrouping: false });
  const money = (n: number | null) => (n === null ? '—' : formatMoney(n, summary.currency, language));
  const cells = (label: string, r: DelegationTotals) => [
    label,
    int(r.tasks),
    int(r.answered),
    int(r.declined),
    int(r.promptTokens),
    int(r.completionTokens),
    wh(r.energyWh),
    money(r.costLocal),
    money(r.cloudCostAvoided),
    money(r.saved),
  ];
  const header = [
    t('energyTable.by_client'),
    t('energyTable.tasks'),
    t('energyTable.answered'),
    t('energyTable.declined'),
    t('energyTable.tokensIn'),
    t('energyTable.tokensOut'),
    t('energyTable.wh'),
    t('energyTable.localCost'),
    t('energyTable.cloudAvoided'),
    t('energyTable.saved'),
  ];
  const lines = summary.rows.map((r) => cells(r.key, r));
  const total = cells(t('energyTable.total'), summary.totals);
  const table = [header, ...lines, total];
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  const fmt = (row: string[]) =>
    row
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const title = t('energyTable.delegationsTitle', {
    from: summary.from.slice(0, 16).replace('T', ' '),
    to: summary.to.slice(0, 16).replace('T', ' '),
  });
  if (summary.rows.length === 0) return `${title}\n\n${t('energyTable.noDelegations')}\n`;
  const price = t('energyTable.cloudPrice', {
    input: formatMoney(cloudPrice.inputPerMTok, summary.currency, language),
    output: formatMoney(cloudPrice.outputPerMTok, summary.currency, language),
  });
  return `${[title, '', fmt(header), ...lines.map(fmt), fmt(total), '', price].join('\n')}\n`;
}
