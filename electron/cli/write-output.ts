/**
 * `--output FILE` for the commands that print a document (presets export, bench export, profile, energy).
 * Windows PowerShell 5.1 turns `> file` into UTF-16LE, which other tools misread; a file Loadout writes
 * itself is always UTF-8, whatever the shell.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CliIo } from './command';

/** The option to add to a command's parseCommandArgs options. */
export const OUTPUT_OPTION = { output: { type: 'string', short: 'o' } } as const;

/**
 * Writes `text` to `output` as UTF-8 (to stdout without one). Returns false, having said why on stderr,
 * when the file cannot be written: the caller exits 1.
 */
export function writeDocument(io: CliIo, command: string, text: string, output: string | undefined): boolean {
  if (output === undefined) {
    io.stdout.write(text);
    return true;
  }
  try {
    fs.writeFileSync(output, text, { encoding: 'utf8' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    io.stderr.write(
      `loadout ${command}: could not write ${path.resolve(output)} (${code}); nothing was written. Check that its folder exists and that you may write there, or choose another --output.\n`,
    );
    return false;
  }
  io.stderr.write(`Wrote ${path.resolve(output)} (UTF-8).\n`);
  return true;
}
