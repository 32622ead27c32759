/**
 * Find the Loadout that runs on this machine and connect to it, or say that none does: no announce
 * file, a stale one (its pid is gone, or nothing listens on its port). A live process that refuses
 * the token is an error, not a fallback: two cores would fight over LM Studio again.
 */
import { existsSync } from 'node:fs';
import type { AttachedCore } from './attach-client';
import type { AnnounceDeps } from './running-announce';
import { runningFilePath } from './running-file';

/** The running core, connected; null when none runs (then the caller builds the core in-process). */
export async function attachToRunningCore(
  dataDir: string,
  deps: AnnounceDeps & { timeoutMs?: number } = {},
): Promise<AttachedCore | null> {
  // Nothing announced, the usual case for the CLI: answer before loading the schema (zod) and the
  // WebSocket client, which `loadout monitor --once` would otherwise pay for at every start.
  if (!deps.fs && !existsSync(runningFilePath(dataDir, deps.platform))) return null;
  const { readRunningAnnounce } = await import('./running-announce');
  const state = readRunningAnnounce(dataDir, deps);
  if (state.kind !== 'running') return null;
  const { connectToRunningCore } = await import('./attach-client');
  try {
    return await connectToRunningCore(state.announce, { timeoutMs: deps.timeoutMs });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The pid lives on (or was reused) but nothing of ours listens there: the file is stale.
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return null;
    throw error;
  }
}
