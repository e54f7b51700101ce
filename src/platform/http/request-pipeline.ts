import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditEvent } from '../audit/audited.ts';
import type { Actor } from '../auth/actor.ts';
import { type AuthDeps, authenticateBearer, resolveSession } from '../auth/auth.service.ts';
import { roleHas } from '../auth/roles.ts';
import { AppError } from '../errors/app-error.ts';
import { isLocale, type Locale, translator } from '../i18n/index.ts';
import { type CookieNames, setCookie } from './cookies.ts';
import { csrfTokenFor, isValidCsrf } from './csrf.ts';
import type { Access } from './types.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function checkAccess(access: Access, actor: Actor | null): void {
  if (access === 'public') return;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (access === 'authenticated') return;
  if (!roleHas(actor.role, access)) throw new AppError('FORBIDDEN');
}

/**
 * The request path before any handler: locale → who is calling (Bearer token or session
 * cookie) → may they call this route → CSRF for state changes made with a cookie.
 * A refused authorisation is audited.
 */
export function registerRequestPipeline(app: FastifyInstance, deps: AuthDeps, cookies: CookieNames): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('pending', null);
  app.decorateRequest('locale', 'vi');
  app.decorateRequest('csrfBinding', null);
  app.decorateRequest('isApi', false);
  app.decorateRequest('isHtmx', false);
  // Decorators cannot hold functions shared by reference safely; set per request in onRequest.
  app.decorateRequest('t', null as unknown as FastifyRequest['t']);
  app.decorateRequest('viewContext', null as unknown as FastifyRequest['viewContext']);

  const routes: string[] = [];
  app.decorate('routeList', routes);
  app.addHook('onRoute', (route) => {
    if (route.method === 'HEAD' || route.url.startsWith('/static')) return;
    if (!route.config?.access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    for (const m of [route.method].flat()) routes.push(`${m} ${route.url}`);
  });

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    request.isApi = path.startsWith('/api/') || path === '/openapi.json' || path.startsWith('/health');
    request.isHtmx = request.headers['hx-request'] === 'true';
    const langCookie = request.cookies[cookies.lang];
    let locale: Locale = isLocale(langCookie) ? langCookie : 'vi';
    request.locale = locale;
    request.t = translator(locale);
    request.viewContext = () => ({
      t: request.t,
      locale: request.locale,
      actor: request.actor,
      csrfToken: request.csrfBinding ? csrfTokenFor(deps.secrets.csrfKey, request.csrfBinding) : '',
      path,
      requestId: request.id,
    });
    if (path.startsWith('/static/') || path.startsWith('/health/')) return;

    const authz = request.headers.authorization;
    if (authz !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authz);
      if (!m?.[1]) throw new AppError('AUTH_TOKEN_INVALID');
      request.actor = await authenticateBearer(deps, m[1]);
    } else {
      const sid = request.cookies[cookies.session];
      if (sid) {
        const resolved = await resolveSession(deps, sid);
        if (resolved.kind === 'active') {
          request.actor = resolved.actor;
          request.csrfBinding = resolved.sessionId;
        } else if (resolved.kind === 'pending') {
          request.pending = { sessionId: resolved.sessionId, userId: resolved.userId, stage: resolved.stage };
          request.csrfBinding = resolved.sessionId;
        }
      }
      if (!request.csrfBinding && !request.isApi) {
        let anon = request.cookies[cookies.anon];
        if (!anon || !/^[A-Za-z0-9_-]{20,64}$/.test(anon)) {
          anon = randomBytes(18).toString('base64url');
          setCookie(reply, cookies, cookies.anon, anon);
        }
        request.csrfBinding = `anon:${anon}`;
      }
    }
    if (!isLocale(langCookie) && request.actor && isLocale(request.actor.locale)) {
      locale = request.actor.locale;
      request.locale = locale;
      request.t = translator(locale);
    }

    const access = request.routeOptions.config?.access ?? 'public';
    try {
      checkAccess(access, request.actor);
    } catch (e) {
      if (e instanceof AppError && e.code === 'FORBIDDEN' && request.actor) {
        await auditEvent(
          deps.db,
          { actor: request.actor, requestId: request.id, at: deps.clock.now().toISOString(), provinceCode: request.actor.provinceCode },
          'authz.denied',
          'route',
          `${request.method} ${request.routeOptions.url ?? path}`,
        );
      }
      if (e instanceof AppError && e.code === 'UNAUTHENTICATED' && request.pending && !request.isApi) {
        return reply.redirect(request.pending.stage === 'mfa' ? '/login/totp' : '/login/totp/enrol', 303);
      }
      throw e;
    }
  });

  // Object-level refusals look like 404s to the caller but are recorded like route refusals.
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof AppError) || !error.denied || !request.actor) return;
    await auditEvent(
      deps.db,
      { actor: request.actor, requestId: request.id, at: deps.clock.now().toISOString(), provinceCode: request.actor.provinceCode },
      'authz.denied',
      'record',
      `${request.method} ${request.url.split('?')[0]}`,
    );
  });

  app.addHook('preValidation', async (request) => {
    if (!UNSAFE.has(request.method) || request.routeOptions.config?.csrfExempt) return;
    // Calls with a Bearer token, or API calls with no session cookie, carry no ambient
    // credentials a forged cross-site request could ride on, so CSRF does not apply.
    if (request.actor?.via === 'token') return;
    if (request.isApi && !request.cookies[cookies.session]) return;
    const body = request.body as Record<string, unknown> | undefined;
    const token = request.headers['x-csrf-token'] ?? (body && typeof body === 'object' ? body._csrf : undefined);
    if (!request.csrfBinding || !isValidCsrf(deps.secrets.csrfKey, request.csrfBinding, token)) {
      throw new AppError('CSRF_INVALID');
    }
    if (body && typeof body === 'object' && '_csrf' in body) delete body._csrf;
  });
}
