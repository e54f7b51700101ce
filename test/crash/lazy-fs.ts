import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Mounts lazyfs.py (a LazyFS-like FUSE file system on Debian's python3-fusepy) over a backing
 * directory. `powerLoss()` kills the file system process with SIGKILL: data written but never
 * fsync'ed is gone, what was synced stays in the backing directory.
 */

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(import.meta.dirname, 'lazyfs.py');

/** Why the simulation cannot run here, or null when it can. */
export function lazyFsUnavailable(): string | null {
  if (!fs.existsSync('/dev/fuse')) return '/dev/fuse is missing';
  if (spawnSync(PYTHON, ['-c', 'import fusepy'], { stdio: 'ignore' }).status !== 0)
    return 'python3-fusepy is not installed (apt-get install python3-fusepy)';
  if (spawnSync('umount', ['--help'], { stdio: 'ignore' }).error) return 'umount is missing';
  return null;
}

export type LazyMount = { mountPoint: string; powerLoss: () => Promise<void> };

function mounted(mountPoint: string): boolean {
  return fs
    .readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .some((l) => l.split(' ')[1] === mountPoint);
}

export async function mountLazyFs(backing: string, mountPoint: string): Promise<LazyMount> {
  fs.mkdirSync(mountPoint, { recursive: true });
  const child: ChildProcess = spawn(PYTHON, [SCRIPT, backing, mountPoint], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!mounted(mountPoint)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`lazyfs did not mount: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  let gone = false;
  return {
    mountPoint,
    powerLoss: async () => {
      if (gone) return;
      gone = true;
      child.kill('SIGKILL');
      await exited;
      // The kernel keeps the dead mount until it is detached.
      spawnSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
    },
  };
}
