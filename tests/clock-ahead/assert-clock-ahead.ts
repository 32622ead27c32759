/**
 * Global setup of the clock-ahead run: refuse to report a pass unless the clock really is ahead, in
 * this process and in the child processes the black-box tests spawn (faketime preloads itself into
 * them through LD_PRELOAD; a static binary or a cleared environment would escape it).
 */
import { execFileSync } from 'node:child_process';

const DAY_MS = 86_400_000;

export default function assertClockAhead(): void {
  const realNow = Number(process.env.LOADOUT_TEST_REAL_NOW_MS);
  const aheadDays = Number(process.env.LOADOUT_TEST_CLOCK_AHEAD_DAYS);
  if (!Number.isFinite(realNow) || !Number.isFinite(aheadDays)) {
    throw new Error(
      'The clock-ahead tests run through `node scripts/clock-ahead.mjs` (part of `npm test`), which sets the clock ahead; run that instead.',
    );
  }
  const child = Number(
    execFileSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], { encoding: 'utf8' }),
  );
  for (const [who, now] of [
    ['this process', Date.now()],
    ['a child process', child],
  ] as const) {
    const ahead = (now - realNow) / DAY_MS;
    if (ahead < aheadDays - 1) {
      throw new Error(
        `The clock is not ahead in ${who} (${ahead.toFixed(2)} days, not ${aheadDays}): faketime did not take effect, so this run would prove nothing.`,
      );
    }
  }
}
