import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';

/**
 * A bulkhead for the analytic reads that compute over a period's dossiers (overview, Decision 766
 * scorecard, workload statistics): at most `concurrency` of them run at once in a process, and one
 * that cannot start within `maxWaitMs` is refused with the standard 503 (problem+json or page,
 * Retry-After) instead of queueing until the client gives up. Their CPU work runs on the main
 * thread for seconds on a year of data; without a bound, a few analysts opening the overview
 * together made it answer after more than 15 s and starved intake and tracking (the soak test,
 * issue 8 §2: "never time out silently").
 */
export class Bulkhead {
  #running = 0;
  readonly #waiting: Array<{ grant: () => void }> = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaitMs: number,
  ) {}

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Resolves with a release function once a slot is free; false when none freed within maxWaitMs. */
  acquire(): Promise<(() => void) | false> {
    if (this.#running < this.concurrency) {
      this.#running++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve) => {
      const entry = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.#releaser());
        },
      };
      const timer = setTimeout(() => {
        const i = this.#waiting.indexOf(entry);
        if (i >= 0) this.#waiting.splice(i, 1);
        resolve(false);
      }, this.maxWaitMs);
      this.#waiting.push(entry);
    });
  }

  /** A release that frees the slot once, handing it straight to the longest waiter if any. */
  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next.grant();
      else this.#running--;
    };
  }
}

/** The routes behind the bulkhead (Fastify route patterns). */
export const HEAVY_READ_ROUTES: ReadonlySet<string> = new Set([
  '/api/v1/overview',
  '/overview',
  '/api/v1/scorecards/766',
  '/scorecard',
  '/scorecard.xlsx',
  '/api/v1/statistics/workload',
  '/statistics',
]);

const RELEASE = Symbol('heavyReadRelease');
type WithRelease = FastifyRequest & { [RELEASE]?: () => void };

export function registerHeavyReads(app: FastifyInstance, bulkhead: Bulkhead, routes: ReadonlySet<string> = HEAVY_READ_ROUTES): void {
  app.decorate('heavyReads', bulkhead);
  // preHandler: after authentication and validation, so refused or malformed requests never wait.
  app.addHook('preHandler', async (request) => {
    if (!routes.has(request.routeOptions.url ?? '')) return;
    const release = await bulkhead.acquire();
    if (release === false) throw new AppError('SERVICE_UNAVAILABLE');
    (request as WithRelease)[RELEASE] = release;
  });
  const release = async (request: FastifyRequest) => (request as WithRelease)[RELEASE]?.();
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
}

declare module 'fastify' {
  interface FastifyInstance {
    heavyReads: Bulkhead;
  }
}
