import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The tests whose answers hang on the date: energy (ledger days, `--since`, "today", tariffs by hour,
// replayed captures placed on the system clock), benchmarks and the serve API's energy. `npm test` runs
// them a second time with the clock a year ahead (scripts/clock-ahead.mjs, under faketime) to prove
// that none passes only on the day it was written. A new date-sensitive test belongs in this list.
export const CLOCK_SENSITIVE = [
  'tests/unit/energy/**/*.test.ts',
  'tests/unit/bench/**/*.test.ts',
  'tests/unit/profile/**/*.test.ts',
  'tests/unit/renderer/sample-history.test.ts',
  'tests/unit/renderer/rollups-columns.test.ts',
  'tests/integration/energy/**/*.test.ts',
  'tests/integration/cli/energy*.test.ts',
  'tests/integration/cli/bench.test.ts',
  'tests/integration/bench/bench-store.test.ts',
  'tests/integration/bench/bench-runner.test.ts',
  'tests/integration/server/serve-api.test.ts',
  'tests/unit/delegation/**/*.test.ts',
  'tests/integration/delegation/**/*.test.ts',
];

// Spread, not mergeConfig: mergeConfig concatenates `include` with the base's tests/**, running everything.
export default defineConfig({
  ...base,
  test: { ...base.test, include: CLOCK_SENSITIVE, globalSetup: ['tests/clock-ahead/assert-clock-ahead.ts'] },
});
