/** Reads the copy of the user's document in tests/fixtures/bench: its estimate tables and its benchmark template. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.join(here, '..', 'fixtures', 'bench');
export const DOCUMENT = fs.readFileSync(path.join(FIXTURES, 'hardware-profile.pt-BR.md'), 'utf8');

/** The rows of the table under a heading, as cell arrays (header and separator dropped). */
export function tableUnder(heading: string): string[][] {
  const start = DOCUMENT.indexOf(heading);
  if (start < 0) throw new Error(`heading not found: ${heading}`);
  const lines = DOCUMENT.slice(start).split('\n').slice(1);
  const rows: string[][] = [];
  for (const line of lines) {
    if (!line.startsWith('|')) {
      if (rows.length) break;
      continue;
    }
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows.slice(2);
}

/** The lines of the "Template de Benchmark" code block. */
export function templateLines(): string[] {
  const start = DOCUMENT.indexOf('### Template de Benchmark');
  const block = DOCUMENT.slice(start).split('```markdown\n')[1]!.split('```')[0]!;
  return block.replace(/\n$/, '').split('\n');
}
