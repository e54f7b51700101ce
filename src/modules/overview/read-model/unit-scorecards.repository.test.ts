import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { insertScorecardDossiers, type ScorecardDossier, seedDossierProcedures } from '../../../../test/support/dossier-builders.ts';
import { actorOf, type Fixture, NOW, seedFixture } from '../../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import { fixedClock } from '../../../platform/time/clock.ts';
import { insertProcedureVersion } from '../../procedures/procedures.repository.ts';
import { computeScorecard } from '../../scorecard/use-cases/compute-scorecard.ts';
import { periodScorecards } from './unit-scorecards.ts';

/**
 * The overview's one scan (classes grouped by procedure flags, paused dossiers as their own
 * rows, several periods at once) gives every unit, and the province, the very card its
 * /scorecard page computes for each period. The dossiers mix what the grouping must keep
 * apart: two procedures with the same flags but different national codes received online in
 * the period (indicator 3.2 counts each), a free procedure without a paper result, carried
 * over, withdrawn and repeat-supplement dossiers, and paused dossiers late and not late.
 */
describe.each(testDialects())('periodScorecards on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  const clock = fixedClock(NOW);
  const JAN = { from: '2026-01-01', to: '2026-02-01' };
  const FEB = { from: '2026-02-01', to: '2026-03-01' };
  const analyst = () => actorOf(f.users.province_analyst);

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db, clock);
    const p = await seedDossierProcedures(h.db);
    const free = await insertProcedureVersion(
      h.db,
      {
        provinceCode: 'T1',
        nationalCode: 'DOS.FREE.1',
        nameVi: 'Xác nhận tình trạng hôn nhân',
        nameEn: 'Marital status certificate',
        field: 'CIVIL_STATUS',
        competentLevel: 'COMMUNE',
        timeLimitAmount: 3,
        timeLimitUnit: 'WORKING_DAYS',
        timeLimitNote: null,
        fee: 0,
        feeNote: null,
        onlineLevel: 'FULL',
        paperResult: false,
        essentialService: false,
        requiredDocuments: [],
        workflow: [{ code: 'RECEIVE', name: 'Tiếp nhận hồ sơ', roles: ['counter_officer'] }],
        sourceTag: 'NC',
        sourceNote: 'Dữ liệu thử',
        effectiveFrom: '2025-07-01',
      },
      '2025-07-01T00:00:00.000Z',
    );
    const a = f.unitA;
    const b = f.unitB;
    const day = (d: string, h = '02:00') => `2026-${d}T${h}:00.000Z`;
    const rows: ScorecardDossier[] = [
      // Online, received in February, two procedures with the same flags.
      {
        procedureId: p.commune,
        competentUnitId: a,
        channel: 2,
        status: 9,
        receivedAt: day('02-02'),
        dueAt: day('02-05', '10:00'),
        finishedAt: day('02-04'),
      },
      { procedureId: p.essential, competentUnitId: a, channel: 2, status: 4, receivedAt: day('02-24'), dueAt: day('02-27', '10:00') },
      // Received online in January, finished late in February (carried over into February).
      {
        procedureId: p.commune,
        competentUnitId: a,
        channel: 2,
        status: 10,
        receivedAt: day('01-27'),
        dueAt: day('01-30', '10:00'),
        finishedAt: day('02-03'),
        returnedAt: day('02-03', '04:00'),
      },
      // Paused: not late once the pause pushes the due date back; late although paused.
      {
        procedureId: p.offline,
        competentUnitId: a,
        status: 9,
        receivedAt: day('02-09'),
        dueAt: day('02-12', '09:00'),
        finishedAt: day('02-12', '10:00'),
        pausedMs: 28_800_000,
      },
      {
        procedureId: p.offline,
        competentUnitId: a,
        status: 9,
        receivedAt: day('02-09'),
        dueAt: day('02-12', '09:00'),
        finishedAt: day('02-17', '10:00'),
        pausedMs: 60_000,
      },
      // A free procedure with no paper result; a withdrawn dossier; a repeat supplement.
      {
        procedureId: free,
        competentUnitId: a,
        status: 9,
        receivedAt: day('02-10'),
        dueAt: day('02-13', '10:00'),
        finishedAt: day('02-11'),
      },
      {
        procedureId: p.commune,
        competentUnitId: a,
        channel: 3,
        status: 7,
        receivedAt: day('02-16'),
        dueAt: day('02-19', '10:00'),
        updatedAt: day('02-17'),
      },
      {
        procedureId: p.commune,
        competentUnitId: b,
        status: 9,
        receivedAt: day('02-02'),
        dueAt: day('02-05', '10:00'),
        finishedAt: day('02-04'),
        supplementRequests: 2,
      },
      {
        procedureId: p.essential,
        competentUnitId: b,
        channel: 2,
        status: 9,
        receivedAt: day('01-05'),
        dueAt: day('01-08', '10:00'),
        finishedAt: day('01-07'),
      },
      {
        procedureId: free,
        competentUnitId: b,
        channel: 2,
        status: 5,
        receivedAt: day('02-20'),
        dueAt: day('02-25', '10:00'),
        pausedMs: 3_600_000,
      },
      {
        procedureId: p.province,
        competentUnitId: b,
        channel: 2,
        status: 9,
        receivedAt: day('01-12'),
        dueAt: day('02-02', '10:00'),
        finishedAt: day('02-06'),
      },
    ];
    await insertScorecardDossiers(h.db, rows);
  });
  afterAll(async () => h?.close());

  it('gives each unit and the province the card computeScorecard gives, for every period of the scan', async () => {
    const periods = await periodScorecards(h.db, 'T1', [f.unitA, f.unitB], [JAN, FEB], true);
    expect(periods.map((p) => p.range)).toEqual([JAN, FEB]);
    for (const p of periods) {
      for (const [unitId, code] of [
        [f.unitA, '10001'],
        [f.unitB, '10002'],
      ] as const) {
        const own = await computeScorecard({ db: h.db }, analyst(), code, p.range);
        expect({ unit: code, from: p.range.from, card: p.units.get(unitId)?.card }).toEqual({
          unit: code,
          from: p.range.from,
          card: own.card,
        });
      }
      const province = await computeScorecard({ db: h.db }, analyst(), 'province', p.range);
      expect({ from: p.range.from, card: p.province }).toEqual({ from: p.range.from, card: province.card });
    }
    // The scan saw what matters: February's 3.2 counts both procedures used online in unit A.
    const feb = periods[1]?.units.get(f.unitA)?.card;
    const i32 = feb?.groups.flatMap((g) => g.indicators).find((i) => i.code === '3.2');
    expect(i32?.explanation.terms.usedOnline).toBe(2);
  });

  it("builds only the province's card where no unit card is asked, the same card, from rows without units", async () => {
    const both = await periodScorecards(h.db, 'T1', [f.unitA, f.unitB], [JAN, FEB], true);
    const febOnlyProvince = await periodScorecards(h.db, 'T1', [f.unitA, f.unitB], [JAN, FEB], true, (i) => i === 0);
    expect(febOnlyProvince[1]?.units.size).toBe(0);
    expect(febOnlyProvince[1]?.province).toEqual(both[1]?.province);
    expect(febOnlyProvince[0]?.units.get(f.unitB)).toEqual(both[0]?.units.get(f.unitB));
    expect(febOnlyProvince[0]?.province).toEqual(both[0]?.province);
  });

  it("reads only the units asked for without the province's card, and gives them the same cards", async () => {
    const both = await periodScorecards(h.db, 'T1', [f.unitA, f.unitB], [JAN, FEB], true);
    const onlyB = await periodScorecards(h.db, 'T1', [f.unitB], [JAN, FEB], false, () => false);
    for (const [i, p] of onlyB.entries()) {
      expect(p.province).toBeNull();
      expect([...p.units.keys()]).toEqual([f.unitB]);
      expect(p.units.get(f.unitB)).toEqual(both[i]?.units.get(f.unitB));
    }
  });
});
