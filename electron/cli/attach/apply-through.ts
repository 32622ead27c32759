/**
 * `loadout apply ID` through the running Loadout: `presets.apply` over its app API, progress from its
 * `presets.progress` events, printed exactly as the in-process path prints them (same words, JSON and exit codes).
 */
import type { PresetSwitchResult } from '../../../shared/contract';
import { translator } from '../../../shared/i18n/translate';
import { wordFit } from '../../../shared/models/fit-notice';
import type { AttachedCore } from '../../core/attach/attach-client';
import type { CliIo } from '../command';
import { cliLocale } from '../commands/energy';
import { printProgress } from '../preset-outcome-output';

export interface ApplyThroughOptions {
  id: string;
  json?: boolean;
  force?: boolean;
}

/** Switch the running Loadout to preset `id`; resolves to the exit code. */
export async function applyThrough(
  attached: AttachedCore,
  io: CliIo,
  { id, json, force }: ApplyThroughOptions,
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
  const off = client.on('presets.progress', (p) => {
    if (p.presetId === id) print(p);
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
  if (!answer.ok) return fail(answer.error.message);
  const outcome = answer.result;
  const result = outcome.result === 'cancelled' ? 'failed' : outcome.result;
  const message = outcome.busy?.length
    ? `${outcome.message ?? 'A model is still generating.'} Pass --force to unload anyway.`
    : outcome.message;
  const settings = await client.call('settings.get', undefined);
  const language = cliLocale(settings.ok ? settings.result.ui.language : 'auto', io.env);
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
 * The plan as `--json` prints it. The switch result names no instance for a load, so each load takes
 * the instance of its model that is loaded now and was not there before (not kept).
 */
async function jsonPlan(
  attached: AttachedCore,
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
