import type { FastifyReply } from 'fastify';

/**
 * Cookie names and attributes. With COOKIE_SECURE (the default) the session cookie is a
 * __Host- cookie: Secure, Path=/, no Domain, so no subdomain or plain-HTTP page can set it.
 */
export type CookieNames = { session: string; anon: string; lang: string; secure: boolean };

export function cookieNames(secure: boolean): CookieNames {
  return secure
    ? { session: '__Host-cadre_sid', anon: '__Host-cadre_anon', lang: '__Host-cadre_lang', secure }
    : { session: 'cadre_sid', anon: 'cadre_anon', lang: 'cadre_lang', secure };
}

export function setCookie(reply: FastifyReply, names: CookieNames, name: string, value: string, maxAgeSeconds?: number): void {
  reply.setCookie(name, value, {
    path: '/',
    httpOnly: true,
    secure: names.secure,
    sameSite: 'lax',
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  });
}

export function clearCookie(reply: FastifyReply, names: CookieNames, name: string): void {
  reply.clearCookie(name, { path: '/', httpOnly: true, secure: names.secure, sameSite: 'lax' });
}
