/**
 * Find the Loadout that runs on this machine and connect to it, or say that none does: no announce
 * file, a stale one (its pid is gone, or nothing listens on its port). A live process that refuses
 * the token is an error, not a fallback: two cores would fight over LM Studio again.
 */
import { connectToRunningCore, type AttachedCore } from './attach-client';
import { readRunningAnnounce, type AnnounceDeps } from './running-announce';

/** The running core, connected; null when none runs (then the caller builds the core in-process). */
export async function attachToRunningCore(
  dataDir: string,
  deps: AnnounceDeps & { timeoutMs?: number } = {},
): Promise<AttachedCore | null> {
  const state = readRunningAnnounce(dataDir, deps);
  if (state.kind !== 'running') return null;
  try {
    return await connectToRunningCore(state.announce, { timeoutMs: deps.timeoutMs });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The pid lives on (or was reused) but nothing of ours listens there: the file is stale.
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return null;
    throw error;
  }
}
