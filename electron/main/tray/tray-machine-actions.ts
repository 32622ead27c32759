/**
 * The tray's actions on another machine: a preset switch or Unload all relayed through `fleet.call`
 * (the core holds the token and the pinned certificate), and how each ended, worded for a notification
 * that names the machine, as the local switch's notifications word theirs.
 */
import { contractMethods } from '../../../shared/contract';
import type { Translate } from '../../../shared/i18n/translate';
import { wordFit, type FitNotice } from '../../../shared/models/fit-notice';
import { wordSwitchNotice, type SwitchNotice } from '../../../shared/presets/switch-notice';
import type { CoreCall } from './tray-controller';
import { fill, type ShellStrings } from './tray-strings';

/** How a relayed action ended; `no-answer` when the relay itself failed (machine gone, token refused, …). */
export interface MachineOutcome {
  machine: string;
  /** The preset switched to; null for Unload all. */
  preset: { id: string; name: string } | null;
  result: 'ok' | 'refused' | 'failed' | 'cancelled' | 'no-answer';
  message: string | null;
  /** `message` as data, when the machine's Loadout sends it, for the notification to word in the tray's language. */
  notice?: SwitchNotice;
  fitNotice?: FitNotice;
  /** Model keys still generating that stopped it. */
  busy: string[];
}

/** The whole catalog and number locale in the tray's language. */
export interface OutcomeWords {
  t: Translate;
  language: string;
}

const switchResult = contractMethods['presets.apply'].output;
const unloadResult = contractMethods['models.unloadAll'].output;

/** Apply `preset` on `machine` and say how it ended. */
export async function applyOnMachine(
  call: CoreCall,
  machine: string,
  preset: { id: string; name: string },
): Promise<MachineOutcome> {
  const raw = await call('fleet.call', { machine, method: 'presets.apply', params: { id: preset.id } });
  const parsed = switchResult.safeParse(raw);
  if (!parsed.success) return { machine, preset, result: 'no-answer', message: null, busy: [] };
  const r = parsed.data;
  return {
    machine,
    preset,
    result: r.result,
    message: r.message,
    ...(r.notice ? { notice: r.notice } : {}),
    ...(r.fitNotice ? { fitNotice: r.fitNotice } : {}),
    busy: (r.busy ?? []).map((b) => b.modelKey),
  };
}

/** Unload every model on `machine` (pinned ones kept, as the local Unload all does) and say how it ended. */
export async function unloadAllOnMachine(call: CoreCall, machine: string): Promise<MachineOutcome> {
  const raw = await call('fleet.call', { machine, method: 'models.unloadAll', params: { failureAsResult: true } });
  const parsed = unloadResult.safeParse(raw);
  if (!parsed.success) return { machine, preset: null, result: 'no-answer', message: null, busy: [] };
  const r = parsed.data;
  const busy = (r.busy ?? []).map((b) => b.modelKey);
  return {
    machine,
    preset: null,
    result: r.result ?? (busy.length ? 'refused' : 'ok'),
    message: r.message ?? null,
    busy,
  };
}

/**
 * The notification for an outcome; null when there is nothing to say (an Unload all that went through).
 * `presetsOf` names the machine whose presets window a click opens: a switch there that did not happen
 * (refused, failed, unanswered), as the local busy notification opens the window on this machine.
 */
export function machineOutcomeNotice(
  o: MachineOutcome,
  s: ShellStrings,
  words?: OutcomeWords,
): { title: string; body: string; silent?: boolean; presetsOf?: string } | null {
  const names = { machine: o.machine, name: o.preset?.name ?? '' };
  const body = o.busy.length
    ? fill(s.machineBusyBody, { models: o.busy.join(', ') })
    : o.result === 'no-answer'
      ? fill(s.machineNoAnswer, names)
      : words && o.fitNotice
        ? wordFit(o.fitNotice, words.t, words.language, true)
        : words && o.notice
          ? wordSwitchNotice(o.notice, words.t)
          : (o.message ?? '');
  if (o.preset) {
    if (o.result === 'ok') return { title: fill(s.machineSwitchDone, names), body: '', silent: true };
    if (o.result === 'cancelled') return { title: fill(s.machineSwitchCancelled, names), body };
    return {
      title: fill(o.busy.length ? s.machineSwitchBusy : s.machineSwitchFailed, names),
      body,
      presetsOf: o.machine,
    };
  }
  if (o.result === 'ok') return null;
  return { title: fill(o.busy.length ? s.machineUnloadBusy : s.machineUnloadFailed, names), body };
}
