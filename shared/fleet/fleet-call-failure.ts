/**
 * A `fleet.*` call from the settings window that failed outright (checking, adding, changing or removing
 * a machine, or another machine's presets read or applied through it), as data, and its words: the window
 * words it from the `fleetCallFailure` catalog namespace in its own language. When the core coded why
 * (`problem.kind`, one of a machine's problems: offline, refused token, changed certificate...), that
 * reason is worded from the `fleetMonitor` catalog; otherwise the error's own message is kept as the detail.
 */
import type { Translate } from '../i18n/translate';

/** Which call failed, on which machine (for another machine's presets), and the error as the API sent it. */
export interface FleetCallFailure {
  call: 'inspect' | 'add' | 'update' | 'remove' | 'remote-list' | 'remote-apply';
  machine?: string;
  error: { message: string; problem?: { kind: string } };
}

const KEYS: Record<FleetCallFailure['call'], string> = {
  inspect: 'fleetCallFailure.inspect',
  add: 'fleetCallFailure.add',
  update: 'fleetCallFailure.update',
  remove: 'fleetCallFailure.remove',
  'remote-list': 'fleetCallFailure.remoteList',
  'remote-apply': 'fleetCallFailure.remoteApply',
};

/** The machine problems the core codes on a failed call (electron/core/fleet AgentProblemKind), each worded. */
const CODED = new Set(['offline', 'refused', 'fingerprint', 'version', 'no-token', 'no-pin']);

/** The failure in the language of `t`: what did not happen, then the coded reason or the error's own words. */
export function wordFleetCallFailure(failure: FleetCallFailure, t: Translate): string {
  const kind = failure.error.problem?.kind;
  const reason =
    kind && CODED.has(kind)
      ? t(`fleetMonitor.problem_${kind}`)
      : t('fleetCallFailure.detail', { detail: failure.error.message });
  return t(KEYS[failure.call], { reason, machine: failure.machine ?? '' });
}
