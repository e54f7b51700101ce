import { Worker } from 'node:worker_threads';
import { projectFileUrl } from '../../../../platform/project-root.ts';
import type { Plan, PlanInput } from '../../plan/plan-model.ts';
import type { SolveProgress, SolveResult } from '../../plan/solve-plan.ts';

export type SolveRequest = {
  input: PlanInput;
  method: 'MIP' | 'GREEDY';
  timeLimitSeconds: number;
  mipRelGap: number;
  seed: number;
};

export type ThreadMessage =
  | { type: 'greedy'; plan: Plan; seconds: number }
  | { type: 'progress'; progress: SolveProgress }
  | { type: 'result'; result: SolveResult | null };

export type ThreadOutcome = { greedy: Plan; greedySeconds: number; result: SolveResult | null };

/** Beyond HiGHS's own time limit: model building, the greedy and loading the WASM runtime. */
const GRACE_MS = 120_000;

/**
 * Solves in a worker thread so the HTTP process keeps answering (ADR 0010): the greedy plan
 * first, then solvePlan (HiGHS) unless `method` is GREEDY. The thread is terminated
 * when `signal` aborts (app shutdown, lost lease) or when it overruns the time limit by far.
 */
export function solveInThread(
  req: SolveRequest,
  opts: { signal?: AbortSignal; onProgress?: (p: SolveProgress) => void } = {},
): Promise<ThreadOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(projectFileUrl('src/modules/training/plan-versions/solve/solve-thread.worker.mjs'), { workerData: req });
    let greedy: { plan: Plan; seconds: number } | null = null;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(overrun);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      finish(() => reject(opts.signal?.reason ?? new Error('solve aborted')));
      void worker.terminate();
    };
    const overrun = setTimeout(
      () => {
        finish(() => reject(new Error(`solver thread exceeded ${req.timeLimitSeconds} s by more than ${GRACE_MS / 1000} s`)));
        void worker.terminate();
      },
      req.timeLimitSeconds * 1000 + GRACE_MS,
    );
    overrun.unref();
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'greedy') greedy = { plan: m.plan, seconds: m.seconds };
      else if (m.type === 'progress') opts.onProgress?.(m.progress);
      else {
        const g = greedy;
        finish(() => (g ? resolve({ greedy: g.plan, greedySeconds: g.seconds, result: m.result }) : reject(new Error('no greedy plan'))));
        void worker.terminate();
      }
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`solver thread exited with code ${code}`))));
  });
}
