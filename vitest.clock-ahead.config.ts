import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The tests whose answers hang on the date: energy (ledger days, `--since`, "today", tariffs by hour,
// replayed captures placed on the system clock), benchmarks and the serve API's energy. `npm test` runs
// them a second time with the clock a year ahead (scripts/clock-ahead.mjs, under faketime) to prove
// that none passes only on the day it was written. A new date-sensitive test belongs in this list.
export const CLOCK_SENSITIVE = [
  'tests/{shared,core}/{energy,bench,delegation,delegation-ledger,profile}/**/*.test.ts',
  'tests/cli/commands/{bench,chat-energy-cli,energy*,profile*}.test.ts',
  'tests/core/api/delegation-api.integration.test.ts',
  'tests/core/api/handlers/energy-delegations-api.integration.test.ts',
  'tests/core/db/open-database.integration.test.ts',
  'tests/main/bench-notification.test.ts',
  'tests/main/tray/tray-benchmark.test.ts',
  'tests/renderer/monitor/benchmarks/sort-results.test.ts',
  'tests/renderer/monitor/rollups-columns.test.ts',
  'tests/renderer/store/sample-history.test.ts',
  'tests/serve/serve-api.integration.test.ts',
  'tests/shared/i18n/user-locale.test.ts',
  'tests/shared/models/model-size*.test.ts',
];

// Spread, not mergeConfig: mergeConfig concatenates `include` with the base's tests/**, running everything.
export default defineConfig({
  ...base,
  test: { ...base.test, include: CLOCK_SENSITIVE, globalSetup: ['tests/clock-ahead/assert-clock-ahead.ts'] },
});
