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
  heap: () => { afterFullGcMb: number | null; afterAnyGcMb: number | null; fullGcs: number };
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
  let fullGcs = 0;
  let mainIsolate: string | null = null;
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
      if (m[1] !== mainIsolate) continue;
      const after = Number(m[5]);
      afterAnyGcMb = after;
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
    heap: () => ({ afterFullGcMb, afterAnyGcMb, fullGcs }),
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

/** Resident set size (MB) and open file descriptors of a process, read from /proc. */
export function processFootprint(pid: number): { rssMb: number; fds: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb / 1024, fds: fs.readdirSync(`/proc/${pid}/fd`).length };
}
