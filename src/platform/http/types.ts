import type { Actor } from '../auth/actor.ts';
import type { SessionStage } from '../auth/auth.repository.ts';
import type { Permission } from '../auth/roles.ts';
import type { ViewContext } from '../html/view-context.ts';
import type { Locale, Translate } from '../i18n/index.ts';

/** Every route declares who may call it; a route without `access` fails at start-up. */
export type Access = 'public' | 'authenticated' | Permission;

export type PendingSession = { sessionId: string; userId: number; stage: Exclude<SessionStage, 'active'> };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Skip the CSRF check: only for routes that change nothing or authenticate otherwise. */
    csrfExempt?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered with an access rule, as 'METHOD /url' (for the authz coverage test). */
    routeList: string[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    pending: PendingSession | null;
    locale: Locale;
    t: Translate;
    /** What the CSRF token is bound to: the session id, or the anonymous cookie. */
    csrfBinding: string | null;
    isApi: boolean;
    isHtmx: boolean;
    viewContext: () => ViewContext;
  }
}
