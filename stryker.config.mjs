// Mutation testing of the pure core logic (see README, "Mutation testing").
// Run it through `npm run test:mutation`, which also takes a group, file or folder to narrow the run.
import { allMutated } from './scripts/mutation-groups.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Unit tests only (vitest.mutation.config.ts): integration, browser and UI tests are slow and add nothing here.
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  mutate: allMutated,
  coverageAnalysis: 'perTest',
  // Two shared cores: more workers only thrash. Override with --concurrency.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The sandbox copy needs only sources and tests; skip build outputs and local state.
  ignorePatterns: [
    'out',
    'dist',
    'release',
    'test-results',
    'reports',
    '.stryker-tmp*',
    '.loadout-home',
    '.gl',
    '.whl',
    '.gpucheck',
    'resources',
  ],
  // Report only; the targets per group live in bench/RESULTS.md, not in a hard gate.
  thresholds: { high: 80, low: 60, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
