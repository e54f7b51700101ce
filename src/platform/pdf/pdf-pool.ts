import { Worker } from 'node:worker_threads';
import { AppError } from '../errors/app-error.ts';
import { projectFileUrl } from '../project-root.ts';
import type { PdfJobMessage, PdfResultMessage } from './pdf-thread.messages.ts';

export type PdfPoolOptions = {
  /** Worker threads at most; each is started on first need and kept (idle ones do not hold the process open). */
  size: number;
  /** Longest one render may take in a worker before the worker is ended and the request answered 503. */
  timeoutMs?: number;
  /** Told when a worker dies or is ended under a render (the app logs it). */
  onWorkerLost?: (err: Error) => void;
  /** The worker script; tests point it at a wrapper that can crash on demand. */
  workerUrl?: URL;
};

type Job = { id: number; definition: object; resolve: (pdf: Buffer) => void; reject: (e: unknown) => void };
type Slot = { worker: Worker; threadId: number; job: Job | null; timer: NodeJS.Timeout | null; error: Error | null };

const DEFAULT_WORKER = projectFileUrl('src/platform/pdf/pdf-thread.worker.mjs');
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** The request's error when its worker is lost: 503 (Retry-After) for the client, the cause for the log. */
function workerLost(cause: Error): AppError {
  return Object.assign(new AppError('SERVICE_UNAVAILABLE'), { cause });
}

/**
 * A small pool of PDF render workers with a FIFO queue. A worker that dies (uncaught error,
 * out of memory, exit) fails only the render it held, with a 503 whose cause names the exit;
 * the next render starts a fresh worker. A definition the structured clone refuses (a
 * function inside, e.g. a pdfmake header callback) is rendered on the main thread instead.
 */
export class PdfWorkerPool {
  readonly #size: number;
  readonly #timeoutMs: number;
  readonly #workerUrl: URL;
  readonly #onWorkerLost: (err: Error) => void;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;
  #renderedHere = 0;

  constructor(opts: PdfPoolOptions) {
    if (!Number.isInteger(opts.size) || opts.size < 1) throw new Error(`PDF pool size must be a positive integer, got ${opts.size}`);
    this.#size = opts.size;
    this.#timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#workerUrl = opts.workerUrl ?? DEFAULT_WORKER;
    this.#onWorkerLost = opts.onWorkerLost ?? (() => {});
  }

  /** Workers alive now (started lazily, so 0 before the first render). */
  get workerCount(): number {
    return this.#slots.length;
  }

  /** Thread ids of the live workers, so a test can tell a replaced worker from the old one. */
  get threadIds(): number[] {
    return this.#slots.map((s) => s.threadId);
  }

  /** Renders that fell back to the main thread because their definition could not be cloned. */
  get renderedOnMainThread(): number {
    return this.#renderedHere;
  }

  render(definition: object): Promise<Buffer> {
    if (this.#closed) return Promise.reject(new Error('PDF rendering has been shut down'));
    return new Promise<Buffer>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, definition, resolve, reject });
      this.#pump();
    });
  }

  /** Ends every worker; renders in flight or queued are refused (app shutdown). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new Error('PDF rendering has been shut down'));
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }

  #pump(): void {
    while (!this.#closed && this.#queue.length > 0) {
      const slot = this.#slots.find((s) => s.job === null) ?? (this.#slots.length < this.#size ? this.#spawn() : null);
      if (!slot) return;
      const job = this.#queue.shift() as Job;
      const message: PdfJobMessage = { id: job.id, definition: job.definition };
      try {
        slot.worker.postMessage(message);
      } catch (e) {
        // DataCloneError: the definition holds something only this thread can run (a function).
        this.#renderedHere++;
        void renderHere(job.definition).then(job.resolve, job.reject);
        if (!(e instanceof Error && e.name === 'DataCloneError')) this.#onWorkerLost(e as Error);
        continue;
      }
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => this.#timeOut(slot), this.#timeoutMs);
      slot.timer.unref();
    }
  }

  #spawn(): Slot {
    const worker = new Worker(this.#workerUrl);
    const slot: Slot = { worker, threadId: worker.threadId, job: null, timer: null, error: null };
    worker.unref();
    worker.on('message', (m: PdfResultMessage) => this.#answer(slot, m));
    worker.on('error', (e) => {
      slot.error = e;
    });
    worker.on('exit', (code) => this.#lost(slot, code));
    this.#slots.push(slot);
    return slot;
  }

  #release(slot: Slot): Job | null {
    const job = slot.job;
    slot.job = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.worker.unref();
    return job;
  }

  #answer(slot: Slot, m: PdfResultMessage): void {
    if (slot.job?.id !== m.id) return;
    const job = this.#release(slot) as Job;
    if (m.ok) job.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
    else job.reject(new Error(`PDF rendering failed: ${m.message}`));
    this.#pump();
  }

  #timeOut(slot: Slot): void {
    slot.error = new Error(`PDF render took longer than ${this.#timeoutMs} ms; its worker was ended`);
    void slot.worker.terminate();
  }

  #lost(slot: Slot, code: number): void {
    const at = this.#slots.indexOf(slot);
    if (at >= 0) this.#slots.splice(at, 1);
    const job = this.#release(slot);
    if (this.#closed) {
      job?.reject(new Error('PDF rendering has been shut down'));
      return;
    }
    const cause = new Error(
      `PDF render worker (thread ${slot.threadId}) exited with code ${code}${slot.error ? `: ${slot.error.message}` : ''}`,
      { cause: slot.error ?? undefined },
    );
    this.#onWorkerLost(cause);
    job?.reject(workerLost(cause));
    // The queue goes on with a fresh worker (started by #pump when there is work).
    this.#pump();
  }
}

/** The main-thread path: definitions that cannot be cloned, and PDF_WORKERS=0. pdfmake loads on first use. */
export async function renderHere(definition: object): Promise<Buffer> {
  const { renderDefinition } = await import('./pdf-engine.ts');
  return renderDefinition(definition);
}
