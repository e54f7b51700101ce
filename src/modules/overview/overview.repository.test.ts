import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { insertScorecardDossiers, seedDossierProcedures } from '../../../test/support/dossier-builders.ts';
import { actorOf, type Fixture, NOW, seedFixture } from '../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import { fixedClock } from '../../platform/time/clock.ts';
import { seedFit } from '../position-fit/position-fit.fixtures.ts';
import { unitNotMeeting } from '../position-fit/use-cases/position-fit.ts';
import { paknFacts, paknFactsByUnit } from '../scorecard/scorecard.repository.ts';
import { computeScorecard } from '../scorecard/use-cases/compute-scorecard.ts';
import { periodOf } from '../scorecard/use-cases/scope.ts';
import { workloadStatistics } from '../scorecard/use-cases/workload.ts';
import { sumLines } from '../staffing/runs/pages/run-view.ts';
import { getRun, getRunLine } from '../staffing/runs/use-cases/runs.ts';
import { listCampaignsPastDeadline, listOverviewUnits } from './overview.repository.ts';
import { provinceOverview } from './use-cases/overview.ts';

/**
 * The overview's read model on the shared fixture, on every dialect. February 2026 (local),
 * the "commune" procedure (3 working days):
 *  A1 received 02/02, due 05/02, done 04/02            → on time
 *  A2 received 03/02, due 06/02, done 10/02 (returned)  → late
 *  A3 received 23/02, due 26/02, open                   → late at the period end, overdue now (2 March)
 *  A4 received 25/02, due 2 March 17:00, open           → not late in February; 5.5 office hours left now: about to miss
 *  B1 received 02/02, due 05/02, done 03/02            → on time
 * Unit A: 2.1 = (A1, A4) ÷ 4 = 0.5; backlog at the end of February = A3, A4 = 2; overdue now = 1.
 */
describe.each(testDialects())('overview read model on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  const clock = fixedClock(NOW);
  const FEB = { from: '2026-02-01', to: '2026-03-01' };
  const analyst = () => actorOf(f.users.province_analyst);
  const leaderA = () => actorOf(f.users.unit_leader_a);
  const query = { period: 'month' as const, year: 2026, month: 2, page: 1, pageSize: 20 };

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db, clock);
    const procs = await seedDossierProcedures(h.db);
    const p = procs.commune;
    await insertScorecardDossiers(h.db, [
      {
        procedureId: p,
        competentUnitId: f.unitA,
        status: 9,
        receivedAt: '2026-02-02T02:00:00.000Z',
        dueAt: '2026-02-05T10:00:00.000Z',
        finishedAt: '2026-02-04T03:00:00.000Z',
      },
      {
        procedureId: p,
        competentUnitId: f.unitA,
        status: 10,
        receivedAt: '2026-02-03T02:00:00.000Z',
        dueAt: '2026-02-06T10:00:00.000Z',
        finishedAt: '2026-02-10T03:00:00.000Z',
        returnedAt: '2026-02-10T04:00:00.000Z',
      },
      { procedureId: p, competentUnitId: f.unitA, status: 4, receivedAt: '2026-02-23T02:00:00.000Z', dueAt: '2026-02-26T10:00:00.000Z' },
      { procedureId: p, competentUnitId: f.unitA, status: 4, receivedAt: '2026-02-25T02:00:00.000Z', dueAt: '2026-03-02T10:00:00.000Z' },
      {
        procedureId: p,
        competentUnitId: f.unitB,
        status: 9,
        receivedAt: '2026-02-02T02:00:00.000Z',
        dueAt: '2026-02-05T10:00:00.000Z',
        finishedAt: '2026-02-03T03:00:00.000Z',
      },
    ]);
    await seedFit(h.db, { unitA: f.unitA, unitB: f.unitB, staffA: f.staffA });
    await h.db
      .insertInto('reviewCampaigns')
      .values({
        provinceCode: 'T1',
        ownerUnitId: f.unitB,
        name: 'Đợt quá hạn',
        year: 2026,
        periodFrom: '2026-01-01',
        periodTo: '2026-02-15',
        regime: 'DECREE_335',
        instruments: '["ANNUAL_EVALUATION"]',
        scopeKind: 'PEOPLE',
        scope: '{"staffIds":[]}',
        frameworkVersionId: null,
        status: 'OPEN',
        createdAt: NOW,
        createdBy: null,
        lockedAt: null,
        lockedBy: null,
      })
      .execute();
  });
  afterAll(async () => h?.close());

  it('lists the current communes and wards only, with their filter attributes', async () => {
    const units = await listOverviewUnits(h.db, 'T1', null);
    expect(units.map((u) => u.code)).toEqual(['10001', '10002']);
    expect(units[0]).toMatchObject({ kind: 'COMMUNE', population: 20000, isMountainous: false });
  });

  it('finds campaigns past their deadline and not locked (the fixture’s run to December)', async () => {
    const late = await listCampaignsPastDeadline(h.db, 'T1', null, '2026-03-02');
    expect(late.map((c) => c.name)).toContain('Đợt quá hạn');
    expect(late.map((c) => c.id)).not.toContain(f.reviewCampaigns.open); // runs to 15 December
    for (const c of late)
      expect({ status: c.status, past: c.periodTo < '2026-03-02' }).toEqual({ status: expect.not.stringMatching(/^LOCKED$/), past: true });
    expect((await listCampaignsPastDeadline(h.db, 'T1', f.unitB, '2026-03-02')).map((c) => c.name)).toEqual(['Đợt quá hạn']);
  });

  it('groups PAKN by unit exactly as the scorecard counts one unit', async () => {
    const iso = { from: periodOf(FEB).start.toISOString(), to: periodOf(FEB).end.toISOString() };
    const byUnit = await paknFactsByUnit(h.db, 'T1', iso);
    for (const unitId of [f.unitA, f.unitB])
      expect(byUnit.get(unitId) ?? { received: 0, onTime: 0, pending: 0 }).toEqual(
        await paknFacts(h.db, { provinceCode: 'T1', unitId }, iso),
      );
  });

  it('gives each unit the score, on-time share, online share, satisfaction and backlog of its own scorecard', async () => {
    const view = await provinceOverview({ db: h.db, clock }, analyst(), query);
    expect(view.units).toHaveLength(2);
    for (const u of view.units) {
      const card = await computeScorecard({ db: h.db }, analyst(), u.code, FEB);
      const rate = (code: string) => card.card.groups.flatMap((g) => g.indicators).find((i) => i.code === code);
      expect({ unit: u.code, score: u.score, band: u.band }).toEqual({ unit: u.code, score: card.card.total, band: card.card.band });
      expect(u.onTimeShare).toBe(rate('2.1')?.rate ?? null);
      expect(u.onlineShare).toBe(rate('3.3')?.status === 'COMPUTED' ? (rate('3.3')?.rate ?? null) : null);
      expect(u.satisfaction).toBe(rate('5.4')?.status === 'COMPUTED' ? (rate('5.4')?.rate ?? null) : null);
      const workload = await workloadStatistics({ db: h.db }, analyst(), u.code, FEB, 'field');
      expect(u.backlog).toBe(workload.total.backlogAtEnd);
    }
    const a = view.units.find((u) => u.unitId === f.unitA);
    expect(a).toMatchObject({ onTimeShare: 0.5, backlog: 2, overdue: 1 });
    expect(view.units.find((u) => u.unitId === f.unitB)).toMatchObject({ onTimeShare: 1, overdue: 0 });
  });

  it('lets readers asking for the same figures at once share one computation, and computes afresh after', async () => {
    const [a, b, leader] = await Promise.all([
      provinceOverview({ db: h.db, clock }, analyst(), query),
      provinceOverview({ db: h.db, clock }, analyst(), { ...query, sort: 'name' }),
      provinceOverview({ db: h.db, clock }, leaderA(), query),
    ]);
    // The same rows (one computation), each reader's own sorting of them.
    expect(new Set(b.units)).toEqual(new Set(a.units));
    for (const u of b.units) expect(a.units).toContain(u);
    // A commune leader's scope is a computation of its own.
    expect(leader.units.every((u) => !a.units.includes(u))).toBe(true);
    const later = await provinceOverview({ db: h.db, clock }, analyst(), query);
    expect(later.units).toEqual(a.units);
    expect(later.units[0]).not.toBe(a.units[0]);
  });

  it('lets readers asking for the same scorecard at once share one computation', async () => {
    const [a, b, other] = await Promise.all([
      computeScorecard({ db: h.db }, analyst(), undefined, FEB),
      computeScorecard({ db: h.db }, analyst(), undefined, FEB),
      computeScorecard({ db: h.db }, analyst(), '10001', FEB),
    ]);
    expect(b).toBe(a);
    expect(other).not.toBe(a);
    expect(await computeScorecard({ db: h.db }, analyst(), undefined, FEB)).not.toBe(a);
  });

  it('sorts the weakest score first by default and can sort by overdue, descending', async () => {
    const byScore = await provinceOverview({ db: h.db, clock }, analyst(), query);
    expect(byScore.units[0]?.score).toBeLessThanOrEqual(byScore.units[1]?.score ?? 0);
    const byOverdue = await provinceOverview({ db: h.db, clock }, analyst(), { ...query, sort: 'overdue', dir: 'desc' });
    expect(byOverdue.units.map((u) => u.overdue)).toEqual([1, 0]);
    const wards = await provinceOverview({ db: h.db, clock }, analyst(), { ...query, kind: 'WARD' });
    expect(wards.units.map((u) => u.code)).toEqual(['10002']);
  });

  it('gives the WISN ratio of the latest run’s lines, as the run and its line page compute them', async () => {
    const view = await provinceOverview({ db: h.db, clock }, analyst(), query);
    expect(view.wisnRunId).toBe(f.staffingRun);
    const run = await getRun({ db: h.db, clock }, analyst(), f.staffingRun, { unitId: f.unitA });
    const a = view.units.find((u) => u.unitId === f.unitA);
    expect(a?.wisnRatio).toBe(sumLines(run.lines).ratio);
    const jcs = await getRunLine({ db: h.db, clock }, analyst(), f.staffingRun, f.unitA, 'JUSTICE_CIVIL_STATUS');
    const leader = await provinceOverview({ db: h.db, clock }, leaderA(), query);
    const category = leader.categories.find((c) => c.field === 'JUSTICE_CIVIL_STATUS');
    expect(category?.wisnRatio).toBe(jcs.line.result?.ratio?.value ?? null);
  });

  it('gives the share meeting position requirements that the position-fit page implies', async () => {
    const view = await provinceOverview({ db: h.db, clock }, analyst(), query);
    for (const unitId of [f.unitA, f.unitB]) {
      const page = await unitNotMeeting({ db: h.db, clock }, analyst(), unitId, undefined);
      const u = view.units.find((x) => x.unitId === unitId);
      expect({ unitId, share: u?.fitShare }).toEqual({
        unitId,
        share: page.total > 0 ? (page.total - page.people.length) / page.total : null,
      });
    }
    expect(view.units.find((u) => u.unitId === f.unitA)?.fitShare).toBeCloseTo(1 / 3, 10);
  });

  it('raises the alerts: a dossier about to miss, a late campaign, low on-time share and WISN lines below the level', async () => {
    const view = await provinceOverview({ db: h.db, clock }, analyst(), query);
    const kinds = (k: string) => view.alerts.filter((a) => a.kind === k);
    expect(kinds('DUE_SOON').map((a) => a.unit?.code)).toEqual(['10001']);
    expect(kinds('CAMPAIGN_LATE').map((a) => a.subject)).toContain('Đợt quá hạn');
    expect(kinds('ON_TIME_LOW').map((a) => a.unit?.code)).toEqual(['10001']);
    for (const a of kinds('WISN_LOW')) expect(a.value).toBeLessThan(view.rule.wisnRatioBelow);
    expect(view.alertTotals.DUE_SOON).toBe(1);
  });

  it('draws the trend from the same scan: each month the card /scorecard shows for the province, or the leader’s unit', async () => {
    for (const [actor, unit] of [
      [analyst(), 'province'],
      [leaderA(), '10001'],
    ] as const) {
      const view = await provinceOverview({ db: h.db, clock }, actor, query);
      expect(view.trend.map((m) => m.from)).toEqual(['2025-09-01', '2025-10-01', '2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
      for (const m of view.trend) {
        const to = view.trend.find((x) => x.from > m.from)?.from ?? '2026-03-01';
        const card = (await computeScorecard({ db: h.db }, actor, unit, { from: m.from, to })).card;
        const i21 = card.groups.flatMap((g) => g.indicators).find((i) => i.code === '2.1');
        expect({ unit, from: m.from, score: m.score, onTime: m.onTimeShare }).toEqual({
          unit,
          from: m.from,
          score: card.total,
          onTime: i21?.status === 'COMPUTED' ? i21.rate : null,
        });
      }
    }
    // February's on-time share of unit A (0.5) is the leader's last trend point.
    const leader = await provinceOverview({ db: h.db, clock }, leaderA(), query);
    expect(leader.trend.at(-1)?.onTimeShare).toBe(0.5);
  });

  it('limits a commune leader to their unit, with fields as rows', async () => {
    const view = await provinceOverview({ db: h.db, clock }, leaderA(), query);
    expect(view.scope).toBe('unit');
    expect(view.units.map((u) => u.unitId)).toEqual([f.unitA]);
    expect(view.fields).toEqual([
      expect.objectContaining({ field: 'HOUSEHOLD_BUSINESS', received: 4, finished: 2, finishedOnTime: 1, backlog: 2, overdue: 1 }),
    ]);
    expect(view.alerts.every((a) => a.unit === null || a.unit.code === '10001')).toBe(true);
    expect(view.trend).toHaveLength(6);
  });
});
