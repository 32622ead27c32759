/**
 * `loadout energy [--since 24h|7d|30d|today] [--by day|week|month|preset|model] [--json]`: the GPU's
 * kWh, cost and CO2e from the energy ledger, and how much of it was idle. `--json` prints the report
 * object (from, to, kWh, cost, co2Grams, method, gaps, rows).
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatMoney } from '../../../../shared/energy/currency';
import { REPORT_GROUPINGS, type EnergyReport, type ReportGrouping } from '../../../../shared/energy/energy-report';
import { parseSince } from '../../../../shared/energy/report-period';
import { isCorruption } from '../../db/database-errors';
import { DATABASE_FILE } from '../../db/open-database';
import { buildEnergyReport } from '../../energy/energy-reports';
import { openEnergyLedger } from '../../energy/energy-service';
import { resolveDataDir } from '../../paths';
import { SettingsStore } from '../../settings/settings-store';
import { type CliCommand, UsageError } from '../command';
import { parseCommandArgs } from '../parse-args';

const USAGE = `energy [--since 24h|7d|30d|today] [--by ${REPORT_GROUPINGS.join('|')}] [--json]`;

/** The user's locale for money: the UI language setting, else LC_ALL / LC_MESSAGES / LANG ("pt_BR.UTF-8" → "pt-BR"). */
export function cliLocale(language: string, env: NodeJS.ProcessEnv): string | null {
  if (language !== 'auto') return language;
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  if (!raw || raw === 'C' || raw === 'POSIX') return null;
  return raw.split('.')[0]!.replace('_', '-');
}

const kwh = (n: number) => n.toFixed(n >= 10 ? 2 : 3);
const pct = (n: number) => `${Math.round(n * 100)} %`;

/** The report as a table a person reads. */
export function renderEnergyTable(report: EnergyReport, by: ReportGrouping, locale: string | null): string {
  const money = (n: number | null) => (n === null ? '—' : formatMoney(n, report.cost.currency, locale));
  const header = [by, 'kWh', 'cost', 'idle share', 'idle waste kWh', 'avg W', 'peak W'];
  const lines = report.rows.map((r) => [r.label, kwh(r.kWh), money(r.cost), pct(r.idleShare), kwh(r.idleWasteKWh), r.avgW === null ? '—' : r.avgW.toFixed(0), r.peakW === null ? '—' : r.peakW.toFixed(0)]);
  const idleKWh = report.rows.reduce((s, r) => s + (by === 'model' ? 0 : r.kWhByState.idleEmpty + r.kWhByState.loadedIdle), 0);
  const wasteKWh = report.rows.reduce((s, r) => s + (by === 'model' ? 0 : r.idleWasteKWh), 0);
  // The parts are rounded to the Wh, so on tiny totals their sum can pass the total: a share never exceeds 100 %.
  const total = ['total', kwh(report.kWh), money(report.cost.amount), by === 'model' ? '' : pct(report.kWh > 0 ? Math.min(1, idleKWh / report.kWh) : 0), by === 'model' ? '' : kwh(wasteKWh), '', ''];
  const table = [header, ...lines, total];
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  const fmt = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [
    `GPU energy ${report.from.slice(0, 16).replace('T', ' ')} → ${report.to.slice(0, 16).replace('T', ' ')} UTC (${report.method === 'counter' ? 'hardware energy counter' : 'integrated from power.draw'})`,
    '',
    fmt(header),
    ...lines.map(fmt),
    fmt(total),
  ];
  if (report.co2Grams !== null) out.push('', `CO2e: ${report.co2Grams >= 1000 ? `${(report.co2Grams / 1000).toFixed(2)} kg` : `${report.co2Grams.toFixed(0)} g`}`);
  if (report.gaps.length > 0) out.push('', `${report.gaps.length} gap(s) without readings (${report.gaps.reduce((s, g) => s + g.seconds, 0).toFixed(0)} s in all) are not counted; --json lists them.`);
  if (report.cost.amount === null) out.push('', 'No price per kWh set: `loadout config set energy.tariff 0.89` (in your currency; energy.currency sets it, e.g. BRL).');
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
    summary: 'GPU energy from the ledger: kWh, cost, CO2e and idle waste per day, week, month, preset or model.',
    usage: USAGE,
    async run(args, io) {
      const { values } = parseCommandArgs(args, { since: { type: 'string' }, by: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
      const toMs = now();
      const fromMs = parseSince(values.since ?? '24h', toMs);
      if (fromMs === null) throw new UsageError(`--since takes a duration like 24h, 7d or 30d, or "today" (got "${values.since}").`, USAGE);
      const by = (values.by ?? 'day') as ReportGrouping;
      if (!REPORT_GROUPINGS.includes(by)) throw new UsageError(`--by must be one of ${REPORT_GROUPINGS.join(', ')} (got "${values.by}").`, USAGE);
      const dataDir = resolveDataDir(io.env);
      const note = (m: string) => io.stderr.write(`note: ${m}\n`);
      const settings = new SettingsStore({ dataDir, onRecovered: note }).get();
      const locale = cliLocale(settings.ui.language, io.env);
      // A report never creates the database: with no ledger yet, it is an empty report and a hint.
      const exists = fs.existsSync(path.join(dataDir, DATABASE_FILE));
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
      if (!exists) note('no energy recorded yet: the tray app, `loadout monitor` and `loadout serve` record it while they run.');
      io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : renderEnergyTable(report, by, locale));
      return 0;
    },
  };
}

export const energyCommand = createEnergyCommand();

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
    return moved ? `${what} ${moved} The tray app, \`loadout monitor\` and \`loadout serve\` record into the fresh one from now on.`
      : `${what} A full check then passed; run the command again, and if this repeats, copy ${path.join(dataDir, DATABASE_FILE)} aside and recover it with \`sqlite3 loadout.db .recover\`.`;
  } catch (reopenError) {
    return `${what} It could not be moved aside either (${reopenError instanceof Error ? reopenError.message : String(reopenError)}); close every Loadout, move ${path.join(dataDir, DATABASE_FILE)} aside by hand, and recover it with \`sqlite3 loadout.db .recover\`.`;
  }
}
