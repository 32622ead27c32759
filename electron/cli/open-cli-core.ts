/** The core as a CLI command that talks to LM Studio opens it, with the shared `--lmstudio URL` flag. */
import { createAppCore, type AppCore, type AppCoreConfig } from '../core/app-core';
import { lmStudioUrlProblem } from '../core/lmstudio/base-url';
import { type CliIo, UsageError } from './command';

/** The `--lmstudio URL` option, spread into a command's parseCommandArgs options. */
export const LMSTUDIO_OPTION = { lmstudio: { type: 'string' } } as const;

/**
 * Build the core for a CLI command that talks to LM Studio (`--lmstudio URL` wins over env and settings).
 * `command` names this process to another one that refuses to unload a model it streams ("loadout chat").
 */
export function openCliCore(
  io: CliIo,
  lmstudioUrl: string | undefined,
  command?: string,
  config: Pick<AppCoreConfig, 'bench'> = {},
): AppCore {
  if (lmstudioUrl !== undefined && !/^https?:\/\/[^\s/]+/i.test(lmstudioUrl)) {
    throw new UsageError(`--lmstudio needs an http(s) URL such as http://127.0.0.1:1234, got "${lmstudioUrl}".`);
  }
  const problem = lmstudioUrl === undefined ? null : lmStudioUrlProblem(lmstudioUrl, 'flag');
  if (problem) throw new UsageError(`--lmstudio "${lmstudioUrl}" cannot be used: ${problem}.`);
  // The core's notes (an unusable LOADOUT_LMSTUDIO_URL, a locked ledger) go to this run's stderr.
  return createAppCore({
    ...config,
    env: io.env,
    lmstudioUrl,
    onMessage: (message) => io.stderr.write(`loadout: ${message}\n`),
    origin: command ? `loadout ${command}` : 'loadout',
  });
}
