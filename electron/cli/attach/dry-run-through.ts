/**
 * `loadout apply ID --dry-run --machine NAME`: the plan and the fit check on another machine, from its
 * agent's `presets.plan` (which changes nothing there), printed exactly as a dry run here prints.
 */
import type { ContractClient } from '../../../shared/contract';
import type { UiLanguage } from '../../../shared/i18n/languages';
import type { CliIo } from '../command';
import { cliLocale } from '../commands/energy';
import { dryRunFromPlan, printDryRun } from '../dry-run-output';

export interface DryRunThroughOptions {
  id: string;
  json?: boolean;
  /** The UI language setting of this machine, to word the fit in. */
  uiLanguage: 'auto' | UiLanguage;
}

/** Plan preset `id` on the machine behind `client`; resolves to the exit code (0 would apply, 1 refused or failed). */
export async function dryRunThrough(
  target: { client: ContractClient },
  io: CliIo,
  { id, json, uiLanguage }: DryRunThroughOptions,
): Promise<number> {
  const language = cliLocale(uiLanguage, io.env);
  // As here: an unknown preset is a failure line; a plan that cannot be made is a dry run that failed.
  const refuse = (message: string) => {
    if (json) io.stdout.write(`${JSON.stringify({ preset: id, plan: [], result: 'failed', message })}\n`);
    io.stderr.write(`loadout apply: ${message}\n`);
    return 1;
  };
  const list = await target.client.call('presets.list', undefined);
  if (!list.ok) return refuse(list.error.message);
  const known = list.result.presets.map((p) => p.id);
  if (!known.includes(id)) return refuse(`No preset "${id}". Known presets: ${known.join(', ')}.`);
  const plan = await target.client.call('presets.plan', { id });
  if (!plan.ok) {
    const failed = { result: 'failed' as const, message: plan.error.message, plan: [], fit: null, unresolved: [] };
    return printDryRun(io, id, failed, language, json);
  }
  return printDryRun(io, id, dryRunFromPlan(plan.result), language, json);
}
