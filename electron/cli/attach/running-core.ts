/**
 * The step before a command that changes or streams (`apply`, `unload`, `chat`, `bench`, `monitor`):
 * when the tray app or `loadout serve` runs, work through it, so one process owns the busy state, the
 * sampler and the ledger writer; when none runs, the command builds the core in-process as before.
 */
import { attachToRunningCore } from '../../core/attach/attach-to-running-core';
import type { AttachedCore } from '../../core/attach/attach-client';
import { resolveDataDir } from '../../core/paths';
import type { CliIo } from '../command';

/** `--standalone`, spread into a command's parseCommandArgs options. */
export const STANDALONE_OPTION = { standalone: { type: 'boolean' } } as const;

/**
 * The running Loadout, connected; null with `--standalone`, with `--lmstudio URL` (that names another
 * LM Studio than the running app's), or when none runs. A running one that refuses us throws.
 */
export async function attachUnlessStandalone(
  io: CliIo,
  values: { standalone?: boolean; lmstudio?: string },
): Promise<AttachedCore | null> {
  if (values.standalone || values.lmstudio !== undefined) return null;
  return attachToRunningCore(resolveDataDir(io.env));
}
