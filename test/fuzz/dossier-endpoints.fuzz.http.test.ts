import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../src/platform/http/common.schemas.ts';
import { testDialects } from '../support/databases.ts';
import { DOSSIER_PROCEDURES, intakeBody, onlineBody, seedDossierProcedures } from '../support/dossier-builders.ts';
import { buildTestApp, type TestApp } from '../support/fixture.ts';

/**
 * Generated requests against every dossier endpoint (issue 3: "no 5xx, every refusal a clear
 * problem+json"). The routes come from the app itself (`routeList`, filled by an onRoute hook),
 * so a new dossier, processing, document, tracking or feedback route is fuzzed without a change
 * here; their parameters and body fields come from the app's own OpenAPI document, so the
 * generator reaches past schema validation into the use cases as well as hammering it.
 *
 * Reproducible: every route runs with a fixed seed derived from FUZZ_SEED (default below) and
 * the route; a failure names the route, the seed and the request. FUZZ_RUNS changes the count.
 */
const BASE_SEED = Number(process.env.FUZZ_SEED ?? 20_260_302);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/** The dossier area of the API: intake, detail, processing, documents, inbox, tracking, ratings, feedback, and the figures built on dossiers. */
const IN_SCOPE =
  /^(GET|POST|PUT|PATCH|DELETE) \/api\/v1\/(dossiers|inbox|feedback|ratings|track|statistics|scorecards|public\/(dossiers|track|ratings|feedback))(\/|$)/;

/** The dossier pages (HTML and htmx): refused with a translated page or fragment, never a crash. */
const PAGE_SCOPE = /^(GET|POST) \/(dossiers|inbox|track|feedback|submit)(\/|$)/;
const PAGE_RUNS = Number(process.env.FUZZ_PAGE_RUNS ?? 20);

const ACTORS = ['counter_officer_a', 'field_specialist_a', 'unit_leader_a', 'counter_officer_b', 'province_admin', 'system_admin'] as const;

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maximum?: number;
  format?: string;
};
type Operation = {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

/** Lone surrogates replaced, so the string can be percent-encoded (the server still gets them escaped in JSON bodies). */
function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Seeds, hashed with the route so each route has its own reproducible stream. */
function seedFor(route: string): number {
  let h = BASE_SEED | 0;
  for (const ch of route) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) | 0;
  return h;
}

const VIETNAMESE = [
  'Nguyễn Thị Hồng Nhung',
  'Đăng ký khai sinh cho con',
  'Xã Hòa Bình, huyện Phú Vang',
  'Trần Văn Ánh',
  // The same words decomposed (NFD): combining marks after base letters.
  'Nguyễn Thị Hồng Nhung'.normalize('NFD'),
  'ỆỆỆ ự ữ ẫ ẵ ỗ',
];
const NASTY = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007\u0008\u001b[31m',
  '\r\n\r\nX-Injected: 1',
  '\u202eevil',
  '\u200b\u200d\ufeff',
  '\ud800',
  '\udfff\ud800',
  '😀👨‍👩‍👧',
  '../../etc/passwd',
  '%00',
  '%zz',
  "' or 1=1 --",
  '"; drop table dossiers; --',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '$' + '{jndi:ldap://x}',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '9007199254740993',
  '2147483648',
  '-2147483649',
  '0x10',
  '1.5',
  '2026-02-30',
  '2026-13-01T25:61:00Z',
  '0000-00-00',
  '9999-12-31T23:59:59.999Z',
];

const weirdString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY, ...VIETNAMESE) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(4_000, 70_000).map((n) => 'ệ'.repeat(n)) },
);

const garbage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: weirdString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, -1, 0, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, 0.1) },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 200 }) },
);

/** A string matching the schema's pattern when fast-check can generate one, else any string of an allowed length. */
function patterned(s: JsonSchema): fc.Arbitrary<string> {
  const max = Math.min(s.maxLength ?? 40, 80);
  if (s.pattern) {
    try {
      const re = new RegExp(s.pattern);
      return fc.stringMatching(re).filter((v) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? 10_000));
    } catch {
      // A pattern fast-check cannot generate from: fall through.
    }
  }
  return fc.string({ minLength: Math.min(s.minLength ?? 0, max), maxLength: max });
}

/** Whether a string from the pools fits the schema, so strict generation can use real codes and dates. */
function fits(s: JsonSchema, v: string): boolean {
  if (v.length < (s.minLength ?? 0) || v.length > (s.maxLength ?? 10_000)) return false;
  try {
    return !s.pattern || new RegExp(s.pattern).test(v);
  } catch {
    return false;
  }
}

/**
 * Values for a JSON schema from the app's OpenAPI document. `strict`: what the schema accepts
 * (real ids and codes where they fit), so requests get past validation into the use cases;
 * otherwise close to it but often not (wrong lengths, other provinces' ids, Vietnamese text in code fields).
 */
function fromSchema(s: JsonSchema | undefined, pools: Pools, strict: boolean, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 4) return fc.jsonValue({ maxDepth: 2 });
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf) return fc.oneof(...s.anyOf.map((x) => fromSchema(x, pools, strict, depth + 1)));
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const arbs = types.map((type): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string': {
        const known = [...pools.strings, ...VIETNAMESE].filter((v) => !strict || fits(s, v));
        return known.length ? fc.oneof(patterned(s), fc.constantFrom(...known)) : patterned(s);
      }
      case 'integer': {
        const min = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : (s.minimum ?? (strict ? 0 : -5));
        const max = Math.min(s.maximum ?? 1_000_000, min + (strict ? 1_000 : 1_000_000));
        const ids = pools.ids.filter((v) => !strict || (v >= min && v <= max));
        const range = fc.integer({ min: Math.max(min, -1_000_000), max });
        return ids.length ? fc.oneof(fc.constantFrom(...ids), range) : range;
      }
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true, ...(strict ? { min: s.minimum ?? 0, max: s.maximum ?? 1e6 } : {}) });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(fromSchema(s.items, pools, strict, depth + 1), {
          minLength: strict ? (s.minItems ?? 0) : 0,
          maxLength: Math.max(s.minItems ?? 0, 5),
        });
      case 'object': {
        if (s.properties) {
          const props = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, fromSchema(v, pools, strict, depth + 1)]));
          return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
        }
        const values = typeof s.additionalProperties === 'object' ? fromSchema(s.additionalProperties, pools, strict, depth + 1) : garbage;
        return fc.dictionary(fc.oneof(fc.constantFrom(...pools.strings), fc.string({ maxLength: 12 })), values, { maxKeys: 6 });
      }
      default:
        return garbage;
    }
  });
  return arbs.length ? fc.oneof(...arbs) : fc.jsonValue({ maxDepth: 2 });
}

/** Sets an own property even for `__proto__`, so JSON.stringify sends the key as written. */
function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A near-valid object with some fields dropped, some replaced by garbage and some unknown or poisonous keys added. */
function mutatedObject(base: fc.Arbitrary<unknown>, keys: readonly string[]): fc.Arbitrary<unknown> {
  const extraKey = fc.oneof(fc.constantFrom(...keys, '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'), weirdString);
  return fc.tuple(base, fc.subarray([...keys]), fc.array(fc.tuple(extraKey, garbage), { maxLength: 3 })).map(([value, dropped, extra]) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!dropped.includes(k)) setOwn(o, k, v);
    for (const [k, v] of extra) setOwn(o, k, v);
    return o;
  });
}

const POLLUTION = [
  '{"__proto__":{"isAdmin":true,"role":"system_admin"}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"__proto__":null}',
  '{"a":1,"__proto__":{"toString":"x"}}',
  '[{"__proto__":{"x":1}}]',
];
const BROKEN_JSON = ['{', '{"a":', '[1,2', '{"a":1}}', '\u0000', 'nul', '{"a":"\\ud800"}', '{"a":1e99999}', '"\u0001"', ' ', ''];

type Body = { payload?: string | Buffer; contentType?: string };

function multipart(
  parts: { name: string; filename: string | null; type: string | null; content: string | Buffer }[],
  boundary: string,
): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === null ? '' : `; filename="${p.filename}"`}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type === null ? '' : `Content-Type: ${p.type}\r\n`}\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const multipartBody: fc.Arbitrary<Body> = fc
  .tuple(
    fc.array(
      fc.record({
        name: fc.oneof(fc.constantFrom('file', 'files', 'attachment', '__proto__'), fc.string({ maxLength: 10 })),
        filename: fc.option(
          fc.oneof(
            fc.constantFrom('a.pdf', 'b.png', 'c.jpg', 'x.exe', 'hồ sơ.pdf', '../../x.pdf', '.pdf', 'a.pdf.js'),
            fc.string({ maxLength: 30 }),
          ),
        ),
        type: fc.option(fc.constantFrom('application/pdf', 'image/png', 'image/jpeg', 'text/html', 'application/octet-stream')),
        content: fc.oneof(
          fc.constantFrom('%PDF-1.4\n%âãÏÓ\n1 0 obj\n', '\u0089PNG\r\n\u001a\n', '<html><script>x</script>', ''),
          fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
        ),
      }),
      { maxLength: 12 },
    ),
    fc.oneof(fc.constant('XfuzzBoundary'), fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 80 })),
    fc.boolean(),
  )
  .map(([parts, boundary, honest]) => {
    const safe = boundary.replace(/[\r\n"]/g, 'x') || 'b';
    return {
      payload: multipart(
        parts.map((p) => ({ ...p, name: p.name.replace(/[\r\n"]/g, ''), filename: p.filename?.replace(/[\r\n"]/g, '') ?? null })),
        safe,
      ),
      contentType: `multipart/form-data; boundary=${honest ? safe : 'other'}`,
    };
  });

function bodyArbitrary(op: Operation | undefined, pools: Pools): fc.Arbitrary<Body> {
  const content = op?.requestBody?.content ?? {};
  const schema = content['application/json']?.schema;
  const keys = Object.keys(schema?.properties ?? {});
  const json = (a: fc.Arbitrary<unknown>): fc.Arbitrary<Body> =>
    a.map((v) => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' }));
  const options: fc.WeightedArbitrary<Body>[] = [
    { weight: schema ? 5 : 0, arbitrary: json(fromSchema(schema, pools, true)) },
    { weight: schema ? 3 : 1, arbitrary: json(mutatedObject(fromSchema(schema, pools, false), keys)) },
    { weight: 2, arbitrary: json(fc.jsonValue({ maxDepth: 3 })) },
    { weight: 1, arbitrary: json(fc.dictionary(fc.constantFrom(...keys, 'id', 'version', 'action'), garbage, { maxKeys: 8 })) },
    { weight: 1, arbitrary: fc.constantFrom(...POLLUTION).map((payload) => ({ payload, contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...BROKEN_JSON),
          fc.constantFrom('application/json', 'application/json; charset=latin1', 'application/json; charset=utf-16'),
        )
        .map(([payload, contentType]) => ({ payload, contentType })),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => ({ payload: Buffer.from(a), contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .dictionary(fc.constantFrom(...keys, '__proto__', '_csrf', 'a'), fc.string({ unit: 'binary', maxLength: 30 }), { maxKeys: 5 })
        .map((d) => ({
          payload: Object.entries(d)
            .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(wellFormed(v))}`)
            .join('&'),
          contentType: 'application/x-www-form-urlencoded',
        })),
    },
    { weight: content['multipart/form-data'] ? 4 : 1, arbitrary: multipartBody },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/xml',
            'application/octet-stream',
            'image/png',
            'application/x-www-form-urlencoded; charset=koi8-r',
            'garbage',
            '',
          ),
          weirdString,
        )
        .map(([contentType, payload]) => ({ payload: wellFormed(payload), contentType })),
    },
    // Beyond the body limit: 413, never a crash.
    { weight: 1, arbitrary: fc.constant({ payload: `{"summary":"${'ệ'.repeat(700_000)}"}`, contentType: 'application/json' }) },
    { weight: 1, arbitrary: fc.constant({}) },
  ];
  return fc.oneof(...options);
}

/** A path segment for an `:id`-style parameter: real ids, edge integers and junk. */
function paramArbitrary(pools: Pools): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...pools.ids.map(String)) },
    { weight: 2, arbitrary: fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map(String) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '0',
        '-1',
        '00001',
        '1e3',
        '0x1',
        '1.0',
        '2147483648',
        '99999999999999999999999',
        'NaN',
        '%20',
        '%2e%2e',
        '%00',
        'abc',
      ),
    },
    { weight: 2, arbitrary: weirdString.map((s) => encodeURIComponent(wellFormed(s)).slice(0, 300) || 'x') },
  );
}

function queryArbitrary(op: Operation | undefined, pools: Pools): fc.Arbitrary<string> {
  const params = (op?.parameters ?? []).filter((p) => p.in === 'query');
  const names = params.map((p) => p.name);
  const record = (strict: boolean) =>
    fc.record(Object.fromEntries(params.map((p) => [p.name, fromSchema(p.schema, pools, strict)])), {
      requiredKeys: params.filter((p) => p.required).map((p) => p.name),
    });
  const known = record(false);
  type Query = { obj: unknown; extra: [string, string][]; raw: string };
  const clean: fc.Arbitrary<Query> = record(true).map((obj) => ({ obj, extra: [], raw: '' }));
  const dirty: fc.Arbitrary<Query> = fc
    .tuple(
      mutatedObject(known, names),
      fc.array(fc.tuple(fc.constantFrom(...names, 'page', 'q', '__proto__', 'a[b]', 'a[]'), weirdString), { maxLength: 3 }),
      fc.constantFrom('', '', '', '&%zz=1', '&=', '&&&', '&a=%', '&status=1&status=2'),
    )
    .map(([obj, extra, raw]) => ({ obj, extra, raw }));
  return fc.oneof({ weight: 3, arbitrary: clean }, { weight: 2, arbitrary: dirty }).map(({ obj, extra, raw }) => {
    const parts: string[] = [];
    const encode = (v: unknown) => encodeURIComponent(wellFormed(typeof v === 'string' ? v : (JSON.stringify(v) ?? '')));
    if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) parts.push(`${encode(k)}=${encode(v)}`);
    for (const [k, v] of extra) parts.push(`${encode(k)}=${encode(v)}`);
    const q = parts.join('&') + raw;
    return q ? `?${q}` : '';
  });
}

const headerArbitrary: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'idempotency-key': fc.oneof(
      fc.uuid(),
      fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
      fc.constantFrom('', ' ', 'x'.repeat(201), 'x'.repeat(5_000), 'ệ'),
    ),
    accept: fc.constantFrom('application/json', 'text/html', '*/*', 'application/problem+json', 'image/png', ''),
    'accept-language': fc.constantFrom('vi', 'en', 'id', 'zz', '*', 'vi-VN,vi;q=0.9', ''),
    'hx-request': fc.constantFrom('true', 'false'),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', 'not-an-ip', '::1'),
    cookie: fc.constantFrom('cadre_sid=forged', 'cadre_lang=en', 'cadre_lang=%00'),
  },
  { requiredKeys: [] },
);

type Pools = { ids: number[]; strings: string[] };

type Judge = (res: LightMyRequestResponse) => string | null;

type Generated = { actor: string | null; params: string[]; query: string; headers: Record<string, string>; body: Body };

type Sent = { method: string; url: string; actor: string | null; headers: Record<string, string>; body: Body };

function describeRequest(s: Sent): string {
  const payload = s.body.payload === undefined ? '' : String(s.body.payload).slice(0, 600);
  return `${s.method} ${s.url.slice(0, 600)} as ${s.actor ?? 'anonymous'} headers=${JSON.stringify(s.headers).slice(0, 300)} content-type=${s.body.contentType ?? '-'} body=${JSON.stringify(payload)}`;
}

/** What every answer must satisfy: below 500, and a refusal is problem+json with a type, a title, its status and a detail. */
function problemOf(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `refusal ${res.statusCode} with content-type ${type}`;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return `refusal ${res.statusCode} whose body is not JSON: ${res.body.slice(0, 200)}`;
  }
  const parsed = ProblemSchema.safeParse(body);
  if (!parsed.success) return `refusal ${res.statusCode} not in the problem shape: ${res.body.slice(0, 300)}`;
  const p = parsed.data;
  if (p.status !== res.statusCode) return `problem status ${p.status} on a ${res.statusCode} answer`;
  if (!p.type.trim() || !p.title.trim() || !p.detail.trim())
    return `problem with an empty type, title or detail: ${res.body.slice(0, 300)}`;
  return null;
}

/** Pages: below 500, and a refusal is an HTML page or htmx fragment with a body (the translated alert). */
function pageProblemOf(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  const problemJson = type.startsWith('application/problem+json') && problemOf(res) === null;
  if (!type.startsWith('text/html') && !problemJson) return `refusal ${res.statusCode} with content-type ${type}`;
  if (res.body.trim() === '') return `refusal ${res.statusCode} with an empty body`;
  return null;
}

describe.each(testDialects())('generated requests against every dossier endpoint on %s', (dialect) => {
  let t: TestApp;
  let routes: string[] = [];
  let pageRoutes: string[] = [];
  let openapi: { paths: Record<string, Record<string, Operation>> };
  const pools: Pools = { ids: [], strings: [] };
  const stats = new Map<string, number>();

  const bearer = (name: string) => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u.bearer;
  };

  /** Sends; an answer from the load shedder (the event loop lagged on a busy machine) is retried, since it says nothing about the route. */
  async function send(options: InjectOptions): Promise<LightMyRequestResponse> {
    for (let attempt = 0; ; attempt++) {
      const res = await t.app.inject(options);
      const shed = res.statusCode === 503 && res.body.includes('"SERVICE_UNAVAILABLE"');
      if (!shed || attempt >= 10) return res;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDossierProcedures(t.database.db);
    const api = (name: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: name ? { authorization: bearer(name) } : {},
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    // Real records, so generated ids and codes sometimes hit something and reach the use cases.
    const received = (await api('counter_officer_a', 'POST', '/api/v1/dossiers', intakeBody(t.fixture.unitA))).json();
    const online = (await api(null, 'POST', '/api/v1/public/dossiers', onlineBody(t.fixture.unitA))).json();
    const returned = (await api('counter_officer_a', 'POST', '/api/v1/dossiers', intakeBody(t.fixture.unitA))).json();
    const act = (name: string, body: Record<string, unknown>) => api(name, 'POST', `/api/v1/dossiers/${returned.id}/transitions`, body);
    await act('counter_officer_a', { action: 'START_PROCESSING', version: 1, assigneeId: t.fixture.users.field_specialist_a?.userId });
    await act('field_specialist_a', { action: 'FORWARD', version: 2 });
    await act('unit_leader_a', { action: 'FINISH', version: 3 });
    await act('counter_officer_a', { action: 'RETURN_RESULT', version: 4 });
    const users = Object.values(t.fixture.users).map((u) => u.userId);
    pools.ids = [received.id, online.id, returned.id, t.fixture.unitA, t.fixture.unitB, t.fixture.otherProvinceUnit, ...users, 1, 2]
      .filter((v): v is number => typeof v === 'number')
      .filter((v, i, all) => all.indexOf(v) === i);
    pools.strings = [
      received.code,
      online.code,
      returned.code,
      '1222',
      '3444',
      DOSSIER_PROCEDURES.commune,
      DOSSIER_PROCEDURES.essential,
      'T1',
      'T2',
      'province',
      '10001',
      '2026-03-02',
      '2026-01-01',
      '2026-03-02T03:00:00.000Z',
    ].filter((v): v is string => typeof v === 'string');
    routes = t.app.routeList.filter((r) => IN_SCOPE.test(r));
    pageRoutes = t.app.routeList.filter((r) => PAGE_SCOPE.test(r));
    openapi = (await t.app.inject({ url: '/openapi.json' })).json();
  });
  afterAll(async () => t?.close());

  /** One generated request, sent and judged; a failure names what was wrong and what was sent. */
  const property = (template: string, method: string, request: fc.Arbitrary<Generated>, judge: Judge) =>
    fc.asyncProperty(request, async (r) => {
      let i = 0;
      const url = template.replace(/:(\w+)/g, () => r.params[i++] ?? '1') + r.query;
      const headers: Record<string, string> = { ...r.headers };
      if (r.actor) headers.authorization = bearer(r.actor);
      if (r.body.contentType !== undefined) headers['content-type'] = r.body.contentType;
      const res = await send({
        method: method as InjectOptions['method'],
        url,
        headers,
        ...(r.body.payload === undefined ? {} : { payload: r.body.payload }),
      });
      stats.set(`${method} ${template} ${res.statusCode}`, (stats.get(`${method} ${template} ${res.statusCode}`) ?? 0) + 1);
      const problem = judge(res);
      if (problem) throw new Error(`${problem}\n  request: ${describeRequest({ method, url, actor: r.actor, headers, body: r.body })}`);
    });

  it('finds the dossier routes from the app itself', () => {
    expect(pools.ids.length).toBeGreaterThan(5);
    for (const r of [
      'GET /api/v1/dossiers',
      'POST /api/v1/dossiers',
      'POST /api/v1/dossiers/:id/transitions',
      'GET /api/v1/inbox',
      'GET /api/v1/public/track',
    ]) {
      expect(routes).toContain(r);
    }
  });

  /** Runs the generated requests against each route; answers one line per route that failed, with its seed. */
  async function fuzz(list: readonly string[], judge: Judge, runs: number): Promise<string[]> {
    const failures: string[] = [];
    for (const route of list) {
      const [method = 'GET', template = '/'] = route.split(' ');
      const op = openapi.paths[template.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      const isPublic = template.startsWith('/api/v1/public/') || !template.startsWith('/api/');
      // Mostly actors the route lets in (probed: access is checked before the body is read), so requests reach the use cases.
      const allowed: string[] = [];
      for (const a of ACTORS) {
        const probe = await send({
          method: method as InjectOptions['method'],
          url: template.replace(/:(\w+)/g, String(pools.ids[0])),
          headers: { authorization: bearer(a) },
        });
        if (probe.statusCode !== 401 && probe.statusCode !== 403) allowed.push(a);
      }
      const actor = allowed.length
        ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...allowed) }, { weight: 1, arbitrary: fc.constantFrom(...ACTORS) })
        : fc.constantFrom(...ACTORS);
      const request: fc.Arbitrary<Generated> = fc.record({
        actor: isPublic ? fc.option(actor) : actor,
        params: fc.array(paramArbitrary(pools), { minLength: 4, maxLength: 4 }),
        query: queryArbitrary(op, pools),
        headers: headerArbitrary,
        body:
          method === 'GET'
            ? fc.oneof({ weight: 9, arbitrary: fc.constant<Body>({}) }, { weight: 1, arbitrary: bodyArbitrary(op, pools) })
            : bodyArbitrary(op, pools),
      });
      const seed = seedFor(route);
      const out = await fc.check(property(template, method, request, judge), { seed, numRuns: runs, endOnFailure: true });
      if (out.failed) {
        const cause = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
        failures.push(`${route}: ${cause}\n  (seed ${seed}, path ${out.counterexamplePath}; the run's FUZZ_SEED=${BASE_SEED})`);
      }
    }
    return failures;
  }

  it('answers every generated request below 500, and every refusal as problem+json', async () => {
    const failures = await fuzz(routes, problemOf, RUNS);
    // FUZZ_STATS=1 prints how the answers spread over statuses, to see the generator reach past validation.
    if (process.env.FUZZ_STATS)
      console.log(
        [...stats]
          .sort()
          .map(([k, n]) => `${k}: ${n}`)
          .join('\n'),
      );
    expect(failures).toEqual([]);
  });

  it('answers the dossier pages below 500 too, every refusal a page or fragment that says why', async () => {
    expect(pageRoutes.length).toBeGreaterThan(5);
    expect(await fuzz(pageRoutes, pageProblemOf, PAGE_RUNS)).toEqual([]);
  });

  it('refuses a URL with broken percent-encoding as problem+json (found by this test)', async () => {
    const res = await send({ url: '/api/v1/dossiers/%E1%BB', headers: { authorization: bearer('counter_officer_a') } });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res)).toBeNull();
  });
});
