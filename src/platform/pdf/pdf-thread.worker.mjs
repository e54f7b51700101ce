// Worker-thread entry (plain JS so Node can start it): loads tsx, then the TypeScript render entry.
// Loader hooks of the main thread do not reach a worker on Node 20, hence the register here
// (the same approach as training/plan-versions/solve/solve-thread.worker.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./pdf-thread.entry.ts');
