import type { FastifyInstance, InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/auth/roles.ts';
import type { Fixture, TestApp, TestUser } from './fixture.ts';

/**
 * One row of the authorization matrix (house rule 12). Every route of the app must be
 * covered by a row; `test/authz-coverage.authz.test.ts` fails on a route nobody tests.
 *
 * The runner proves, for the row:
 *  - anonymous callers are refused (401, or a redirect to /login for HTML pages);
 *  - every role not in `allowed` gets 403;
 *  - for `scope: 'unit'`, the allowed unit roles of ANOTHER commune are refused (403/404);
 *  - the administrator of another province is refused (403/404) when province roles are allowed;
 *  - the allowed roles in the right unit succeed (`okStatus`).
 */
export type AuthzCase = {
  /** Route as registered, e.g. 'GET /api/v1/units/:id' — used by the coverage check. */
  route: string;
  /** The concrete request; receives the fixture so it can address unit A's records. */
  request: (f: Fixture) => { url: string; payload?: Record<string, unknown>; form?: Record<string, string> };
  allowed: readonly Role[] | 'public' | 'authenticated';
  /** 'unit': the record belongs to commune A, so commune-B roles must be refused. */
  scope: 'unit' | 'province' | 'none';
  okStatus?: number[];
  /** Run the success check only for these users (for writes that can only succeed once). */
  successAs?: string[];
};

const ALL_USERS = (f: Fixture) => Object.values(f.users);

export async function callAs(app: FastifyInstance, user: TestUser | null, method: string, req: ReturnType<AuthzCase['request']>) {
  const isApi = req.url.startsWith('/api/');
  const opts: InjectOptions = { method: method as InjectOptions['method'], url: req.url, headers: {} };
  const headers = opts.headers as Record<string, string>;
  if (user && isApi) headers.authorization = user.bearer;
  if (user && !isApi) {
    headers.cookie = user.cookie;
    headers['x-csrf-token'] = user.csrf;
  }
  if (req.payload) opts.payload = req.payload;
  if (req.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    opts.payload = new URLSearchParams(req.form).toString();
  }
  return app.inject(opts);
}

function isAllowed(c: AuthzCase, user: TestUser): boolean {
  if (c.allowed === 'public') return true;
  if (c.allowed === 'authenticated') return true;
  return c.allowed.includes(user.role);
}

/** Registers the matrix tests for a list of cases against one app built by `setup`. */
export function describeAuthzMatrix(title: string, getApp: () => TestApp, cases: AuthzCase[]): void {
  describe(title, () => {
    for (const c of cases) {
      const [method = 'GET'] = c.route.split(' ');
      describe(c.route, () => {
        it('refuses anonymous callers', async () => {
          if (c.allowed === 'public') return;
          const { app, fixture } = getApp();
          const req = c.request(fixture);
          const res = await callAs(app, null, method, req);
          if (!req.url.startsWith('/api/') && method === 'GET') {
            expect(res.statusCode).toBe(303);
            expect(res.headers.location).toMatch(/^\/login/);
          } else {
            expect([401, 403]).toContain(res.statusCode);
          }
        });

        it('refuses roles without the permission, and other units and provinces', async () => {
          const { app, fixture } = getApp();
          const req = c.request(fixture);
          for (const user of ALL_USERS(fixture)) {
            const otherUnit = c.scope === 'unit' && user.unitId !== null && user.unitId !== fixture.unitA;
            const otherProvince = c.scope !== 'none' && user.provinceCode !== fixture.provinceCode;
            if (isAllowed(c, user) && !otherUnit && !otherProvince) continue;
            const res = await callAs(app, user, method, req);
            const expected = isAllowed(c, user) ? [403, 404] : [403];
            expect({ user: user.username, status: res.statusCode }).toEqual({ user: user.username, status: expect.toBeOneOf(expected) });
          }
        });

        it('lets the allowed roles of the right unit through', async () => {
          const { app, fixture } = getApp();
          const users = ALL_USERS(fixture).filter(
            (u) =>
              isAllowed(c, u) &&
              u.provinceCode === fixture.provinceCode &&
              !(c.scope === 'unit' && u.unitId !== null && u.unitId !== fixture.unitA) &&
              (!c.successAs || c.successAs.includes(u.username)),
          );
          expect(users.length).toBeGreaterThan(0);
          for (const user of users) {
            const res = await callAs(app, user, method, c.request(fixture));
            expect({ user: user.username, status: res.statusCode }).toEqual({
              user: user.username,
              status: expect.toBeOneOf(c.okStatus ?? [200]),
            });
          }
        });
      });
    }
  });
}
