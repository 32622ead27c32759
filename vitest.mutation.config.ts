import { defineConfig } from 'vitest/config';
import unit from './vitest.unit.config';

// What Stryker runs for each mutant: the unit tests minus the UI and shell suites. Those render React or
// wire the whole app (seconds per file) and reach the core modules only indirectly; the pure modules'
// behaviour must be pinned by their own direct tests, which is what the mutation score measures.
export default defineConfig({
  ...unit,
  test: {
    ...unit.test,
    exclude: [...(unit.test?.exclude ?? []), 'tests/renderer/**', 'tests/main/**', 'tests/preload/**', '**/*.test.tsx'],
  },
});
