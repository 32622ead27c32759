/**
 * Golden files: compare an output with a file checked in, or rewrite the file with UPDATE_GOLDEN=1.
 * Rewriting is for a person who then reviews the diff, so it is refused under CI (CI=true): there it
 * would make the test pass against whatever the code now prints. In update mode nothing is compared
 * (comparing a file with what was just written to it proves nothing).
 */
import fs from 'node:fs';
import { expect } from 'vitest';

type Env = Record<string, string | undefined>;

const isSet = (v: string | undefined) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';

/** 'update' when UPDATE_GOLDEN=1 outside CI; throws under CI; else 'compare'. */
export function goldenMode(env: Env = process.env): 'compare' | 'update' {
  if (env.UPDATE_GOLDEN !== '1') return 'compare';
  if (isSet(env.CI)) {
    throw new Error(
      'UPDATE_GOLDEN=1 was refused because CI is set: golden files are only rewritten by a person. Run it locally without CI, review the diff and commit the files.',
    );
  }
  return 'update';
}

/** Compare `actual` with the golden `file`, or rewrite it in update mode. */
export function expectGolden(actual: string, file: string, env: Env = process.env): void {
  if (goldenMode(env) === 'update') {
    fs.writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
