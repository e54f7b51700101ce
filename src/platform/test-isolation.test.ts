import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCKING_FILES } from '../../test/support/mocking-files.ts';
import { PROJECT_ROOT } from './project-root.ts';

/** Test files of the projects that share a worker's module graph (vitest.config.ts, ADR 0017). */
function sharedGraphTestFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (dir.startsWith('src') ? /\.test\.tsx?$/.test(entry.name) : /\.(http|repository|authz)\.test\.tsx?$/.test(entry.name))
        found.push(rel);
    }
  };
  walk('src');
  walk('test');
  return found.sort();
}

// Built from parts so this file does not match itself.
const MOCKS_A_MODULE = new RegExp(`\\bvi\\.(?:do)?${'mock'}\\(`);

describe('test isolation', () => {
  it('runs every file that replaces a module (vi.mock) in the isolated project', () => {
    const files = sharedGraphTestFiles();
    expect(files.length).toBeGreaterThan(100);
    const mocking = files.filter((f) => MOCKS_A_MODULE.test(fs.readFileSync(path.join(PROJECT_ROOT, f), 'utf8')));
    expect(mocking).toEqual([...MOCKING_FILES].sort());
  });
});
