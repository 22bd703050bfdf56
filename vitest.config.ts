import { defineConfig } from 'vitest/config';

/**
 * Three projects, all run by `npm test`:
 * - unit: pure logic, next to the code (*.test.ts);
 * - integration: the app through app.inject() on a fresh database per file (*.int.test.ts[x]),
 *   PGlite by default, PostgreSQL when DATABASE_URL is set;
 * - e2e: a real server, a real SMTP server and Chromium with axe (test/e2e).
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          exclude: ['src/**/*.int.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.{ts,tsx}', 'test/integration/**/*.test.{ts,tsx}'],
          globalSetup: ['test/helpers/global-database-setup.ts'],
          // Sweeps over every route take ~10 s with a second suite running beside this one on
          // two cores; the margin is for a busier machine. Tests that start processes set their own.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.{ts,tsx}'],
          globalSetup: ['test/helpers/global-database-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
