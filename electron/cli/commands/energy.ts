/**
 * `loadout energy [--since 24h|7d|30d|today] [--by day|week|month|preset|model|client] [--json]`: the GPU's
 * kWh, cost and CO2e from the energy ledger, and how much of it was idle. `--json` prints the report
 * object (from, to, kWh, cost, co2Grams, method, gaps, rows) and the period's gaming sessions (`gaming`), which
 * the table lists under it as "Gaming: …" lines. `--by client` prints the delegation ledger
 * instead: the tasks MCP clients handed to the local models, their tokens, Wh and the cloud cost avoided.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatMoney, resolveCurrency } from '../../../shared/energy/currency';
import type { DelegationSummary } from '../../../shared/delegation/delegation-record';
import { sumTotals } from '../../core/delegation-ledger/delegation-ledger';
import { openDelegationLedger } from '../../core/delegation-ledger/open-delegation-ledger';
import { renderDelegationTable } from '../delegation-table';
import { readGamingSessions, renderGamingLines } from '../energy-gaming';
import { fromContractReport } from '../machine-energy-report';
import { formatCo2, formatEnergyNumber } from '../../../shared/energy/format-energy';
import {
  NO_MODEL_KEY,
  NO_PRESET_KEY,
  REPORT_GROUPINGS,
  type EnergyReport,
  type ReportGrouping,
} from '../../../shared/energy/energy-report';
import { resolveUiLanguage, type UiLanguage } from '../../../shared/i18n/languages';
import { translator, type Translate } from '../../../shared/i18n/translate';
import { parseSince } from '../../../shared/energy/report-period';
import { isCorruption } from '../../core/db/database-errors';
import { processLocales } from '../../core/process/os-locales';
import { DATABASE_FILE } from '../../core/db/open-database';
import { buildEnergyReport } from '../../core/energy/energy-reports';
import { openEnergyLedger } from '../../core/energy/energy-service';
import { resolveDataDir } from '../../core/paths';
import { SettingsStore } from '../../core/settings/settings-store';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { checkMachineFlags, MACHINE_OPTION, withMachineTarget } from '../attach/machine-target';
import { parseCommandArgs } from '../parse-args';
import { OUTPUT_OPTION, writeDocument } from '../write-output';

const GROUPINGS = [...REPORT_GROUPINGS, 'client'] as const;
const USAGE = `energy [--since 24h|7d|30d|today] [--by ${GROUPINGS.join('|')}] [--json] [--output FILE] [--machine NAME]`;
/** What the agent's energy.report takes: its ledger answers these windows and groupings only. */
const MACHINE_SINCE = ['24h', '7d', '30d'] as const;

/** The language of the table and its money: the UI language setting, else the terminal's locale (LC_ALL, LC_MESSAGES, LANG). */
export function cliLocale(language: 'auto' | UiLanguage, env: NodeJS.ProcessEnv): UiLanguage {
  return resolveUiLanguage(language, processLocales(env));
}

const pct = (n: number) => `${Math.round(n * 100)} %`;

/** The row's label in the table's language (the ledger's "no preset" and "no model" rows are markers, not names). */
function rowLabel(label: string, key: string, t: Translate): string {
  if (key === NO_PRESET_KEY) return t('energyTable.noPreset');
  if (key === NO_MODEL_KEY) return t('energyTable.noModel');
  return label;
}

/** The report as a table a person reads, in `language` (its words, numbers and money). */
export function renderEnergyTable(report: EnergyReport, by: ReportGrouping, language: UiLanguage): string {
  const t = translator(language);
  const num = (n: number, digits: number) =>
    n.toLocaleString(language, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
  const kwh = (n: number) => formatEnergyNumber(n, language, n >= 10 ? 2 : 3, false);
  const money = (n: number | null) => (n === null ? '—' : formatMoney(n, report.cost.currency, language));
  const header = [
    t(`energyTable.by_${by}`),
    t('energyTable.kwh'),
    t('energyTable.cost'),
    t('energyTable.idleShare'),
    t('energyTable.idleWaste'),
    t('energyTable.avgW'),
    t('energyTable.peakW'),
  ];
  const lines = report.rows.map((r) => [
    rowLabel(r.label, r.key, t),
    kwh(r.kWh),
    money(r.cost),
    pct(r.idleShare),
    kwh(r.idleWasteKWh),
    r.avgW === null ? '—' : num(r.avgW, 0),
    r.peakW === null ? '—' : num(r.peakW, 0),
  ]);
  const idleKWh = report.rows.reduce(
    (s, r) => s + (by === 'model' ? 0 : r.kWhByState.idleEmpty + r.kWhByState.loadedIdle),
    0,
  );
  const wasteKWh = report.rows.reduce((s, r) => s + (by === 'model' ? 0 : r.idleWasteKWh), 0);
  // The parts are rounded to the Wh, so on tiny totals their sum can pass the total: a share never exceeds 100 %.
  const total = [
    t('energyTable.total'),
    kwh(report.kWh),
    money(report.cost.amount),
    by === 'model' ? '' : pct(report.kWh > 0 ? Math.min(1, idleKWh / report.kWh) : 0),
    by === 'model' ? '' : kwh(wasteKWh),
    '',
    '',
  ];
  const table = [header, ...lines, total];
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  const fmt = (row: string[]) =>
    row
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const method = t(report.method === 'counter' ? 'energyTable.methodCounter' : 'energyTable.methodIntegration');
  const out = [
    t('energyTable.title', {
      from: report.from.slice(0, 16).replace('T', ' '),
      to: report.to.slice(0, 16).replace('T', ' '),
      method,
    }),
    '',
    fmt(header),
    ...lines.map(fmt),
    fmt(total),
  ];
  if (report.co2Grams !== null) out.push('', t('energyTable.co2', { value: formatCo2(report.co2Grams, language) }));
  if (report.gaps.length > 0)
    out.push(
      '',
      t('energyTable.gaps', {
        count: report.gaps.length,
        seconds: num(
          report.gaps.reduce((s, g) => s + g.seconds, 0),
          0,
        ),
      }),
    );
  if (report.cost.amount === null) out.push('', t('energyTable.noTariff'));
  return `${out.join('\n')}\n`;
}

export interface EnergyCommandDeps {
  now: () => number;
}

/** Build the `energy` command; tests inject the clock. */
export function createEnergyCommand(deps: Partial<EnergyCommandDeps> = {}): CliCommand {
  const now = deps.now ?? Date.now;
  return {
    name: 'energy',
    summary:
      'GPU energy from the ledger: kWh, cost, CO2e and idle waste per day, week, month, preset or model; --by client: tasks delegated over MCP.',
    usage: USAGE,
    async run(args, io) {
      const { values } = parseCommandArgs(
        args,
        {
          since: { type: 'string' },
          by: { type: 'string' },
          json: { type: 'boolean' },
          ...OUTPUT_OPTION,
          ...MACHINE_OPTION,
        },
        USAGE,
      );
      checkMachineFlags(values, USAGE);
      const toMs = now();
      const fromMs = parseSince(values.since ?? '24h', toMs);
      if (fromMs === null)
        throw new UsageError(
          `--since takes a duration like 24h, 7d or 30d, or "today" (got "${values.since}").`,
          USAGE,
        );
      const by = (values.by ?? 'day') as (typeof GROUPINGS)[number];
      if (!GROUPINGS.includes(by))
        throw new UsageError(`--by must be one of ${GROUPINGS.join(', ')} (got "${values.by}").`, USAGE);
      const dataDir = resolveDataDir(io.env);
      const note = (m: string) => io.stderr.write(`note: ${m}\n`);
      const settings = new SettingsStore({ dataDir, onRecovered: note }).get();
      const locale = cliLocale(settings.ui.language, io.env);
      if (values.machine !== undefined) {
        const since = values.since ?? '24h';
        if (by === 'client' || !(MACHINE_SINCE as readonly string[]).includes(since))
          throw new UsageError(
            `with --machine, --since takes ${MACHINE_SINCE.join(', ')} and --by ${REPORT_GROUPINGS.join(', ')} (the agent's own ledger answers those).`,
            USAGE,
          );
        const currency = resolveCurrency(settings.energy.currency, locale);
        return machineEnergy(
          io,
          values.machine,
          { since: since as (typeof MACHINE_SINCE)[number], by },
          locale,
          currency,
          values,
        );
      }
      // A report never creates the database: with no ledger yet, it is an empty report and a hint.
      const exists = fs.existsSync(path.join(dataDir, DATABASE_FILE));
      if (by === 'client') {
        const summary = readDelegations(
          dataDir,
          exists,
          { since: fromMs, until: toMs, currency: resolveCurrency(settings.energy.currency, locale) },
          note,
        );
        return writeDocument(
          io,
          'energy',
          values.json
            ? `${JSON.stringify(summary)}\n`
            : renderDelegationTable(summary, settings.mcp.cloudPrice, locale),
          values.output,
        )
          ? 0
          : 1;
      }
      const handle = exists ? openEnergyLedger(dataDir, note) : null;
      let report: EnergyReport;
      try {
        report = buildEnergyReport(handle?.ledger ?? null, { fromMs, toMs, by, settings, locale });
      } catch (error) {
        if (!isCorruption(error)) throw error;
        handle?.opened.close();
        io.stderr.write(`loadout energy: ${damagedLedger(dataDir, error)}\n`);
        return 1;
      } finally {
        handle?.opened.close();
      }
      if (!exists) note(translator(locale)('energyTable.noLedger'));
      const gaming = readGamingSessions(dataDir, exists, { fromMs, toMs }, note);
      return writeDocument(
        io,
        'energy',
        values.json
          ? `${JSON.stringify({ ...report, gaming })}\n`
          : renderEnergyTable(report, by, locale) + renderGamingLines(gaming, locale),
        values.output,
      )
        ? 0
        : 1;
    },
  };
}

export const energyCommand = createEnergyCommand();

/** `energy --machine NAME`: the agent's own ledger (energy.report), in the same table or JSON as here. */
function machineEnergy(
  io: CliIo,
  name: string,
  query: { since: (typeof MACHINE_SINCE)[number]; by: ReportGrouping },
  locale: UiLanguage,
  currency: string,
  values: { json?: boolean; output?: string },
): Promise<number> {
  return withMachineTarget(io, name, 'energy', async ({ client }) => {
    const answer = await client.call('energy.report', query);
    if (!answer.ok) {
      io.stderr.write(`loadout energy: ${answer.error.message}\n`);
      return 1;
    }
    const report = fromContractReport(answer.result, currency);
    // The agent's energy.report does not carry its gaming sessions: null says "not known", never "none".
    const text = values.json
      ? `${JSON.stringify({ ...report, gaming: null })}\n`
      : renderEnergyTable(report, query.by, locale);
    return writeDocument(io, 'energy', text, values.output) ? 0 : 1;
  });
}

/** The delegations per client in the window; empty (and no database created) before the first one. */
function readDelegations(
  dataDir: string,
  exists: boolean,
  query: { since: number; until: number; currency: string },
  note: (m: string) => void,
): DelegationSummary {
  if (!exists)
    return {
      from: new Date(query.since).toISOString(),
      to: new Date(query.until).toISOString(),
      by: 'client',
      currency: query.currency,
      totals: sumTotals([]),
      rows: [],
    };
  const { opened, ledger } = openDelegationLedger(dataDir, { currency: () => query.currency, onMessage: note });
  try {
    return ledger.delegationSummary({ ...query, by: 'client' });
  } finally {
    opened.close();
  }
}

/**
 * A query found a damaged page (the cheap check at open reads only the header): do what the monitor does
 * on a damaged write, a full check that moves the file aside, and say so instead of printing a report.
 */
function damagedLedger(dataDir: string, error: unknown): string {
  const what = `The energy ledger is damaged (${error instanceof Error ? error.message : String(error)}), so no report can be made from it.`;
  try {
    const { opened } = openEnergyLedger(dataDir, undefined, 'quick');
    const moved = opened.recoveryMessage;
    opened.close();
    return moved
      ? `${what} ${moved} The tray app, \`loadout monitor\` and \`loadout serve\` record into the fresh one from now on.`
      : `${what} A full check then passed; run the command again, and if this repeats, copy ${path.join(dataDir, DATABASE_FILE)} aside and recover it with \`sqlite3 loadout.db .recover\`.`;
  } catch (reopenError) {
    return `${what} It could not be moved aside either (${reopenError instanceof Error ? reopenError.message : String(reopenError)}); close every Loadout, move ${path.join(dataDir, DATABASE_FILE)} aside by hand, and recover it with \`sqlite3 loadout.db .recover\`.`;
  }
}
