/**
 * Since when each machine has been online or offline: the last state seen and when it began, kept in
 * the data folder (`machines-seen.json`), so a one-shot `loadout machines` can say "offline since 14:02".
 * A damaged file starts over; it holds no secret.
 */
import fs from 'node:fs';
import path from 'node:path';

export const MACHINES_SEEN_FILE = 'machines-seen.json';

type Seen = Record<string, { online: boolean; since: string }>;

function read(file: string): Seen {
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Seen) : {};
  } catch {
    return {};
  }
}

/** Record what was seen now; returns each machine's `since` (ISO): when its current state began, as far as this folder knows. */
export function recordMachinesSeen(
  dataDir: string,
  seen: Array<{ name: string; online: boolean }>,
  now: Date = new Date(),
): Record<string, string> {
  const file = path.join(dataDir, MACHINES_SEEN_FILE);
  const before = read(file);
  const after: Seen = {};
  for (const m of seen) {
    const last = before[m.name];
    after[m.name] =
      last && last.online === m.online && typeof last.since === 'string'
        ? last
        : { online: m.online, since: now.toISOString() };
  }
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(after, null, 2)}\n`);
  } catch {
    // Only "since" is lost; the listing itself stands.
  }
  return Object.fromEntries(Object.entries(after).map(([name, s]) => [name, s.since]));
}
