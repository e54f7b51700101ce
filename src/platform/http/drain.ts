import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.ts';

/**
 * While the server drains (graceful shutdown, app.close()), requests that still arrive on
 * kept-alive connections are refused with the standard 503: problem+json for the API or a
 * translated page, Retry-After, and `Connection: close`, so a client or load balancer knows
 * to come back or go elsewhere. Fastify's own return503OnClosing answered a bare JSON body
 * with no Retry-After (found by the load test's shutdown-under-load check, issue 8 §1), so
 * buildApp turns that off and registers this first among the request hooks.
 */
export function registerDrainRefusal(app: FastifyInstance): void {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!draining) return;
    reply.header('connection', 'close');
    throw new AppError('SERVICE_UNAVAILABLE');
  });
}
