import { defineConfig } from 'vitest/config';

/**
 * Test tiers as Vitest projects (house rule 11). `repository` and `http` run on SQLite
 * always and also on PostgreSQL when TEST_DATABASE_URL is set (.ci/run does that).
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          exclude: ['src/**/*.repository.test.ts', 'src/**/*.http.test.{ts,tsx}', 'src/**/*.authz.test.ts'],
          // Not a speed limit: a file's first PDF render loads pdfmake and its fonts, which took more
          // than the default 5 s on a 2-core machine under load (the receipt slip test, CI of 7d3bd3b).
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'repository',
          include: ['src/**/*.repository.test.ts', 'test/**/*.repository.test.ts'],
          testTimeout: 30_000,
          // A fresh PostgreSQL database is created, migrated and seeded in beforeAll: slower than 10 s on a busy machine.
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'http',
          include: ['src/**/*.http.test.{ts,tsx}', 'src/**/*.authz.test.ts', 'test/**/*.http.test.ts', 'test/**/*.authz.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.spec.ts'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false },
      },
    ],
  },
});
