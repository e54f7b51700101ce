import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Issue 8 §4: the crash tests run real `cadre serve` processes and kill them, so they are kept
 * out of the everyday suites and run on their own (`npm run test:crash`, short form
 * `npm run test:crash:short`), one file at a time: each starts and kills servers on the 2 cores.
 */
export default defineConfig({
  root: path.resolve(import.meta.dirname, '../..'),
  test: {
    include: ['test/crash/**/*.crash.test.ts', 'test/crash/**/*.repository.test.ts'],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
