import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, projectFileUrl } from './project-root.ts';

describe('project root', () => {
  it("is the directory of Cadre's package.json, holding public/ and the worker entries", () => {
    expect(JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).name).toBe('cadre');
    expect(fs.existsSync(path.join(PROJECT_ROOT, 'public', 'app.css'))).toBe(true);
    for (const worker of ['src/platform/pdf/pdf-thread.worker.mjs', 'src/modules/training/plan-versions/solve/solve-thread.worker.mjs']) {
      const url = projectFileUrl(...worker.split('/'));
      expect(url.protocol).toBe('file:');
      expect(fs.existsSync(fileURLToPath(url))).toBe(true);
    }
  });
});
