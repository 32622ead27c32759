/** A machine's problem in the window's language: worded by its kind (the core's message is English detail). */
import type { TFunction } from 'i18next';
import type { MachineSnapshot } from '../../../shared/contract/fleet';
import { wordMachineProblem } from '../../../shared/fleet/machine-problem';
import type { Translate } from '../../../shared/i18n/translate';

/** The sentence a card shows for its machine's problem, or null when it has none (the tray and settings share it). */
export function describeMachineProblem(machine: MachineSnapshot, t: TFunction, language: string): string | null {
  return wordMachineProblem(machine, t as unknown as Translate, language);
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
