import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Issue 8 §6: backup under load and restore, with real `cadre serve`, `cadre backup`/`restore`,
 * pg_dump and pg_restore processes; run on their own (`npm run test:restore`, short form
 * `npm run test:restore:short`), one file at a time.
 */
export default defineConfig({
  root: path.resolve(import.meta.dirname, '../..'),
  test: {
    include: ['test/restore/**/*.restore.test.ts'],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
