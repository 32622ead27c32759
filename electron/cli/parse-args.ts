/** Argument parsing over node:util's parseArgs that turns its errors into usage errors a person can fix. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parse `args` for a command; unknown flags or missing values become a UsageError naming the command's usage. */
export function parseCommandArgs<T extends Options>(
  args: string[],
  options: T,
  usage: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const message =
      error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '.') : String(error);
    throw new UsageError(message, usage);
  }
}

/** Read a positive integer flag, or throw a UsageError that says what was wrong. */
export function positiveInt(value: string | undefined, flag: string, usage: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag} needs a positive whole number, got "${value}".`, usage);
  return n;
}
