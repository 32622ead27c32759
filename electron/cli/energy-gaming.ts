/**
 * The gaming sessions of an energy report's period (issue 19: "every switch is a line in the ledger"):
 * read from loadout.db's gaming ledger, printed as "Gaming: …" lines under the table and carried in
 * `--json` as `gaming`.
 */
import { formatKWh } from '../../shared/energy/format-energy';
import { formatGamingLine, GAMING_LINE_EN, GAMING_LINE_PT_BR } from '../../shared/gaming/gaming-line';
import type { UiLanguage } from '../../shared/i18n/languages';
import { openGamingLedger, type LedgerGamingSession } from '../core/gaming/gaming-ledger';

/** The sessions overlapping [fromMs, toMs], newest first; none (and no database created) when loadout.db is absent. */
export function readGamingSessions(
  dataDir: string,
  exists: boolean,
  period: { fromMs: number; toMs: number },
  note: (message: string) => void,
): LedgerGamingSession[] {
  if (!exists) return [];
  const { opened, ledger } = openGamingLedger(dataDir, note);
  try {
    return ledger.between(period.fromMs, period.toMs);
  } finally {
    opened.close();
  }
}

/** "Gaming: Cyberpunk 2077, 1 h 42 min, models restored · 0.41 kWh", one line each, in the table's language. */
export function renderGamingLines(sessions: readonly LedgerGamingSession[], language: UiLanguage): string {
  if (sessions.length === 0) return '';
  const words = language === 'pt-BR' ? GAMING_LINE_PT_BR : GAMING_LINE_EN;
  const lines = sessions.map((s) => {
    const line = formatGamingLine(s, words);
    return s.energyWh === null ? line : `${line} · ${formatKWh(s.energyWh / 1000, language)}`;
  });
  return `\n${lines.join('\n')}\n`;
}
