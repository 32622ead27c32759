/** The CLI's `--task code|chat|quick`: the user's own word on what the question is. */
import type { TaskKind } from '../../shared/routing/types';
import { UsageError } from './command';

const HINTS: readonly TaskKind[] = ['code', 'chat', 'quick'];

/** Read `--task`; undefined when absent, a UsageError naming the choices when it is not one of them. */
export function parseTaskHint(value: string | undefined, usage: string): TaskKind | undefined {
  if (value === undefined) return undefined;
  if ((HINTS as readonly string[]).includes(value)) return value as TaskKind;
  throw new UsageError(
    `--task takes code, chat or quick (images and long prompts are detected by themselves), got "${value}".`,
    usage,
  );
}
