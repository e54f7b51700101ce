import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { insertScorecardDossiers, seedDossierProcedures } from '../../../test/support/dossier-builders.ts';
import { actorOf, type Fixture, NOW, seedFixture } from '../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import { fixedClock } from '../../platform/time/clock.ts';
import { provinceOverview } from '../overview/use-cases/overview.ts';
import { seedFit } from '../position-fit/position-fit.fixtures.ts';
import { computeScorecard } from '../scorecard/use-cases/compute-scorecard.ts';
import { renderReportXlsx } from './document/report-xlsx.ts';
import { buildReportSnapshot, periodOf } from './report-snapshot.ts';

/**
 * A report's figures are the overview's (issue 7 §3): on the shared fixture, on every dialect,
 * the snapshot of February 2026 gives each unit the score, on-time share, overdue count (and
 * every other column) that the overview page gives for the same month, and the province's
 * totals are the province's own scorecard. Dossiers as in overview.repository.test.ts: unit A
 * has 2.1 = 0.5, backlog 2 and one dossier overdue now (2 March); unit B is all on time.
 */
describe.each(testDialects())('report snapshot on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  const clock = fixedClock(NOW);
  const FEB = periodOf('MONTH', 2026, 2);
  const analyst = () => actorOf(f.users.province_analyst);
  const leaderA = () => actorOf(f.users.unit_leader_a);
  const query = { period: 'month' as const, year: 2026, month: 2, page: 1, pageSize: 500 };

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db, clock);
    const p = (await seedDossierProcedures(h.db)).commune;
    const a = { procedureId: p, competentUnitId: 0 };
    await insertScorecardDossiers(h.db, [
      {
        ...a,
        competentUnitId: f.unitA,
        status: 9,
        receivedAt: '2026-02-02T02:00:00.000Z',
        dueAt: '2026-02-05T10:00:00.000Z',
        finishedAt: '2026-02-04T03:00:00.000Z',
      },
      {
        ...a,
        competentUnitId: f.unitA,
        status: 10,
        receivedAt: '2026-02-03T02:00:00.000Z',
        dueAt: '2026-02-06T10:00:00.000Z',
        finishedAt: '2026-02-10T03:00:00.000Z',
        returnedAt: '2026-02-10T04:00:00.000Z',
      },
      { ...a, competentUnitId: f.unitA, status: 4, receivedAt: '2026-02-23T02:00:00.000Z', dueAt: '2026-02-26T10:00:00.000Z' },
      { ...a, competentUnitId: f.unitA, status: 4, receivedAt: '2026-02-25T02:00:00.000Z', dueAt: '2026-03-02T10:00:00.000Z' },
      {
        ...a,
        competentUnitId: f.unitB,
        status: 9,
        receivedAt: '2026-02-02T02:00:00.000Z',
        dueAt: '2026-02-05T10:00:00.000Z',
        finishedAt: '2026-02-03T03:00:00.000Z',
      },
    ]);
    await seedFit(h.db, { unitA: f.unitA, unitB: f.unitB, staffA: f.staffA });
  });
  afterAll(async () => h?.close());

  it('gives every unit the overview’s row for the same month: score, on-time share, overdue and the rest', async () => {
    const progress: number[] = [];
    const s = await buildReportSnapshot({ db: h.db, clock }, { provinceCode: 'T1', unitId: null }, FEB, async (x) => {
      progress.push(x);
    });
    const view = await provinceOverview({ db: h.db, clock }, analyst(), query);
    expect(s.units).toHaveLength(view.total);
    for (const u of view.units) {
      const row = s.units.find((r) => r.unitId === u.unitId);
      expect({ code: u.code, score: row?.score, onTime: row?.onTimeShare, overdue: row?.overdue }).toEqual({
        code: u.code,
        score: u.score,
        onTime: u.onTimeShare,
        overdue: u.overdue,
      });
      const { links: _links, ...figures } = u;
      expect(row).toEqual(figures);
    }
    expect(s.units.find((r) => r.unitId === f.unitA)).toMatchObject({ onTimeShare: 0.5, backlog: 2, overdue: 1 });
    expect({ alerts: s.alertTotals, trend: s.trend, bands: s.bands, gaps: s.fieldGaps }).toEqual({
      alerts: view.alertTotals,
      trend: view.trend,
      bands: view.bands,
      gaps: view.fieldGaps,
    });
    expect(s.sources).toEqual({ overviewAlertsRule: view.rule, wisnRunId: view.wisnRunId, trainingPlanId: view.trainingPlanId });
    // Progress is reported a few times, rising to 1.
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(progress.at(-1)).toBe(1);
  });

  it('heads the province report with the province’s own scorecard and its name', async () => {
    const s = await buildReportSnapshot({ db: h.db, clock }, { provinceCode: 'T1', unitId: null }, FEB);
    const card = (await computeScorecard({ db: h.db }, analyst(), 'province', { from: FEB.from, to: FEB.to })).card;
    const i21 = card.groups.flatMap((g) => g.indicators).find((i) => i.code === '2.1');
    expect({ score: s.totals.score, band: s.totals.band, onTime: s.totals.onTimeShare }).toEqual({
      score: card.total,
      band: card.band,
      onTime: i21?.status === 'COMPUTED' ? i21.rate : null,
    });
    expect(s.totals.overdue).toBe(s.units.reduce((n, u) => n + u.overdue, 0));
    expect(s.scope).toEqual({ provinceCode: 'T1', provinceName: 'Tỉnh Thử Nghiệm', unit: null });
    expect({ period: s.period, builtAt: s.builtAt, schemaVersion: s.schemaVersion }).toEqual({
      period: FEB,
      builtAt: new Date(NOW).toISOString(),
      schemaVersion: 1,
    });
  });

  it('gives a unit report the commune leader’s view: its row, fields and staff categories', async () => {
    const s = await buildReportSnapshot({ db: h.db, clock }, { provinceCode: 'T1', unitId: f.unitA }, FEB);
    const view = await provinceOverview({ db: h.db, clock }, leaderA(), query);
    expect(s.scope.unit).toMatchObject({ id: f.unitA, code: '10001' });
    expect(s.units.map((u) => u.unitId)).toEqual([f.unitA]);
    expect(s.totals).toMatchObject({ score: view.units[0]?.score, onTimeShare: 0.5, backlog: 2, overdue: 1, units: 1 });
    expect(s.fields).toEqual(view.fields);
    expect(s.categories).toEqual(view.categories.map(({ links: _links, ...c }) => c));
    expect(s.fieldNames.HOUSEHOLD_BUSINESS).toBeTypeOf('string');
  });

  it('is plain JSON that renders to a workbook carrying the same figures', async () => {
    const s = await buildReportSnapshot({ db: h.db, clock }, { provinceCode: 'T1', unitId: null }, FEB);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    const again = await buildReportSnapshot({ db: h.db, clock }, { provinceCode: 'T1', unitId: null }, FEB);
    expect((await renderReportXlsx(again)).equals(await renderReportXlsx(s))).toBe(true);
  });

  it('refuses a unit of another province (the overview answers it as not found)', async () => {
    await expect(buildReportSnapshot({ db: h.db, clock }, { provinceCode: 'T2', unitId: f.unitA }, FEB)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
