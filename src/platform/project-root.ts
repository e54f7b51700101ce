import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The directory holding Cadre's package.json. Files that live beside the sources (public/, the
 * worker-thread entries) are found from here rather than from import.meta.url, because the CLI
 * runs from one bundle in .build/ (bin/cadre.js), where import.meta.url names the bundle.
 */
export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'cadre') return dir;
    if (path.dirname(dir) === dir) throw new Error(`Cadre's package.json not found above ${start}`);
  }
}

/** A file of the project, as a file: URL (what `new Worker` takes). */
export function projectFileUrl(...segments: string[]): URL {
  return pathToFileURL(path.join(PROJECT_ROOT, ...segments));
}
