import { type Db, toDbBool } from '../../../platform/db/database.ts';
import { searchKey } from '../../../platform/text/search-key.ts';
import { insertBatch } from './placement.repository.ts';
import type { BatchParamsStored, RecommendationView } from './placement.schemas.ts';

/**
 * Real placement recommendations for the shared test fixture (test/support/fixture.ts), so the
 * authorization matrix's accept/reject rows reach the handler on a recommendation that exists
 * (allowed roles: 200 or 409, never 404) instead of counting a 404 on a missing id as a pass.
 *
 * One batch on the fixture's stored run (f.staffingRun, the province's latest run when the
 * fixture is made) with four PROPOSED recommendations, each moving staffA from his current
 * placement in commune A to the target position in commune A (a move within the unit, so an
 * accepted one leaves his home unit, and every unit-scoped row about him, as it was):
 * one per decision route (API accept, API reject, page accept, page reject).
 *
 * The target position needs a framework version, and the matrix's competencies rows create
 * versions 1–3 and address them by id (and their positions as 5 and 6). So the version and
 * its position are written with NEGATIVE ids (neither SQLite's AUTOINCREMENT nor a PostgreSQL
 * serial moves its counter for them) under the province code 'TX', which no province has: no
 * province's catalogue, framework in force or version numbering sees them.
 */

export type FixtureRecommendations = { apiAccept: number; apiReject: number; pageAccept: number; pageReject: number };

const AT = '2026-03-02T03:00:00.000Z';
export const FIXTURE_POSITION_ID = -1;
const FIXTURE_VERSION_ID = -1;
const HIDDEN_PROVINCE = 'TX';

async function insertHiddenPosition(db: Db): Promise<void> {
  await db
    .insertInto('frameworkVersions')
    .values({
      id: FIXTURE_VERSION_ID,
      provinceCode: HIDDEN_PROVINCE,
      versionNo: 1,
      label: 'Khung thử (ma trận quyền)',
      effectiveFrom: '2025-07-01',
      status: 'DRAFT',
      sourceNote: 'Dữ liệu thử',
      createdAt: AT,
      createdBy: null,
      publishedAt: null,
      publishedBy: null,
    })
    .execute();
  const name = 'Công chức hộ tịch (thử)';
  await db
    .insertInto('positions')
    .values({
      id: FIXTURE_POSITION_ID,
      provinceCode: HIDDEN_PROVINCE,
      versionId: FIXTURE_VERSION_ID,
      code: 'P.FIXTURE',
      nameVi: name,
      nameEn: 'Civil status officer (test)',
      nameSearch: searchKey(name),
      positionGroup: 'PROFESSIONAL',
      bodyKind: 'OFFICE_HDND_UBND',
      field: 'JUSTICE_CIVIL_STATUS',
      jobDescriptionVi: 'Thử',
      jobDescriptionEn: 'Test',
      requiredRank: 'CHUYEN_VIEN',
      educationLevel: 'UNIVERSITY',
      qualificationFields: '[]',
      confirmed: toDbBool(false),
      sourceNote: 'Dữ liệu thử',
      sortOrder: 1,
    })
    .execute();
}

function explanation(unitId: number, unitName: string): RecommendationView['explanation'] {
  const line = (field: string, status: 'SHORTAGE' | 'BALANCED', required: number, before: number, after: number) => ({
    unitId,
    unitName,
    field,
    status,
    requiredStaff: required,
    actualBefore: before,
    actualAfter: after,
    ratioBefore: before / required,
    ratioAfter: after / required,
  });
  return {
    fixes: { ...line('JUSTICE_CIVIL_STATUS', 'SHORTAGE', 4, 2, 3), slotRank: 1, relief: 1, acute: true, gapCompetenciesCovered: [] },
    costs: { ...line('LAND', 'BALANCED', 2, 2, 1), moveKind: 'SAME_UNIT', moveCost: 0, originLoss: 0.5 },
    eligibility: {
      window: { from: 2024, to: 2025 },
      ratings: [],
      ratedYears: 0,
      minRating: 'COMPLETED',
      disciplinePendingUntil: null,
      leadership: false,
      fit: { meetsPosition: true, reasons: [], requireProvenFit: false },
    },
    position: { id: FIXTURE_POSITION_ID, code: 'P.FIXTURE', name: 'Công chức hộ tịch (thử)', freePost: true },
  };
}

const EMPTY_SUMMARY: BatchParamsStored['summary'] = {
  linesWithSpare: 1,
  shortageLines: 1,
  shortageLinesWithoutPosition: 0,
  slots: 1,
  peopleInSpareLines: 1,
  eligible: 1,
  withBeneficialMove: 1,
  preselected: 1,
  recommended: 4,
};

/** The batch and its four recommendations (see above); staffA must hold a current placement in unit A. */
export async function seedFixtureRecommendations(
  db: Db,
  f: { provinceCode: string; runId: number; unitA: number; staffA: number },
): Promise<FixtureRecommendations> {
  await insertHiddenPosition(db);
  const current = await db
    .selectFrom('staffPositions')
    .select('id')
    .where('staffId', '=', f.staffA)
    .where('endDate', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const unit = await db.selectFrom('administrativeUnits').select('name').where('id', '=', f.unitA).executeTakeFirstOrThrow();
  const params: BatchParamsStored = {
    today: AT.slice(0, 10),
    options: { includeLeadership: false, forbidOutsideDistrict: false, maxShareMovedPerUnit: 0.1 },
    rule: { version: 'fixture', effectiveFrom: null, origin: 'DEFAULT', sourceNote: 'Dữ liệu thử' },
    frameworkVersionId: FIXTURE_VERSION_ID,
    summary: EMPTY_SUMMARY,
    excluded: [],
  };
  const rec = {
    staffId: f.staffA,
    fromStaffPositionId: Number(current.id),
    fromUnitId: f.unitA,
    fromPositionId: null,
    fromField: 'LAND',
    toUnitId: f.unitA,
    toPositionId: FIXTURE_POSITION_ID,
    toField: 'JUSTICE_CIVIL_STATUS',
    kind: 'TRANSFER' as const,
    endDate: null,
    benefit: 1,
    cost: 0.5,
    explanation: explanation(f.unitA, unit.name),
  };
  const batch = await insertBatch(
    db,
    { provinceCode: f.provinceCode, runId: f.runId, params, objective: -0.5, createdAt: AT, createdBy: null },
    [rec, rec, rec, rec],
  );
  const ids = await db.selectFrom('placementRecommendations').select('id').where('batchId', '=', batch.id).orderBy('id').execute();
  const [apiAccept, apiReject, pageAccept, pageReject] = ids.map((r) => Number(r.id));
  if (pageReject === undefined || apiAccept === undefined || apiReject === undefined || pageAccept === undefined)
    throw new Error('fixture recommendations missing');
  return { apiAccept, apiReject, pageAccept, pageReject };
}
