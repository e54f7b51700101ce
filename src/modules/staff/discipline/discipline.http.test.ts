import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { type PlacementSeed, seedPlacement } from '../../staffing/placement/placement.fixtures.ts';
import type { BatchView } from '../../staffing/placement/placement.schemas.ts';
import type { Discipline } from './discipline.schemas.ts';

/**
 * Discipline pending over HTTP, on the shared fixture plus the placement seed (unit A OFFICE
 * staff "good" and "excellent" are the movers of a batch; "disciplined" is excluded already).
 * The fixture's clock is 2026-03-02 in Vietnam.
 */
describe.each(testDialects())('discipline pending over HTTP on %s', (dialect) => {
  let t: TestApp;
  let seed: PlacementSeed;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url, headers: { authorization: user(name).bearer }, ...(payload ? { payload } : {}) });
  const page = (name: string, url: string) => t.app.inject({ url, headers: { cookie: user(name).cookie } });
  const form = (name: string, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: user(name).csrf, ...fields }).toString(),
    });
  const url = (id: number) => `/api/v1/staff/${id}/discipline`;
  const read = async (id: number) => (await api('province_admin', 'GET', url(id))).json() as Discipline;
  const generate = async () => {
    const res = await api('province_analyst', 'POST', `/api/v1/staffing/runs/${seed.runId}/placements`, { maxShareMovedPerUnit: 0.3 });
    expect(res.statusCode).toBe(201);
    return res.json() as BatchView;
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    seed = await seedPlacement(t.database.db, { provinceCode: 'T1', unitA: t.fixture.unitA, unitB: t.fixture.unitB });
  });
  afterAll(async () => t?.close());

  it('reads what the seed recorded, for HR of the unit and the province administrator only', async () => {
    const d = await read(seed.staff.disciplined);
    expect(d).toMatchObject({ pendingUntil: '2026-12-31', pendingNow: true, reason: null, documentRef: null, recordedAt: null });
    expect((await api('unit_hr_a', 'GET', url(seed.staff.disciplined))).statusCode).toBe(200);
    expect((await api('unit_hr_b', 'GET', url(seed.staff.disciplined))).statusCode).toBe(404);
    expect((await api('province_analyst', 'GET', url(seed.staff.disciplined))).statusCode).toBe(403);
    expect((await api('unit_hr_a', 'GET', url(999_999))).statusCode).toBe(404);
  });

  it('setting it through the API removes the person from the next batch’s candidates, audited with reason and document', async () => {
    const before = await generate();
    expect(before.recommendations.map((r) => r.staffId)).toContain(seed.staff.good);

    const { version } = await read(seed.staff.good);
    const res = await api('unit_hr_a', 'PUT', url(seed.staff.good), {
      pendingUntil: '2026-06-30',
      reason: 'Đang xem xét kỷ luật theo biên bản họp',
      documentRef: '15/BB-UBND',
      version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      staffId: seed.staff.good,
      pendingUntil: '2026-06-30',
      pendingNow: true,
      reason: 'Đang xem xét kỷ luật theo biên bản họp',
      documentRef: '15/BB-UBND',
      recordedBy: 'unit_hr_a',
      version: version + 1,
    });
    const entry = await t.database.db
      .selectFrom('auditLog')
      .select(['actorUsername', 'entityType', 'entityId', 'before', 'after'])
      .where('action', '=', 'staff.discipline.set')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actorUsername: 'unit_hr_a', entityType: 'staff', entityId: String(seed.staff.good) });
    expect(JSON.parse(entry.before ?? '{}')).toEqual({ pendingUntil: null, version });
    expect(JSON.parse(entry.after ?? '{}')).toEqual({
      pendingUntil: '2026-06-30',
      reason: 'Đang xem xét kỷ luật theo biên bản họp',
      documentRef: '15/BB-UBND',
      version: version + 1,
    });

    const after = await generate();
    expect(after.recommendations.map((r) => r.staffId)).not.toContain(seed.staff.good);
    expect(after.params.excluded.find((x) => x.staffId === seed.staff.good)?.reasons).toEqual(['DISCIPLINE_PENDING']);
  });

  it('refuses a past date, a date without its document, a stale version and another unit’s HR, changing nothing', async () => {
    const d = await read(seed.staff.excellent);
    const put = (name: string, body: Record<string, unknown>) => api(name, 'PUT', url(seed.staff.excellent), body);
    const past = await put('province_admin', { pendingUntil: '2026-03-01', reason: 'x', documentRef: '1/QĐ', version: d.version });
    expect([past.statusCode, past.json().code]).toEqual([400, 'STAFF_DISCIPLINE_DATE_PAST']);
    const noDoc = await put('province_admin', { pendingUntil: '2026-03-02', reason: 'x', version: d.version });
    expect([noDoc.statusCode, noDoc.json().code]).toEqual([400, 'STAFF_DISCIPLINE_DOCUMENT_REQUIRED']);
    const stale = await put('province_admin', { pendingUntil: '2026-04-01', reason: 'x', documentRef: '1/QĐ', version: d.version + 1 });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'VERSION_CONFLICT']);
    const otherUnit = await put('unit_hr_b', { pendingUntil: null, reason: 'x', version: d.version });
    expect(otherUnit.statusCode).toBe(404);
    const noReason = await put('province_admin', { pendingUntil: null, reason: '', version: d.version });
    expect(noReason.statusCode).toBe(400);
    expect(await read(seed.staff.excellent)).toEqual(d);
  });

  it('shows the section and form on the staff record to HR only, saves through the form and keeps typed values on refusal', async () => {
    const id = seed.staff.disciplined;
    const hr = await page('unit_hr_a', `/staff/${id}`);
    expect(hr.statusCode).toBe(200);
    expect(hr.body).toContain('id="discipline"');
    expect(hr.body).toContain(`action="/staff/${id}/discipline"`);
    expect(hr.body).toContain('31/12/2026');
    const analyst = await page('province_analyst', `/staff/${id}`);
    expect(analyst.statusCode).toBe(200);
    expect(analyst.body).not.toContain('id="discipline"');

    const { version } = await read(id);
    const refused = await form('unit_hr_a', `/staff/${id}/discipline`, {
      pendingUntil: '2027-01-31',
      reason: 'Gia hạn xem xét',
      documentRef: '',
      version: String(version),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Gia hạn xem xét');
    expect(refused.body).toContain('value="2027-01-31"');
    expect((await read(id)).pendingUntil).toBe('2026-12-31');

    const lifted = await form('unit_hr_a', `/staff/${id}/discipline`, {
      pendingUntil: '',
      reason: 'Đã có kết luận không kỷ luật',
      documentRef: '',
      version: String(version),
    });
    expect(lifted.statusCode).toBe(303);
    expect(lifted.headers.location).toBe(`/staff/${id}#discipline`);
    expect(await read(id)).toMatchObject({
      pendingUntil: null,
      pendingNow: false,
      reason: 'Đã có kết luận không kỷ luật',
      documentRef: null,
    });
    const batch = await generate();
    expect(batch.params.excluded.map((x) => x.staffId)).not.toContain(id);
  });

  it('documents the API in the OpenAPI document, with the body schema and the refusals', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const path = doc.paths['/api/v1/staff/{id}/discipline'];
    expect(Object.keys(path).sort()).toEqual(['get', 'put']);
    const body = path.put.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties).sort()).toEqual(['documentRef', 'pendingUntil', 'reason', 'version']);
    expect(path.put.description).toContain('STAFF_DISCIPLINE_DATE_PAST');
    expect(Object.keys(path.put.responses)).toEqual(expect.arrayContaining(['200', '400', '403', '404', '409']));
  });
});
