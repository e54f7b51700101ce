import { parentPort, workerData } from 'node:worker_threads';
import { greedyPlan } from '../../plan/greedy-plan.ts';
import { solvePlan } from '../../plan/solve-plan.ts';
import type { SolveRequest, ThreadMessage } from './solve-thread.ts';

/**
 * Runs in a worker thread: the simple greedy baseline (for comparison), then solvePlan (which
 * builds its own warm start). HiGHS (WASM)
 * is synchronous, so in the HTTP process it would hold the event loop for the whole time limit.
 */
const port = parentPort;
if (!port) throw new Error('solve-thread.entry.ts must run in a worker thread');
const post = (m: ThreadMessage) => port.postMessage(m);
const req = workerData as SolveRequest;
const started = performance.now();
const greedy = greedyPlan(req.input);
post({ type: 'greedy', plan: greedy, seconds: (performance.now() - started) / 1000 });
if (req.method === 'GREEDY') {
  post({ type: 'result', result: null });
} else {
  const result = await solvePlan(req.input, {
    timeLimitSeconds: req.timeLimitSeconds,
    mipRelGap: req.mipRelGap,
    seed: req.seed,
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  post({ type: 'result', result });
}
