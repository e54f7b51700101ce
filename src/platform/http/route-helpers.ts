import type { FastifyRequest } from 'fastify';
import type { AuditMeta } from '../audit/audited.ts';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors/app-error.ts';
import type { Clock } from '../time/clock.ts';

/** The access hook has already refused anonymous callers; this narrows the type for handlers. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

/** htmx asks for the fragment, except when it restores history and needs the whole page. */
export function wantsFragment(request: FastifyRequest): boolean {
  return request.isHtmx && request.headers['hx-history-restore-request'] !== 'true';
}

/** Who and which request a write belongs to, for audited(). */
export function auditMetaOf(request: FastifyRequest, actor: Actor, clock: Clock): AuditMeta {
  return { actor, requestId: request.id, at: clock.now().toISOString(), provinceCode: actor.provinceCode };
}
