// Worker-thread entry (plain JS so Node can start it): loads tsx, then the TypeScript solver entry.
// Loader hooks of the main thread do not reach a worker on Node 20, hence the register here.
import { register } from 'tsx/esm/api';

register();
await import('./solve-thread.entry.ts');
