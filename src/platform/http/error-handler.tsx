import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERROR_TABLE, type ErrorCode, type FieldProblem } from '../errors/app-error.ts';
import { Layout } from '../html/layout.tsx';
import { sendFragment, sendHtml } from '../html/render.ts';
import { type MessageKey, translator } from '../i18n/index.ts';

/** Maps anything thrown to an AppError; unknown errors become INTERNAL with no details. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const problems: FieldProblem[] = e.validation.map((v) => ({
      path:
        v.instancePath.replace(/^\//, '').replace(/\//g, '.') ||
        ((v.params.issue as { path?: PropertyKey[] })?.path ?? []).map(String).join('.'),
      message: v.message ?? 'invalid',
    }));
    return new AppError('VALIDATION_FAILED', {}, problems);
  }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('BODY_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('MALFORMED_JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return new AppError('VALIDATION_FAILED');
    default:
      break;
  }
  if (e.statusCode === 429) return new AppError('RATE_LIMITED');
  if (e.statusCode === 503) return new AppError('SERVICE_UNAVAILABLE');
  if (e.statusCode === 413) return new AppError('BODY_TOO_LARGE');
  if (e.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (e.statusCode === 404) return new AppError('NOT_FOUND');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500 && !isResponseSerializationError(e))
    return new AppError('VALIDATION_FAILED');
  return new AppError('INTERNAL');
}

export function problemType(code: ErrorCode): string {
  return `/docs/errors#error-${code}`;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  // Plugins such as the rate limiter and under-pressure refuse in their own onRequest hooks,
  // before the pipeline has set the locale and view context: fall back to Vietnamese and an
  // anonymous context so the answer is still a translated page or problem+json, not a crash.
  if (!request.t) request.t = translator('vi');
  if (!request.viewContext) {
    const path = request.url.split('?')[0] ?? '/';
    request.isApi = path.startsWith('/api/') || path === '/openapi.json' || path.startsWith('/health');
    request.viewContext = () => ({ t: request.t, locale: 'vi', actor: null, csrfToken: '', path, requestId: request.id });
  }
  const t = request.t;
  const title = t(ERROR_TABLE[err.code].key as MessageKey, err.params);
  if (err.code === 'RATE_LIMITED' || err.code === 'AUTH_LOCKED') reply.header('Retry-After', '60');
  if (err.code === 'SERVICE_UNAVAILABLE') reply.header('Retry-After', '10');
  if (request.isApi) {
    return reply
      .status(err.status)
      .type('application/problem+json; charset=utf-8')
      .send(
        JSON.stringify({
          type: problemType(err.code),
          title,
          status: err.status,
          detail: err.fieldProblems.length ? err.fieldProblems.map((p) => `${p.path || '(body)'}: ${p.message}`).join('; ') : title,
          code: err.code,
          correlationId: request.id,
          ...(err.fieldProblems.length ? { errors: err.fieldProblems } : {}),
        }),
      );
  }
  // A browser that is not signed in is sent to the sign-in page rather than shown a 401.
  if (err.code === 'UNAUTHENTICATED' && request.method === 'GET' && !request.isHtmx) {
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  }
  const ctx = request.viewContext();
  const body = (
    <div class="alert error" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      {err.fieldProblems.length > 0 && (
        <ul>
          {err.fieldProblems.map((p) => (
            <li>{t('error.field', { field: p.path || '—', message: p.message })}</li>
          ))}
        </ul>
      )}
      <p class="muted">{t('error.reference', { id: request.id })}</p>
    </div>
  );
  if (request.isHtmx) {
    reply.header('HX-Retarget', '#alerts').header('HX-Reswap', 'innerHTML');
    return sendFragment(reply, body, err.status);
  }
  return sendHtml(
    reply,
    <Layout ctx={ctx} title={t('error.title')}>
      <h1>{t('error.title')}</h1>
      {body}
      <p>
        <a href="/">{t('error.backHome')}</a>
      </p>
    </Layout>,
    err.status,
  );
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') {
      request.log.error({ err: error }, 'unhandled error');
    } else if (appError.status >= 500) {
      request.log.warn({ code: appError.code }, 'service error');
    }
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('NOT_FOUND')));
}
