import { randomBytes } from 'node:crypto';
import type { Request } from './load-http.ts';
import type { ProvinceFacts } from './load-province.ts';

/**
 * The realistic mixed workload (issue 8 §1): what a commune's counter officers, specialists,
 * leader, the province analyst and citizens without an account do during a working day, with
 * weights. API calls carry the demo accounts' API tokens; page views carry the session
 * cookies of users signed in through the login form. Each kind says which statuses count as
 * success, so anything else (a 5xx above all) is an error.
 */

export type Sessions = { counter: string; specialist: string; leader: string };

export type Operation = {
  name: string;
  /** Who does it (for the report). */
  who: string;
  weight: number;
  ok: readonly number[];
  /**
   * An analytic read over a period's dossiers (behind the heavy-reads bulkhead): seconds by
   * design on a year of data, so the load test judges its p99 against its own limit.
   */
  analytic?: true;
  build: (ctx: WorkloadContext) => Request;
};

export type WorkloadContext = {
  facts: ProvinceFacts;
  sessions: Sessions;
  /** A valid self-assessment body for the specialist's open sheet. */
  reviewBody: string | null;
  random: () => number;
  /** The local month the scorecard and overview reads ask for. */
  year: number;
  month: number;
};

/** Browsers ask for compressed pages; so does the load, so compression costs what it costs in production. */
const BROWSER = { accept: 'text/html', 'accept-encoding': 'br, gzip' };
const API = { accept: 'application/json', 'accept-encoding': 'br, gzip' };

function pick<T>(xs: readonly T[], r: number): T {
  const x = xs[Math.floor(r * xs.length)];
  if (x === undefined) throw new Error('nothing to pick from');
  return x;
}

const bearer = (token: string) => ({ ...API, authorization: `Bearer ${token}` });

let intakeSerial = 0;

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'intake (POST /api/v1/dossiers)',
    who: 'counter officer',
    weight: 10,
    ok: [201],
    build: (c) => {
      intakeSerial++;
      return {
        method: 'POST',
        path: '/api/v1/dossiers',
        headers: {
          ...bearer(c.facts.tokens.counter),
          'content-type': 'application/json',
          'idempotency-key': `load-${randomBytes(8).toString('hex')}`,
        },
        body: JSON.stringify({
          procedureCode: '1.001193',
          competentUnitId: c.facts.counterUnitId,
          channel: 'IN_PERSON',
          applicantName: `Nguyễn Thị Tải ${intakeSerial}`,
          applicantPhone: `0905${String(100000 + (intakeSerial % 900000)).padStart(6, '0')}`,
          summary: 'Hồ sơ của bài thử tải',
        }),
      };
    },
  },
  {
    name: 'inbox (GET /api/v1/inbox)',
    who: 'field specialist',
    weight: 10,
    ok: [200],
    build: (c) => ({ method: 'GET', path: '/api/v1/inbox', headers: bearer(c.facts.tokens.specialist) }),
  },
  {
    name: 'inbox page (GET /inbox)',
    who: 'counter officer',
    weight: 8,
    ok: [200],
    build: (c) => ({ method: 'GET', path: '/inbox', headers: { ...BROWSER, cookie: c.sessions.counter } }),
  },
  {
    name: 'dossier page (GET /dossiers/:id)',
    who: 'field specialist',
    weight: 14,
    ok: [200],
    build: (c) => ({
      method: 'GET',
      path: `/dossiers/${pick(c.facts.unitDossierIds, c.random())}`,
      headers: { ...BROWSER, cookie: c.sessions.specialist },
    }),
  },
  {
    name: 'dossier (GET /api/v1/dossiers/:id)',
    who: 'counter officer',
    weight: 5,
    ok: [200],
    build: (c) => ({
      method: 'GET',
      path: `/api/v1/dossiers/${pick(c.facts.unitDossierIds, c.random())}`,
      headers: bearer(c.facts.tokens.counter),
    }),
  },
  {
    name: 'tracking (GET /api/v1/public/track)',
    who: 'citizen, no account',
    weight: 14,
    ok: [200],
    build: (c) => {
      const t = pick(c.facts.tracked, c.random());
      return { method: 'GET', path: `/api/v1/public/track?code=${encodeURIComponent(t.code)}&phone4=${t.phone4}`, headers: API };
    },
  },
  {
    name: 'tracking page (GET /track)',
    who: 'citizen, no account',
    weight: 10,
    ok: [200],
    build: (c) => {
      const t = pick(c.facts.tracked, c.random());
      return { method: 'GET', path: `/track?code=${encodeURIComponent(t.code)}&phone4=${t.phone4}`, headers: BROWSER };
    },
  },
  {
    name: 'scorecard (GET /api/v1/scorecards/766)',
    analytic: true,
    who: 'province analyst',
    weight: 4,
    ok: [200],
    build: (c) => ({
      method: 'GET',
      path: `/api/v1/scorecards/766?period=month&year=${c.year}&month=${c.month}`,
      headers: bearer(c.facts.tokens.analyst),
    }),
  },
  {
    name: 'scorecard page (GET /scorecard)',
    analytic: true,
    who: 'commune leader',
    weight: 3,
    ok: [200],
    build: (c) => ({ method: 'GET', path: '/scorecard', headers: { ...BROWSER, cookie: c.sessions.leader } }),
  },
  {
    name: 'overview (GET /api/v1/overview)',
    analytic: true,
    who: 'province analyst',
    weight: 4,
    ok: [200],
    build: (c) => ({
      method: 'GET',
      path: `/api/v1/overview?period=month&year=${c.year}&month=${c.month}`,
      headers: bearer(c.facts.tokens.analyst),
    }),
  },
  {
    name: 'overview page (GET /overview)',
    analytic: true,
    who: 'commune leader',
    weight: 3,
    ok: [200],
    build: (c) => ({ method: 'GET', path: '/overview', headers: { ...BROWSER, cookie: c.sessions.leader } }),
  },
  {
    name: 'review submission (PUT …/self-assessment)',
    who: 'field specialist',
    weight: 3,
    ok: [200],
    build: (c) => {
      const r = c.facts.review;
      if (!r || !c.reviewBody) throw new Error('the demo has no open self-assessment for the specialist');
      return {
        method: 'PUT',
        path: `/api/v1/review-campaigns/${r.campaignId}/participants/${r.participantId}/self-assessment`,
        headers: { ...bearer(c.facts.tokens.specialist), 'content-type': 'application/json' },
        body: c.reviewBody,
      };
    },
  },
];

/** The operations this province can run (the review submission needs an open sheet). */
export function operationsFor(ctx: WorkloadContext): Operation[] {
  return OPERATIONS.filter((o) => !o.name.startsWith('review') || ctx.reviewBody !== null);
}
