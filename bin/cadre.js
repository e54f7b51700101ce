#!/usr/bin/env node
// Runs the CLI from one esbuild bundle of src/ (.build/cadre.mjs), rebuilt whenever a source file
// changed, so `npx cadre` and `npm start` still need no build step. Loading the ~1,000 TypeScript
// modules one by one through tsx's loader hooks took 5–15 s per start (every `cadre serve`, and
// every command the tests and scripts spawn); the bundle loads in a fraction of that (ADR 0012).
// CADRE_FROM_SOURCE=1 runs the sources through tsx as before.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');

const bundle = process.env.CADRE_FROM_SOURCE === '1' ? null : await freshBundle().catch(unwritable);
if (bundle === null) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
} else {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
}

/** An installation whose directory cannot be written to runs from the sources (slower start). */
function unwritable(e) {
  if (!['EACCES', 'EPERM', 'EROFS'].includes(e?.code)) throw e;
  process.emitWarning(`${path.join(ROOT, '.build')} is not writable (${e.code}): running from the TypeScript sources`);
  return null;
}

/** The bundle for the sources as they are now: reused when the stamp matches, else built. */
async function freshBundle() {
  const dir = path.join(ROOT, '.build');
  const bundle = path.join(dir, 'cadre.mjs');
  const stampFile = path.join(dir, 'cadre.stamp');
  const stamp = sourceStamp();
  if (fs.existsSync(bundle) && readOr(stampFile) === stamp) return bundle;
  fs.mkdirSync(dir, { recursive: true });
  // Concurrent starts (parallel tests) each build to their own file and rename it into place.
  const tmp = path.join(dir, `cadre.${process.pid}.${crypto.randomBytes(4).toString('hex')}.mjs`);
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'error',
  });
  fs.renameSync(tmp, bundle);
  const tmpStamp = `${tmp}.stamp`;
  fs.writeFileSync(tmpStamp, stamp);
  fs.renameSync(tmpStamp, stampFile);
  return bundle;
}

/**
 * Path, size and modification time of every source file, hashed: any edit changes it. Test files
 * (`*.test.ts(x)`) are left out: the bundle never contains them, and editing one must not make the
 * next command rebuild.
 */
function sourceStamp() {
  const hash = crypto.createHash('sha256');
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!/\.test\.tsx?$/.test(entry.name)) {
        const st = fs.statSync(full);
        hash.update(`${full}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  walk(path.join(ROOT, 'src'));
  for (const f of ['package-lock.json', 'tsconfig.json', 'bin/cadre.js']) {
    const st = fs.statSync(path.join(ROOT, f));
    hash.update(`${f}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function readOr(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
