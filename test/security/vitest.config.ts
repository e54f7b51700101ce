import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The attack suite (issue 8 §5) runs on its own: it starts a real server and external
 * scanners, so it is not part of `npm test`. One file, checks in a fixed order.
 */
export default defineConfig({
  root: path.resolve(import.meta.dirname, '../..'),
  test: {
    include: ['test/security/**/*.security.test.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
