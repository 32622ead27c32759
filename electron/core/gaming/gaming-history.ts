/**
 * The gaming sessions kept across restarts: one JSON line each in `gaming-sessions.jsonl` in the data
 * folder, appended as a session ends, the newest read back at start. A line that does not parse (a crash
 * mid-write, a hand edit) is skipped, never fatal.
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

/** Append one session; a write that fails is told, and the session stays in the status meanwhile. */
export function appendGamingSession(dataDir: string, session: GamingSession, onMessage: (m: string) => void): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.appendFileSync(path.join(dataDir, GAMING_HISTORY_FILE), `${JSON.stringify(session)}\n`, 'utf8');
  } catch (error) {
    onMessage(`Could not keep the gaming session in ${GAMING_HISTORY_FILE}: ${(error as Error).message}`);
  }
}
