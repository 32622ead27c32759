import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config';

// Unit tests only: the fast, in-process suites (`npm run test:unit`): every test beside its source's mirror
// except `*.integration.test.ts` (real processes, sockets, files) and the browser suites in tests/e2e.
// Spread, not mergeConfig: mergeConfig would append to the base include and bring every suite back.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: [...configDefaults.exclude, '**/*.integration.test.{ts,tsx}', 'tests/e2e/**'],
  },
});
