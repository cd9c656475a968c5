import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration suites share one PostgreSQL database; files run in parallel
    // workers, so each suite uses its own schema (see test/support/pg.ts).
    pool: 'forks',
  },
});
