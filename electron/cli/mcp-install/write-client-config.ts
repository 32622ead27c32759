/**
 * Writes a client's edited config safely: a timestamped backup beside it first, then the new text to a
 * temporary file that replaces the original in one rename (a crash leaves the old or the new file, never
 * half of one). Claude Code rewrites ~/.claude.json while it runs, so a file that changed since it was
 * read is not overwritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigRefusedError } from './mcp-config-edit';

/** The file's text, or null when it does not exist. */
export function readConfigText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** `claude_desktop_config.json.loadout-backup-20261205-143000`: sorts by time, never overwrites an older backup. */
export function backupName(file: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  let name = `${file}.loadout-backup-${stamp}`;
  for (let n = 2; fs.existsSync(name); n += 1) name = `${file}.loadout-backup-${stamp}-${n}`;
  return name;
}

/**
 * Replace `file` (read as `before`; null = it did not exist) with `after`. Returns the backup's path, or
 * null when there was no file to back up. Keeps an existing file's permissions (~/.claude.json is private).
 */
export function writeClientConfig(file: string, before: string | null, after: string, now: Date): string | null {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = readConfigText(file);
  if (current !== before) {
    throw new ConfigRefusedError(
      `${file} changed while Loadout was editing it (the client may be running and saving it), so nothing was written. Run the install again.`,
    );
  }
  let backup: string | null = null;
  let mode: number | undefined;
  if (before !== null) {
    mode = fs.statSync(file).mode & 0o777;
    backup = backupName(file, now);
    fs.copyFileSync(file, backup, fs.constants.COPYFILE_EXCL);
  }
  const temp = `${file}.loadout-${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, after, { mode, flag: 'wx' });
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return backup;
}
