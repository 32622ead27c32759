/**
 * Why another machine cannot be used now, in a person's language: the core sends the problem's kind
 * (contract `MachineSnapshot.problem`) and the machines table, the monitor's machine cards and the tray's
 * machine submenu all word it here from the `fleetMonitor` catalog, so each language has one text. The
 * core's English `message` stays the CLI's detail (names, URL, HTTP status, the command to run).
 */
import type { Translate } from '../i18n/translate';

/** The part of a contract MachineSnapshot this words (typed here: shared/contract imports shared/fleet). */
export interface MachineProblemView {
  problem: { kind: string; message?: string } | null;
  clockSkewMs: number | null;
}

/** How far off a clock is, in minutes or seconds ("5 min", "40 s"), with the language's digits. */
function formatSkew(ms: number, language: string): string {
  const abs = Math.abs(ms);
  const whole = (n: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(n);
  return abs >= 60_000 ? `${whole(abs / 60_000)} min` : `${whole(abs / 1000)} s`;
}

/** The sentence for a machine's problem in the language of `t` (`language` formats the clock skew), or null. */
export function wordMachineProblem(machine: MachineProblemView, t: Translate, language: string): string | null {
  const problem = machine.problem;
  if (!problem) return null;
  if (problem.kind === 'clock' && machine.clockSkewMs != null)
    return t(machine.clockSkewMs >= 0 ? 'fleetMonitor.clockAhead' : 'fleetMonitor.clockBehind', {
      skew: formatSkew(machine.clockSkewMs, language),
    });
  return t(`fleetMonitor.problem_${problem.kind}`);
}
