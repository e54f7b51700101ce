import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { insertScorecardDossiers, seedDossierProcedures } from '../../../test/support/dossier-builders.ts';
import { buildTestApp, type TestApp } from '../../../test/support/fixture.ts';
import { allKeys } from '../../platform/i18n/index.ts';
import type { OverviewResponse } from './overview.schemas.ts';

/**
 * The overview over HTTP (fixture clock: Monday 2 March 2026, 10:00 in Vietnam). Commune A has
 * one dossier overdue now (due 26 February) and one due at 17:00 today without an apology slip.
 */
describe.each(testDialects())('overview over HTTP on %s', (dialect) => {
  let t: TestApp;
  const FEB = 'period=month&year=2026&month=2';
  const as = (username: string) => {
    const u = t.fixture.users[username];
    if (!u) throw new Error(`no user ${username}`);
    return u;
  };
  const api = async (username: string, qs: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/overview?${qs}`, headers: { authorization: as(username).bearer } });
  const page = async (username: string, url: string, lang?: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: `${as(username).cookie}${lang ? `; cadre_lang=${lang}` : ''}` } });

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const procs = await seedDossierProcedures(t.database.db);
    const p = procs.commune;
    const a = t.fixture.unitA;
    await insertScorecardDossiers(t.database.db, [
      {
        procedureId: p,
        competentUnitId: a,
        status: 9,
        receivedAt: '2026-02-02T02:00:00.000Z',
        dueAt: '2026-02-05T10:00:00.000Z',
        finishedAt: '2026-02-04T03:00:00.000Z',
      },
      { procedureId: p, competentUnitId: a, status: 4, receivedAt: '2026-02-23T02:00:00.000Z', dueAt: '2026-02-26T10:00:00.000Z' },
      { procedureId: p, competentUnitId: a, status: 4, receivedAt: '2026-02-25T02:00:00.000Z', dueAt: '2026-03-02T10:00:00.000Z' },
    ]);
  });
  afterAll(async () => t?.close());

  it('answers the province’s units with the same score and on-time share as the scorecard API', async () => {
    const res = await api('province_analyst', FEB);
    expect(res.statusCode).toBe(200);
    const body = res.json<OverviewResponse>();
    expect(body).toMatchObject({
      scope: 'province',
      from: '2026-02-01',
      to: '2026-03-01',
      previous: { from: '2026-01-01', to: '2026-02-01' },
    });
    expect(body.units.map((u) => u.code).sort()).toEqual(['10001', '10002']);
    for (const u of body.units) {
      const card = await t.app.inject({
        method: 'GET',
        url: `/api/v1/scorecards/766?unit=${u.code}&from=2026-02-01&to=2026-03-01`,
        headers: { authorization: as('province_analyst').bearer },
      });
      const c = card.json<{ total: number; band: string; groups: { indicators: { code: string; rate: number | null }[] }[] }>();
      const rate21 = c.groups.flatMap((g) => g.indicators).find((i) => i.code === '2.1')?.rate ?? null;
      expect({ code: u.code, score: u.score, band: u.band, onTime: u.onTimeShare }).toEqual({
        code: u.code,
        score: c.total,
        band: c.band,
        onTime: rate21,
      });
    }
    const a = body.units.find((u) => u.code === '10001');
    expect(a).toMatchObject({ overdue: 1, links: { overdue: '/overview/overdue?unit=10001' } });
    expect(body.alerts.filter((x) => x.kind === 'DUE_SOON').map((x) => x.link)).toHaveLength(1);
  });

  it('refuses a bad query without computing anything (400)', async () => {
    expect((await api('province_analyst', 'sort=bogus')).statusCode).toBe(400);
    expect((await api('province_analyst', 'period=year')).statusCode).toBe(400);
    expect((await api('province_analyst', 'month=13')).statusCode).toBe(400);
  });

  it('gives a commune leader only their unit, with fields as rows', async () => {
    const body = (await api('unit_leader_a', FEB)).json<OverviewResponse>();
    expect(body.scope).toBe('unit');
    expect(body.units.map((u) => u.code)).toEqual(['10001']);
    expect(body.fields.map((f) => f.field)).toEqual(['HOUSEHOLD_BUSINESS']);
    const b = (await api('unit_leader_b', FEB)).json<OverviewResponse>();
    expect(b.units.map((u) => u.code)).toEqual(['10002']);
    expect(b.fields).toEqual([]);
  });

  it('renders the page under 50 KB, sortable by every column, each figure linked to its explanation', async () => {
    const res = await page('province_analyst', `/overview?${FEB}`);
    expect(res.statusCode).toBe(200);
    expect(Buffer.byteLength(res.body)).toBeLessThanOrEqual(50 * 1024);
    expect(res.body).toContain('/scorecard?unit=10001&amp;from=2026-02-01&amp;to=2026-03-01');
    expect(res.body).toContain('/overview/overdue?unit=10001');
    for (const sort of ['name', 'score', 'onTime', 'online', 'satisfaction', 'backlog', 'overdue', 'norm', 'wisn', 'fit', 'training'])
      expect(res.body).toContain(`sort=${sort}`);
    expect(res.body).toContain('<svg');
    // The shared fixture holds a finished, empty training plan: nothing is planned for any unit.
    expect(res.body).toContain('Chưa có lớp nào theo kế hoạch');
    const sorted = await page('province_analyst', `/overview?${FEB}&sort=overdue&dir=desc`);
    const order = ['10001', '10002'].map((c) => sorted.body.indexOf(`/overview/overdue?unit=${c}`));
    expect(order[0]).toBeLessThan(order[1] ?? 0);
  });

  it('speaks English and Indonesian from the same keys', async () => {
    const en = await page('province_admin', `/overview?${FEB}`, 'en');
    expect(en.body).toContain('Overview of communes, wards and special zones');
    const id = await page('province_admin', `/overview?${FEB}`, 'id');
    expect(id.body).toContain('Ikhtisar komune, kelurahan dan zona khusus');
    const keys = allKeys('vi').filter((k) => k.startsWith('overview.'));
    expect(keys.length).toBeGreaterThan(50);
    for (const locale of ['en', 'id'] as const) expect(keys.filter((k) => !allKeys(locale).includes(k))).toEqual([]);
  });

  it('lists the overdue dossiers behind the count, each opening the dossier', async () => {
    const res = await page('province_analyst', '/overview/overdue?unit=10001');
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/href="\/dossiers\/\d+"/g)).toHaveLength(1);
    expect((await page('unit_leader_b', '/overview/overdue?unit=10001')).statusCode).toBe(404);
    expect((await page('province_analyst', '/overview/overdue?unit=99999')).statusCode).toBe(404);
  });

  it('shows the commune leader the unit view', async () => {
    const res = await page('unit_leader_a', `/overview?${FEB}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Tổng quan Xã Hòa Bình');
    expect(res.body).toContain('Hồ sơ theo lĩnh vực');
  });
});
