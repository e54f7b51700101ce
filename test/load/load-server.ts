import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { childEnv, freePort, ROOT } from '../crash/cadre-process.ts';

/**
 * The real `cadre serve` as a child process for the load and soak runs, observed from the
 * outside: resident memory from /proc/<pid>/status, open descriptors from /proc/<pid>/fd,
 * and the V8 heap after each garbage collection from the child's own --trace-gc lines (no
 * diagnostics endpoint in the product). Loopback only.
 */

export type LoadServer = {
  child: ChildProcess;
  pid: number;
  base: URL;
  exited: Promise<number | null>;
  /** Heap in MB after the latest full (mark-compact) collection, or after any collection when none ran yet. */
  heap: () => {
    afterFullGcMb: number | null;
    afterAnyGcMb: number | null;
    /** What V8 keeps committed for the main isolate after its latest collection (used plus free pages kept). */
    committedMb: number | null;
    fullGcs: number;
    workersMb: number;
    /** What V8 keeps committed for those other isolates after their latest collections. */
    workersCommittedMb: number;
    workers: number;
  };
  stop: () => Promise<void>;
};

/** Server settings of every load run: behind a proxy (client addresses from X-Forwarded-For), the default rate limit. */
export const RATE_LIMIT_PER_MINUTE = 600;

// `[pid:isolate]   123 ms: Mark-Compact 95.1 (99.0) -> 17.2 (20.0) MB, …`. Worker threads (PDF rendering,
// plan solving) are isolates of their own and print their lines too; only the main isolate's count
// (the first to print: it loads the application before any worker starts), else two heaps would alternate.
const GC_LINE = /^\[\d+:(0x[0-9a-f]+)\][^\n]*?(Scavenge|Mark-Compact)[^\n]*?\s([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/;

export async function startLoadServer(env: NodeJS.ProcessEnv): Promise<LoadServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--trace-gc', 'bin/cadre.js', 'serve'], {
    cwd: ROOT,
    env: childEnv(env, {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'true',
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let afterFullGcMb: number | null = null;
  let afterAnyGcMb: number | null = null;
  let committedMb: number | null = null;
  let fullGcs = 0;
  let mainIsolate: string | null = null;
  // Other isolates (the SQLite read workers, PDF and solver workers): each one's heap after its
  // latest collection and when that was; one silent for two minutes has ended (or is idle) and is not counted.
  const workerHeaps = new Map<string, { mb: number; committedMb: number; at: number }>();
  let pending = '';
  const stderr: string[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const m = GC_LINE.exec(line);
      if (!m) continue;
      mainIsolate ??= m[1] ?? null;
      const after = Number(m[5]);
      if (m[1] !== mainIsolate) {
        workerHeaps.set(m[1] ?? '', { mb: after, committedMb: Number(m[6]), at: Date.now() });
        continue;
      }
      afterAnyGcMb = after;
      committedMb = Number(m[6]);
      if (m[2] === 'Mark-Compact') {
        afterFullGcMb = after;
        fullGcs++;
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 50) stderr.push(chunk);
  });
  const base = new URL(`http://127.0.0.1:${port}`);
  // Generous: on a starved shared machine tsx needs long to load the sources.
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`cadre serve exited with ${child.exitCode}: ${stderr.join('')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('cadre serve did not become ready within 240 s');
    }
    try {
      if ((await fetch(new URL('/health/ready', base))).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    child,
    pid: child.pid as number,
    base,
    exited,
    heap: () => {
      const live = [...workerHeaps.values()].filter((w) => Date.now() - w.at < 120_000);
      const workersMb = live.reduce((s, w) => s + w.mb, 0);
      const workersCommittedMb = live.reduce((s, w) => s + w.committedMb, 0);
      return { afterFullGcMb, afterAnyGcMb, committedMb, fullGcs, workersMb, workersCommittedMb, workers: live.length };
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

export type Footprint = {
  rssMb: number;
  anonMb: number;
  fileMb: number;
  shmemMb: number;
  threads: number;
  fds: number;
  /** Resident anonymous memory in 256 KiB mappings: V8's heap pages, every isolate's, used or kept for reuse. */
  v8PagesMb: number;
  /** The rest of the anonymous memory: glibc malloc (brk heap, arenas, large blocks) — SQLite, zlib, Buffers, addons. */
  mallocMb: number;
};

/**
 * Resident set size (MB) with its parts — anonymous (heaps, malloc), file-backed (mapped files:
 * the binary, SQLite's -shm) and shared memory — threads and open file descriptors, from /proc.
 */
export function processFootprint(pid: number): Footprint {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return {
    rssMb: field('VmRSS') / 1024,
    anonMb: field('RssAnon') / 1024,
    fileMb: field('RssFile') / 1024,
    shmemMb: field('RssShmem') / 1024,
    threads: field('Threads'),
    fds: fs.readdirSync(`/proc/${pid}/fd`).length,
    ...anonymousParts(pid),
  };
}

/** Splits the resident anonymous mappings of /proc/<pid>/smaps by size: V8 allocates its pages as 256 KiB mappings. */
function anonymousParts(pid: number): { v8PagesMb: number; mallocMb: number } {
  let v8Kb = 0;
  let otherKb = 0;
  let current: 'v8' | 'other' | null = null;
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const map = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (map) {
      const name = map[3] ?? '';
      const kb = (Number.parseInt(map[2] ?? '0', 16) - Number.parseInt(map[1] ?? '0', 16)) / 1024;
      current = name.startsWith('/') || (name !== '' && name !== '[heap]') ? null : name === '' && kb === 256 ? 'v8' : 'other';
    } else if (current && line.startsWith('Rss:')) {
      const kb = Number(line.split(/\s+/)[1]);
      if (current === 'v8') v8Kb += kb;
      else otherKb += kb;
    }
  }
  return { v8PagesMb: v8Kb / 1024, mallocMb: otherKb / 1024 };
}
