import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Dialect } from '../../../src/platform/db/database.ts';
import type { AttackServer } from '../support/cadre-server.ts';
import { routeShape } from '../support/crawl.ts';
import { FULL, LIMITS } from '../support/mode.ts';
import { injectable, type OpenApi, operationsOf } from '../support/openapi-targets.ts';
import { walked } from '../support/shared.ts';
import { runAll, runSqlmap, type SqlmapTarget, type SqlmapVerdict } from '../support/sqlmap.ts';
import { ensureDebianTools } from '../support/tools.ts';
import { startVulnerableTwin } from '../support/vulnerable-twin.ts';
import { WebClient } from '../support/web-client.ts';

/**
 * sqlmap against Cadre: the short form attacks three requests (a searched list with an API
 * token, the sign-in form with its cookie and CSRF token, a public JSON submission); the
 * full form every API operation of the OpenAPI document (with the token of a role it
 * accepts, public ones without) and every HTML form the role walks found. Zero injectable
 * parameters, read from sqlmap's output and log.
 */

/** Requests a scan must not send: they would end the sessions and tokens the scan itself rides on. */
const NEVER = [/^\/api\/v1\/tokens/, /\/disable$/, /^\/logout/, /^\/account\/(tokens|password|totp)/, /^\/login\/totp/];
const ROLES_TO_TRY = ['padmin', 'hr', 'leader', 'counter', 'specialist', 'analyst', 'admin'];

function verdictLines(verdicts: SqlmapVerdict[]): string[] {
  return verdicts.map(
    (v) =>
      `${v.label}: ${v.injectable.length ? `INJECTABLE ${v.injectable.join(', ')}` : 'clean'} (${v.seconds} s${v.capped ? ', capped' : ''})`,
  );
}

export function sqlmapChecks(server: () => AttackServer, dialect: Dialect): void {
  const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-sqlmap-'));
  const dbms = dialect === 'postgres' ? 'PostgreSQL' : 'SQLite';
  const run = (t: SqlmapTarget) => runSqlmap(t, { dbms, capSeconds: LIMITS.sqlmapTargetSeconds, outputDir });

  beforeAll(() => ensureDebianTools(), 900_000);

  const judge = (verdicts: SqlmapVerdict[]) => {
    console.info(`sqlmap (${dialect}), ${verdicts.length} targets, output in ${outputDir}:\n  ${verdictLines(verdicts).join('\n  ')}`);
    expect(verdicts.filter((v) => v.critical.some((c) => /connection (refused|reset)|unable to connect/i.test(c)))).toEqual([]);
    expect(verdicts.filter((v) => v.injectable.length > 0).map((v) => `${v.label}: ${v.injectable.join(', ')}`)).toEqual([]);
  };

  it('sqlmap flags a deliberately injectable twin, so "clean" below means something', async () => {
    const twin = await startVulnerableTwin();
    try {
      const [v] = await runAll([{ label: 'vulnerable twin', url: `${twin.base}/staff?q=An` }], 1, (t) =>
        runSqlmap(t, { dbms: 'SQLite', capSeconds: 120, outputDir }),
      );
      expect(v?.injectable.length, v?.outputTail).toBeGreaterThan(0);
    } finally {
      await twin.close();
    }
  });

  if (!FULL) {
    it('sqlmap: a searched list, the sign-in form and a public submission are not injectable', async () => {
      const s = server();
      const anon = new WebClient(s.base);
      const csrf = await anon.csrfFrom('/login');
      const targets: SqlmapTarget[] = [
        {
          label: 'GET /api/v1/staff?q (token)',
          url: `${s.base}/api/v1/staff?q=nguyen&status=ACTIVE&page=1`,
          headers: { authorization: `Bearer ${s.province.token}` },
          params: ['q', 'status'],
        },
        {
          label: 'POST /login (form, cookie + CSRF)',
          url: `${s.base}/login`,
          data: `username=nobody&password=x-Password-1&_csrf=${encodeURIComponent(csrf)}`,
          headers: { cookie: anon.cookieHeader() },
          params: ['username'],
        },
        {
          label: 'POST /api/v1/public/feedback (public JSON)',
          url: `${s.base}/api/v1/public/feedback`,
          data: JSON.stringify({
            unitId: s.province.unitId,
            kind: 'FEEDBACK',
            text: 'Góp ý thử nghiệm bảo mật',
            contact: 'abc',
            dossierCode: 'X',
          }),
          headers: { 'content-type': 'application/json' },
        },
      ];
      const verdicts = await runAll(targets, LIMITS.sqlmapParallel, run);
      judge(verdicts);
      // Each run got as far as a verdict, or used its whole time cap on payloads.
      expect(verdicts.every((v) => v.completed || v.capped)).toBe(true);
    });
    return;
  }

  it('sqlmap: every API operation of the OpenAPI document is not injectable', async () => {
    const s = server();
    const doc = (await (await fetch(`${s.base}/openapi.json`)).json()) as OpenApi;
    const ops = operationsOf(doc).filter((op) => injectable(op) && op.method !== 'DELETE' && !NEVER.some((re) => re.test(op.template)));
    const targets: SqlmapTarget[] = [];
    for (const op of ops) {
      const qs = new URLSearchParams(op.query).toString();
      const url = `${s.base}${op.path}${qs ? `?${qs}` : ''}`;
      const data = op.hasJsonBody ? JSON.stringify(op.body) : undefined;
      let auth: Record<string, string> = {};
      if (!op.template.startsWith('/api/v1/public/')) {
        // The first role the route lets in (a probe with the untouched request).
        for (const role of ROLES_TO_TRY) {
          const headers = { authorization: `Bearer ${await s.tokenFor(role)}`, ...(data ? { 'content-type': 'application/json' } : {}) };
          const res = await fetch(url, { method: op.method, headers, body: data, signal: AbortSignal.timeout(60_000) });
          await res.body?.cancel();
          auth = { authorization: headers.authorization };
          if (res.status !== 401 && res.status !== 403) break;
        }
      }
      const headers = { ...auth, ...(data ? { 'content-type': 'application/json' } : {}) };
      const label = `${op.method} ${op.template}`;
      if (qs || (data && data !== '{}')) targets.push({ label, url, method: op.method, data, headers });
      for (const p of op.stringPathParams) {
        const marked = op.template.replace(/\{(\w+)\}/g, (_, name: string) => `${op.pathValues[name]}${name === p ? '*' : ''}`);
        targets.push({ label: `${label} [path ${p}]`, url: `${s.base}${marked}`, method: op.method, data, headers });
      }
    }
    // Authentication itself: a forged session cookie and Bearer token.
    targets.push(
      { label: 'session cookie', url: `${s.base}/`, headers: { cookie: '__Host-cadre_sid=abc*' } },
      { label: 'bearer token', url: `${s.base}/api/v1/me`, headers: { authorization: 'Bearer cadre_pat_abc*' } },
    );
    judge(await runAll(targets, LIMITS.sqlmapParallel, run));
  });

  it('sqlmap: every HTML form the role walks found is not injectable', async () => {
    const s = server();
    const targets: SqlmapTarget[] = [];
    const seen = new Set<string>();
    for (const [username, { client, forms }] of walked) {
      for (const form of forms) {
        const shape = routeShape(form.action);
        if (seen.has(shape) || NEVER.some((re) => re.test(form.action)) || Object.keys(form.fields).some((f) => /password/i.test(f)))
          continue;
        seen.add(shape);
        const csrf = await client.csrfFrom('/');
        const fields = { ...form.fields, _csrf: csrf };
        if (Object.keys(fields).length < 2) continue;
        targets.push({
          label: `${username} POST ${form.action}`,
          url: `${s.base}${form.action}`,
          data: new URLSearchParams(fields).toString(),
          headers: { cookie: client.cookieHeader() },
          skip: ['_csrf'],
        });
      }
    }
    judge(await runAll(targets, LIMITS.sqlmapParallel, run));
  });
}
