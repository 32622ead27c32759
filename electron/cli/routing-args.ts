/** The flags `loadout chat` and `loadout route` share, and the checks that turn them into a routing request. */
import type { TaskKind } from '../../shared/routing/types';
import { parseTaskHint } from './task-hint-arg';
import { UsageError } from './command';
import { LMSTUDIO_OPTION } from './open-cli-core';
import { positiveInt } from './parse-args';

/** Which model, the task hint, the answer's length, loading on demand, the output form and LM Studio's address. */
export const ROUTING_OPTIONS = {
  model: { type: 'string' },
  task: { type: 'string' },
  'max-tokens': { type: 'string' },
  'allow-load': { type: 'boolean' },
  explain: { type: 'boolean' },
  json: { type: 'boolean' },
  ...LMSTUDIO_OPTION,
} as const;

/** The prompt (the positionals joined), `--max-tokens` and `--task`, each checked; `missing` is the UsageError's text when no prompt was given. */
export function readRoutingArgs(
  values: { 'max-tokens'?: string; task?: string },
  positionals: string[],
  usage: string,
  missing: string,
): { prompt: string; maxTokens: number | undefined; taskHint: TaskKind | undefined } {
  const prompt = positionals.join(' ').trim();
  if (!prompt) throw new UsageError(missing, usage);
  return {
    prompt,
    maxTokens: positiveInt(values['max-tokens'], '--max-tokens', usage),
    taskHint: parseTaskHint(values.task, usage),
  };
}
