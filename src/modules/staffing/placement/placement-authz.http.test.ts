import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { FIXTURE_POSITION_ID } from './placement-authz.fixtures.ts';

/**
 * The decision routes on the shared fixture's REAL recommendations (f.placementRecommendations):
 * what the authorization matrix's rows rely on. Refused roles change nothing and their refusal
 * is audited; allowed roles reach the handler, which decides once and then answers 409.
 */
describe.each(testDialects())('placement decisions on the fixture recommendations on %s', (dialect) => {
  let t: TestApp;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url, headers: { authorization: user(name).bearer }, payload });
  const form = (name: string, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': user(name).csrf },
      payload: new URLSearchParams(fields).toString(),
    });
  const rec = (id: number) =>
    t.database.db.selectFrom('placementRecommendations').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  const denials = (entityId: string) =>
    t.database.db
      .selectFrom('auditLog')
      .select(['actorUsername', 'entityType', 'entityId'])
      .where('action', '=', 'authz.denied')
      .where('entityId', '=', entityId)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('refuses roles without staffing.place with 403, audited, and leaves the recommendation as it was', async () => {
    const id = t.fixture.placementRecommendations.apiAccept;
    const url = `/api/v1/staffing/placements/recommendations/${id}/accept`;
    for (const name of ['unit_hr_a', 'unit_leader_a', 'system_admin']) {
      const res = await api(name, url, { version: 1 });
      expect({ name, status: res.statusCode }).toEqual({ name, status: 403 });
    }
    const rows = await denials('POST /api/v1/staffing/placements/recommendations/:id/accept');
    expect(rows.map((r) => r.actorUsername)).toEqual(['unit_hr_a', 'unit_leader_a', 'system_admin']);
    expect(rows.every((r) => r.entityType === 'route')).toBe(true);
    expect(await rec(id)).toEqual({ status: 'PROPOSED', version: 1 });
  });

  it('answers the other province’s administrator 404, audited as a record refusal', async () => {
    const id = t.fixture.placementRecommendations.apiReject;
    const res = await api('other_province_admin', `/api/v1/staffing/placements/recommendations/${id}/reject`, {
      version: 1,
      reason: 'Không phải tỉnh mình',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('PLACEMENT_RECOMMENDATION_NOT_FOUND');
    const rows = await denials(`POST /api/v1/staffing/placements/recommendations/${id}/reject`);
    expect(rows).toEqual([{ actorUsername: 'other_province_admin', entityType: 'record', entityId: expect.any(String) }]);
    expect(await rec(id)).toEqual({ status: 'PROPOSED', version: 1 });
  });

  it('lets the placers reach the handler: the first accept moves staffA, the second finds it decided', async () => {
    const id = t.fixture.placementRecommendations.apiAccept;
    const url = `/api/v1/staffing/placements/recommendations/${id}/accept`;
    const first = await api('province_analyst', url, { version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ id, status: 'ACCEPTED', toPositionId: FIXTURE_POSITION_ID });
    const current = await t.database.db
      .selectFrom('staffPositions')
      .select(['positionId', 'unitId', 'startDate'])
      .where('staffId', '=', t.fixture.staffA)
      .where('endDate', 'is', null)
      .execute();
    expect(current.map((c) => [Number(c.positionId), Number(c.unitId)])).toEqual([[FIXTURE_POSITION_ID, t.fixture.unitA]]);
    const second = await api('province_admin', url, { version: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('PLACEMENT_ALREADY_DECIDED');
    // The page accept of another recommendation for the same person now finds him moved.
    const stale = await form(
      'province_admin',
      `/staffing/placements/recommendations/${t.fixture.placementRecommendations.pageAccept}/accept`,
      {
        version: '1',
      },
    );
    expect(stale.statusCode).toBe(409);
    expect(await rec(t.fixture.placementRecommendations.pageAccept)).toEqual({ status: 'PROPOSED', version: 1 });
  });

  it('rejects through the form once (303), then answers 409', async () => {
    const id = t.fixture.placementRecommendations.pageReject;
    const url = `/staffing/placements/recommendations/${id}/reject`;
    const first = await form('province_admin', url, { version: '1', reason: 'Chưa phù hợp' });
    expect(first.statusCode).toBe(303);
    expect(await rec(id)).toEqual({ status: 'REJECTED', version: 2 });
    const second = await form('province_analyst', url, { version: '1', reason: 'Chưa phù hợp' });
    expect(second.statusCode).toBe(409);
  });
});
