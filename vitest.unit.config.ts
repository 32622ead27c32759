import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// Unit tests only: the fast, in-process suites (`npm run test:unit`).
// Spread, not mergeConfig: mergeConfig would append to the base include and bring every suite back.
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['tests/unit/**/*.test.{ts,tsx}'] },
});
