/**
 * The gaming sessions an older Loadout kept in `gaming-sessions.jsonl` (one JSON line each), read once to
 * import them into the ledger (gaming-ledger.ts). A line that does not parse (a crash mid-write, a hand
 * edit) is skipped, never fatal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GamingSessionSchema, type GamingSession } from '../../../shared/contract/gaming';

export const GAMING_HISTORY_FILE = 'gaming-sessions.jsonl';

/** The newest `max` sessions, newest first; none when the file does not exist or cannot be read. */
export function readGamingHistory(dataDir: string, max: number): GamingSession[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, GAMING_HISTORY_FILE), 'utf8');
  } catch {
    return [];
  }
  const sessions: GamingSession[] = [];
  for (const line of text.split('\n').reverse()) {
    if (sessions.length >= max) break;
    if (!line.trim()) continue;
    try {
      const parsed = GamingSessionSchema.safeParse(JSON.parse(line));
      if (parsed.success) sessions.push(parsed.data);
    } catch {
      // Skipped: see the module comment.
    }
  }
  return sessions;
}
