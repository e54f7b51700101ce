import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Synchroniser tokens bound to the session (or, before login, to an anonymous cookie):
 * HMAC(server key, binding). Nothing to store, and a token from one session is useless in another.
 */
export function csrfTokenFor(key: Buffer, binding: string): string {
  return createHmac('sha256', key).update(`csrf:${binding}`).digest('base64url');
}

export function isValidCsrf(key: Buffer, binding: string, token: unknown): boolean {
  if (typeof token !== 'string' || token.length === 0) return false;
  const expected = Buffer.from(csrfTokenFor(key, binding));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
