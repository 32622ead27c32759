#!/usr/bin/env node
// Run the date-sensitive tests (vitest.clock-ahead.config.ts) with the system clock a year ahead, through
// Debian's faketime (libfaketime), which also moves the clock of every child process the tests spawn.
// Part of `npm test`: a test that passes only near the day it was written fails here.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const AHEAD_DAYS = 365;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const probe = spawnSync('faketime', ['-f', '+0d', 'true'], { stdio: 'ignore' });
if (probe.error || probe.status !== 0) {
  console.error(
    'faketime is not installed, so the date-sensitive tests cannot be run with the clock a year ahead.\n' +
      'Install it (Debian/Ubuntu: apt-get install faketime) and run `npm test` again; .ci/run installs it.',
  );
  process.exit(1);
}

const vitest = path.join(root, 'node_modules', '.bin', 'vitest');
const env = {
  ...process.env,
  LOADOUT_TEST_REAL_NOW_MS: String(Date.now()),
  LOADOUT_TEST_CLOCK_AHEAD_DAYS: String(AHEAD_DAYS),
};
console.log(`Date-sensitive tests with the clock ${AHEAD_DAYS} days ahead (faketime):`);
const run = spawnSync(
  'faketime',
  ['-f', `+${AHEAD_DAYS}d`, vitest, 'run', '--config', 'vitest.clock-ahead.config.ts', ...process.argv.slice(2)],
  { cwd: root, env, stdio: 'inherit' },
);
process.exit(run.status ?? 1);
