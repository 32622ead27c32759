import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Generous: the browser and CLI black-box tests share two cores with everything else in CI.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores here and in CI: keep parallelism modest so timing-sensitive integration tests stay stable.
    maxWorkers: 2,
  },
});
