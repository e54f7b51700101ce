// Test-only render worker (pdf-pool.test.ts): the real one, except that a document titled
// __exit__ ends the thread (code 7) and one titled __throw__ throws outside any promise, as a
// crash (out of memory, a native fault, a bug in pdfmake's callbacks) would.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import('./pdf-thread.entry.ts');
// Added after the real handler, which only starts the render (pdfmake lays out after an await),
// so this one still acts on the same message first.
parentPort?.on('message', ({ definition }) => {
  const title = definition?.info?.title;
  if (title === '__exit__') process.exit(7);
  if (title === '__throw__') throw new Error('render worker blew up');
});
