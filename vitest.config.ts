import { defineConfig } from 'vitest/config';
import { MOCKING_FILES } from './test/support/mocking-files.ts';

/**
 * Test tiers as Vitest projects (house rule 11). `repository` and `http` run on SQLite
 * always and also on PostgreSQL when TEST_DATABASE_URL is set (.ci/run does that).
 *
 * The unit, repository and HTTP files share each worker's module graph (isolate: false):
 * evaluating the application's ~1,000 modules again for every file took more time than the
 * tests themselves (ADR 0017). Each file builds its own database and app, so nothing a test
 * asserts lives in module state. A file that replaces a module (vi.mock) would leak that
 * replacement into the files after it: it belongs in MOCKING_FILES (test/support/mocking-files.ts),
 * which run isolated.
 */
const HTTP_FILES = ['src/**/*.http.test.{ts,tsx}', 'src/**/*.authz.test.ts', 'test/**/*.http.test.ts', 'test/**/*.authz.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          exclude: ['src/**/*.repository.test.ts', 'src/**/*.http.test.{ts,tsx}', 'src/**/*.authz.test.ts'],
          isolate: false,
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
          isolate: false,
          testTimeout: 30_000,
          // A fresh PostgreSQL database is created, migrated and seeded in beforeAll: slower than 10 s on a busy machine.
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'http',
          include: HTTP_FILES,
          exclude: MOCKING_FILES,
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: { name: 'http-isolated', include: MOCKING_FILES, testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          globalSetup: ['test/e2e/support/e2e-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One spec at a time (each runs a server and a browser). VITEST_MAX_WORKERS overrides this
          // setting, so package.json's test:e2e sets it to 1 as well.
          fileParallelism: false,
        },
      },
    ],
  },
});
