import { defineConfig } from 'vitest/config';

/**
 * Scale-out tests (issue 8 §3): real `cadre serve` processes on PostgreSQL behind a local
 * proxy. Kept out of the main projects (vitest.config.ts) because they need PostgreSQL and
 * start several processes; run them with `npm run test:scale` (all) or `npm run test:scale:short`.
 * One file at a time: each starts its own processes on a 2-core machine.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/scale/**/*.scale.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 400_000,
    fileParallelism: false,
  },
});
