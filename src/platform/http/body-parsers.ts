import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(request: FastifyRequest, body: Buffer): string {
  const charset = /charset=([^;]+)/i
    .exec(request.headers['content-type'] ?? '')?.[1]
    ?.trim()
    .toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  try {
    return utf8.decode(body);
  } catch {
    throw new AppError('BAD_ENCODING');
  }
}

/**
 * JSON and form bodies are read as bytes and decoded strictly, so invalid UTF-8 is a
 * clear 400 instead of silently becoming U+FFFD. JSON keys such as __proto__ are refused.
 */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'application/problem+json'], { parseAs: 'buffer' }, (request, body, done) => {
    try {
      const text = decodeUtf8(request, body as Buffer);
      if (text.trim() === '') return done(new AppError('MALFORMED_JSON'), undefined);
      const parsed = JSON.parse(text, (key, value) => {
        if (key === '__proto__' || key === 'constructor')
          throw new AppError('VALIDATION_FAILED', {}, [{ path: key, message: 'forbidden key' }]);
        return value;
      });
      done(null, parsed);
    } catch (e) {
      done(e instanceof AppError ? e : new AppError('MALFORMED_JSON'), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      const text = decodeUtf8(request, body as Buffer);
      const out: Record<string, string | string[]> = Object.create(null);
      for (const [k, v] of new URLSearchParams(text)) {
        const prev = out[k];
        out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      done(null, { ...out });
    } catch (e) {
      done(e instanceof AppError ? e : new AppError('VALIDATION_FAILED'), undefined);
    }
  });
}
