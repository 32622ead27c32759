/**
 * The notification for a tray action on another machine (a switch refused because models are generating
 * there, a failed or unanswered switch, an Unload all that did not go through). A click on one about a
 * switch opens the presets window with that machine picked (`#presets?machine=NAME`), as the local busy
 * notification opens it on this machine.
 */
import type { NotificationConstructorOptions } from 'electron';
import { machinePresetsHash } from '../../shared/fleet/presets-window-hash';
import type { ShellNotification } from './notifications';
import { machineOutcomeNotice, type MachineOutcome, type OutcomeWords } from './tray/tray-machine-actions';
import type { ShellStrings } from './tray/tray-strings';

export interface MachineNotifierDeps {
  createNotification(options: NotificationConstructorOptions): ShellNotification;
  strings(): ShellStrings;
  /** The catalog in the same language, to word the machine's reason sent as data. */
  words?(): OutcomeWords;
  openSettings(options: { hash: string }): void;
}

/** A notifier for the tray's outcomes on other machines. */
export function machineOutcomeNotifier(deps: MachineNotifierDeps): (outcome: MachineOutcome) => void {
  // Each opening is a new address, so an already open window hears it even for the same machine.
  let visit = 0;
  return (outcome) => {
    const notice = machineOutcomeNotice(outcome, deps.strings(), deps.words?.());
    if (!notice) return;
    const { presetsOf, ...options } = notice;
    const notification = deps.createNotification(options);
    if (presetsOf)
      notification.on('click', () => {
        visit += 1;
        deps.openSettings({ hash: machinePresetsHash(presetsOf, visit) });
      });
    notification.show();
  };
}
