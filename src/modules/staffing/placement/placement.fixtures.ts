import type { Db } from '../../../platform/db/database.ts';
import { nameSortKey } from '../../../platform/text/name-sort-key.ts';
import { searchKey } from '../../../platform/text/search-key.ts';
import { competencyFixture, frameworkFixture, positionFixture } from '../../competencies/competencies.fixtures.ts';
import { writeFramework } from '../../competencies/use-cases/versions.ts';

/**
 * Seed for the placement repository and HTTP tests, written straight into the tables:
 * - a former district D with one former commune flowing into unit A and one into unit B
 *   (so A → B is a move within the same former district);
 * - a published framework: P.OFFICE (field OFFICE), P.LAND and P.LAND2 (field LAND, both need
 *   L.LAW 3), P.LEAD (LEADERSHIP, field OFFICE); unit B has 1 post of P.LAND (held) and
 *   2 free posts of P.LAND2, so new LAND staff go to P.LAND2;
 * - a run: unit A OFFICE 4 for 2 (SURPLUS, 2 spare), unit B LAND 1 for 3 (SHORTAGE, ratio 1/3,
 *   gap L.LAW), unit A LAND 1 for 1 (BALANCED, nothing spare);
 * - unit A OFFICE staff in post since 2025-07-01, rated in a LOCKED 2025 campaign:
 *   `good` (GOOD, L.LAW 3), `excellent` (EXCELLENT, L.LAW 4), `disciplined` (pending discipline
 *   until 2026-12-31), `weak` (L.LAW 2: fails P.LAND's requirement);
 * - ACTIVE staff of unit A topped up to exactly 10, so 10 % lets 1 person go and 30 % lets 3.
 * Hand-computed with the default rule: each mover to B costs 0.2 (same former district) and
 * gains 1 (first post) or 0.8 (second) plus 0.3 (covers L.LAW): −1.1 and −0.9.
 */

export type PlacementSeed = {
  runId: number;
  versionId: number;
  positions: { office: number; land: number; land2: number; lead: number };
  staff: { good: number; excellent: number; disciplined: number; weak: number; holderB: number };
  districtId: number;
};

const AT = '2026-03-02T03:00:00.000Z';
let seq = 0;

async function insertUnit(db: Db, provinceCode: string, code: string, name: string, kind: string, parentId: number | null) {
  const { id } = await db
    .insertInto('administrativeUnits')
    .values({
      provinceCode,
      code,
      name,
      nameSearch: searchKey(name),
      kind,
      parentId,
      population: null,
      areaKm2: null,
      isMountainous: 0,
      validFrom: null,
      validTo: '2025-06-30',
      createdByResolution: null,
      createdAt: AT,
      updatedAt: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function insertPlacementStaff(
  db: Db,
  provinceCode: string,
  unitId: number,
  fullName: string,
  over: { disciplinePendingUntil?: string | null } = {},
): Promise<number> {
  seq++;
  const { id } = await db
    .insertInto('staff')
    .values({
      provinceCode,
      unitId,
      orgBodyId: null,
      fullName,
      nameSearch: searchKey(fullName),
      nameSort: nameSortKey(fullName),
      gender: 'FEMALE',
      birthDate: '1990-01-01',
      citizenId: `0467${String(seq).padStart(8, '0')}`,
      education: '12/12',
      qualification: 'Cử nhân',
      qualificationField: 'Quản lý đất đai',
      rank: 'CHUYEN_VIEN',
      employmentStatus: 'ACTIVE',
      currentTitle: 'Công chức',
      createdAt: AT,
      updatedAt: AT,
      ...(over.disciplinePendingUntil === undefined ? {} : { disciplinePendingUntil: over.disciplinePendingUntil }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

async function positionId(db: Db, versionId: number, code: string): Promise<number> {
  const r = await db
    .selectFrom('positions')
    .select('id')
    .where('versionId', '=', versionId)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** A stored run line: the columns placement reads and a small `line` JSON (unit name, expertise). */
export async function insertRunLine(
  db: Db,
  runId: number,
  l: { unitId: number; unitName: string; field: string; status: string; required: number; actual: number; gaps?: string[] },
) {
  await db
    .insertInto('staffingRunLines')
    .values({
      runId,
      unitId: l.unitId,
      field: l.field,
      status: l.status,
      requiredStaff: l.required,
      actualStaff: l.actual,
      difference: l.actual - l.required,
      ratio: l.actual / l.required,
      line: JSON.stringify({
        unitId: l.unitId,
        unitName: l.unitName,
        field: l.field,
        expertise: {
          placed: l.actual,
          notMeeting: 0,
          gapCompetencies: (l.gaps ?? []).map((code) => ({ code, name: `Năng lực ${code}`, staffBelow: 1 })),
        },
      }),
    })
    .execute();
}

export async function insertRun(db: Db, provinceCode: string): Promise<number> {
  const { id } = await db
    .insertInto('staffingRuns')
    .values({
      provinceCode,
      year: 2025,
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      formulaVersion: 'test',
      createdAt: AT,
      createdBy: null,
      note: null,
      notes: '[]',
      rulesUsed: '[]',
      calendar: '{}',
      totals: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function seedPlacement(db: Db, f: { provinceCode: string; unitA: number; unitB: number }): Promise<PlacementSeed> {
  const p = f.provinceCode;
  const districtId = await insertUnit(db, p, 'PD-1', 'Huyện Cũ Thử', 'FORMER_DISTRICT', null);
  for (const [code, successor] of [
    ['PX-1', f.unitA],
    ['PX-2', f.unitB],
  ] as const) {
    const former = await insertUnit(db, p, code, `Xã Cũ ${code}`, 'FORMER_COMMUNE', districtId);
    await db
      .insertInto('unitLineage')
      .values({ provinceCode: p, predecessorId: former, successorId: successor, resolution: 'Thử', effectiveDate: '2025-07-01' })
      .execute();
  }

  const doc = frameworkFixture({
    effectiveFrom: '2025-07-01',
    competencies: [competencyFixture('L.LAW', { group: 'FIELD', field: 'LAND' }), competencyFixture('O.ADMIN')],
    positions: [
      positionFixture('P.OFFICE', { field: 'OFFICE', qualificationFields: [], requirements: [{ competencyCode: 'O.ADMIN', level: 1 }] }),
      positionFixture('P.LAND', { field: 'LAND', qualificationFields: [], requirements: [{ competencyCode: 'L.LAW', level: 3 }] }),
      positionFixture('P.LAND2', { field: 'LAND', qualificationFields: [], requirements: [{ competencyCode: 'L.LAW', level: 3 }] }),
      positionFixture('P.LEAD', { group: 'LEADERSHIP', field: 'OFFICE', qualificationFields: [], requirements: [] }),
    ],
  });
  const versionId = (await writeFramework(db, p, doc, 'PUBLISHED', AT, null)).id;
  const positions = {
    office: await positionId(db, versionId, 'P.OFFICE'),
    land: await positionId(db, versionId, 'P.LAND'),
    land2: await positionId(db, versionId, 'P.LAND2'),
    lead: await positionId(db, versionId, 'P.LEAD'),
  };
  await db
    .insertInto('positionPosts')
    .values([
      { provinceCode: p, unitId: f.unitB, positionCode: 'P.LAND', posts: 1, updatedAt: AT },
      { provinceCode: p, unitId: f.unitB, positionCode: 'P.LAND2', posts: 2, updatedAt: AT },
    ])
    .execute();

  const good = await insertPlacementStaff(db, p, f.unitA, 'Lê Thị Tốt');
  const excellent = await insertPlacementStaff(db, p, f.unitA, 'Phạm Văn Giỏi');
  const disciplined = await insertPlacementStaff(db, p, f.unitA, 'Hồ Văn Kỷ', { disciplinePendingUntil: '2026-12-31' });
  const weak = await insertPlacementStaff(db, p, f.unitA, 'Đỗ Thị Yếu');
  const holderB = await insertPlacementStaff(db, p, f.unitB, 'Ngô Văn Giữ');
  for (const s of [good, excellent, disciplined, weak]) {
    await db
      .insertInto('staffPositions')
      .values({ provinceCode: p, staffId: s, positionId: positions.office, unitId: f.unitA, startDate: '2025-07-01', endDate: null })
      .execute();
  }
  await db
    .insertInto('staffPositions')
    .values({ provinceCode: p, staffId: holderB, positionId: positions.land, unitId: f.unitB, startDate: '2025-07-01', endDate: null })
    .execute();

  // Top unit A up to exactly 10 ACTIVE staff (the base of the share cap).
  const active = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('unitId', '=', f.unitA)
    .where('employmentStatus', '=', 'ACTIVE')
    .executeTakeFirstOrThrow();
  for (let i = Number(active.n); i < 10; i++) await insertPlacementStaff(db, p, f.unitA, `Nhân Viên Thêm ${i}`);

  const { id: campaignId } = await db
    .insertInto('reviewCampaigns')
    .values({
      provinceCode: p,
      ownerUnitId: null,
      name: 'Đánh giá năm 2025',
      year: 2025,
      periodFrom: '2025-01-01',
      periodTo: '2025-12-15',
      regime: 'DECREE_90',
      instruments: '["COMPETENCY","ANNUAL_EVALUATION"]',
      scopeKind: 'UNITS',
      scope: JSON.stringify({ unitIds: [f.unitA] }),
      frameworkVersionId: versionId,
      status: 'LOCKED',
      createdAt: AT,
      createdBy: null,
      lockedAt: '2025-12-20T03:00:00.000Z',
      lockedBy: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rate = async (staffId: number, rating: string, law: number) => {
    const { id } = await db
      .insertInto('reviewParticipants')
      .values({
        provinceCode: p,
        campaignId,
        staffId,
        unitId: f.unitA,
        orgBodyId: null,
        positionId: positions.office,
        positionCode: 'P.OFFICE',
        positionGroup: 'PROFESSIONAL',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('reviewEvaluations')
      .values({ provinceCode: p, participantId: id, regime: 'DECREE_90', rating, updatedAt: AT })
      .execute();
    await db
      .insertInto('reviewCompetencyLevels')
      .values({ provinceCode: p, participantId: id, competencyCode: 'L.LAW', requiredLevel: null, supervisorLevel: law, updatedAt: AT })
      .execute();
  };
  await rate(good, 'GOOD', 3);
  await rate(excellent, 'EXCELLENT', 4);
  await rate(disciplined, 'EXCELLENT', 5);
  await rate(weak, 'GOOD', 2);

  const runId = await insertRun(db, p);
  await insertRunLine(db, runId, { unitId: f.unitA, unitName: 'Xã A', field: 'OFFICE', status: 'SURPLUS', required: 2, actual: 4 });
  await insertRunLine(db, runId, {
    unitId: f.unitB,
    unitName: 'Phường B',
    field: 'LAND',
    status: 'SHORTAGE',
    required: 3,
    actual: 1,
    gaps: ['L.LAW'],
  });
  await insertRunLine(db, runId, { unitId: f.unitA, unitName: 'Xã A', field: 'LAND', status: 'BALANCED', required: 1, actual: 1 });
  return { runId, versionId, positions, staff: { good, excellent, disciplined, weak, holderB }, districtId };
}
