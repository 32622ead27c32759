/**
 * `loadout apply ID` through the running Loadout, or another machine's agent (`--machine`): `presets.apply`
 * over its app API, progress from its `presets.progress` events, printed exactly as the in-process path
 * prints them (same words, JSON and exit codes).
 */
import type { ContractClient, PresetProgress, PresetSwitchResult } from '../../../shared/contract';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { translator } from '../../../shared/i18n/translate';
import { wordFit } from '../../../shared/models/fit-notice';
import type { CliIo } from '../command';
import { cliLocale } from '../commands/energy';
import { printProgress } from '../preset-outcome-output';

export interface ApplyThroughOptions {
  id: string;
  json?: boolean;
  force?: boolean;
  /** The other machine this switch runs on (`--machine`): a drop mid-switch is then told apart from a failure. */
  machine?: string;
  /** The UI language setting to word the fit in, when it is not the attached core's (another machine's). */
  uiLanguage?: 'auto' | UiLanguage;
}

/** Switch the running Loadout to preset `id`; resolves to the exit code. */
export async function applyThrough(
  attached: { client: ContractClient },
  io: CliIo,
  { id, json, force, machine, uiLanguage }: ApplyThroughOptions,
): Promise<number> {
  const { client } = attached;
  const fail = (message: string) => {
    if (json) io.stdout.write(`${JSON.stringify({ preset: id, plan: [], result: 'failed', message })}\n`);
    io.stderr.write(`loadout apply: ${message}\n`);
    return 1;
  };
  const list = await client.call('presets.list', undefined);
  if (!list.ok) return fail(list.error.message);
  const known = list.result.presets.map((p) => p.id);
  if (!known.includes(id)) return fail(`No preset "${id}". Known presets: ${known.join(', ')}.`);
  if (!json) io.stdout.write(`Switching to "${id}"…\n`);
  const print = printProgress(io, json);
  const started: PresetProgress[] = [];
  const off = client.on('presets.progress', (p) => {
    if (p.presetId !== id) return;
    if (p.phase === 'loading' || p.phase === 'unloading') started.push(p);
    print(p);
  });
  // Ctrl+C here cancels the switch there, as it does in-process.
  const cancel = () => void client.call('presets.cancel', undefined);
  io.signal.addEventListener('abort', cancel, { once: true });
  let answer: Awaited<ReturnType<typeof client.call<'presets.apply'>>>;
  try {
    answer = await client.call('presets.apply', { id, force });
  } finally {
    off();
    io.signal.removeEventListener('abort', cancel);
  }
  if (!answer.ok) {
    // The agent going away mid-call looks like any failure: ask it again to tell which.
    if (machine && !(await client.call('app.info', undefined)).ok)
      return fail(droppedMidSwitch(machine, id, started, answer.error.message));
    return fail(answer.error.message);
  }
  const outcome = answer.result;
  const result = outcome.result === 'cancelled' ? 'failed' : outcome.result;
  const message = outcome.busy?.length
    ? `${outcome.message ?? 'A model is still generating.'} Pass --force to unload anyway.`
    : outcome.message;
  const settings = uiLanguage ? null : await client.call('settings.get', undefined);
  const language = cliLocale(uiLanguage ?? (settings?.ok ? settings.result.ui.language : 'auto'), io.env);
  const fitWords =
    outcome.result === 'refused' && outcome.fitNotice
      ? wordFit(outcome.fitNotice, translator(language), language, true)
      : null;
  if (json) {
    io.stdout.write(`${JSON.stringify({ preset: id, plan: await jsonPlan(attached, outcome), result, message })}\n`);
  } else if (outcome.result === 'ok') {
    const c = { keep: 0, unload: 0, load: 0 };
    for (const s of outcome.plan) c[s.action]++;
    io.stdout.write(`"${id}" is active: kept ${c.keep}, unloaded ${c.unload}, loaded ${c.load}.\n`);
    if (outcome.message) io.stdout.write(`note: ${outcome.message}\n`);
  }
  if (result !== 'ok') {
    const why = fitWords !== null && !json ? fitWords : message;
    io.stderr.write(
      `loadout apply: ${outcome.result === 'cancelled' ? 'cancelled. ' : ''}${why ?? 'the switch did not complete'}\n`,
    );
    return 1;
  }
  return 0;
}

/**
 * What to say when the machine stopped answering during the switch: the steps known to have finished
 * (each step's progress is sent when it starts, so every step before the last one started is done), that
 * the end is unknown, and how to see and repair it.
 */
export function droppedMidSwitch(machine: string, id: string, started: PresetProgress[], error: string): string {
  const word = (p: PresetProgress) => `${p.phase === 'loading' ? 'load' : 'unload'} ${p.key ?? '?'}`;
  const last = started.at(-1);
  const done = started.slice(0, -1).map(word);
  const known = last
    ? `Done before the drop: ${done.length ? done.join(', ') : 'no step'}; under way: step ${last.step}/${last.total}, ${word(last)}.`
    : 'No step had started.';
  return `"${machine}" stopped answering during the switch to "${id}" (${error.replace(/\.$/, '')}). ${known} Whether the switch finished there is unknown. See what it holds with \`loadout models --machine ${machine}\`, then apply again: \`loadout apply ${id} --machine ${machine}\`.`;
}

/**
 * The plan as `--json` prints it. The switch result names no instance for a load, so each load takes
 * the instance of its model that is loaded now and was not there before (not kept).
 */
async function jsonPlan(
  attached: { client: ContractClient },
  outcome: PresetSwitchResult,
): Promise<{ action: string; key: string; instanceId: string | null }[]> {
  const steps = outcome.plan.map((s) => ({ action: s.action, key: s.key, instanceId: s.instanceId }));
  if (outcome.result !== 'ok' || !steps.some((s) => s.action === 'load')) return steps;
  const models = await attached.client.call('models.list', undefined);
  if (!models.ok) return steps;
  const before = new Set(steps.filter((s) => s.action === 'keep').map((s) => s.instanceId));
  const fresh = models.result.loaded.filter((m) => !before.has(m.instanceId));
  return steps.map((s) => {
    if (s.action !== 'load') return s;
    const at = fresh.findIndex((m) => m.modelKey === s.key);
    return at < 0 ? s : { ...s, instanceId: fresh.splice(at, 1)[0]!.instanceId };
  });
}
