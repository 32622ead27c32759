/** A machine's problem in the window's language: worded by its kind (the core's message is English detail). */
import type { TFunction } from 'i18next';
import type { MachineSnapshot } from '../../../shared/contract/fleet';
import { formatNumber } from '../format/format-number';

/** How far off a clock is, in minutes or seconds ("5 min", "40 s"). */
function formatSkew(ms: number, language: string): string {
  const abs = Math.abs(ms);
  return abs >= 60_000
    ? `${formatNumber(abs / 60_000, language, 0)} min`
    : `${formatNumber(abs / 1000, language, 0)} s`;
}

/** The sentence a card shows for its machine's problem, or null when it has none. */
export function describeMachineProblem(machine: MachineSnapshot, t: TFunction, language: string): string | null {
  const problem = machine.problem;
  if (!problem) return null;
  if (problem.kind === 'clock' && machine.clockSkewMs != null)
    return t(machine.clockSkewMs >= 0 ? 'fleetMonitor.clockAhead' : 'fleetMonitor.clockBehind', {
      skew: formatSkew(machine.clockSkewMs, language),
    });
  return t(`fleetMonitor.problem_${problem.kind}` as 'fleetMonitor.problem_offline');
}

/** The things a card says it cannot see, each in the window's language (an unknown word stays as the core sent it). */
export function describeUnseen(machine: MachineSnapshot, t: TFunction): string | null {
  if (machine.unseen.length === 0) return null;
  const list = machine.unseen
    .map((u) => t(`fleetMonitor.unseen_${u}` as 'fleetMonitor.unseen_GPU', { defaultValue: u }))
    .join(', ');
  return machine.kind === 'lmstudio-only'
    ? t('fleetMonitor.unseenLmStudioOnly', { list })
    : t('fleetMonitor.unseenAgent', { list });
}
