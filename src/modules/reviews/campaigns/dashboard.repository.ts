import type { Db } from '../../../platform/db/database.ts';

/**
 * SQL of the campaign pages and the results dashboard (issue 4 §7): everything is grouped in
 * the database (a province campaign can hold 130,000 participants), so a distribution is a
 * handful of rows whatever the campaign's size. `unitId` narrows every query to one unit's
 * participants (unit roles on a province campaign, or the page's unit filter).
 */

/** Units a campaign may be opened for: current communes, wards and special zones (unit roles: their own). */
export async function reachableUnits(
  db: Db,
  provinceCode: string,
  unitId: number | null,
): Promise<{ id: number; code: string; name: string; kind: string }[]> {
  let q = db
    .selectFrom('administrativeUnits')
    .select(['id', 'code', 'name', 'kind'])
    .where('provinceCode', '=', provinceCode)
    .where('validTo', 'is', null)
    .where('kind', 'in', ['COMMUNE', 'WARD', 'SPECIAL_ZONE']);
  if (unitId !== null) q = q.where('id', '=', unitId);
  return q.orderBy('code').orderBy('id').execute();
}

/** Staff of the province named by citizen ID number or by id (one query); the caller reports the rest. */
export async function findStaffByKeys(
  db: Db,
  provinceCode: string,
  unitId: number | null,
  keys: { citizenIds: readonly string[]; staffIds: readonly number[] },
): Promise<{ id: number; citizenId: string }[]> {
  if (keys.citizenIds.length === 0 && keys.staffIds.length === 0) return [];
  let q = db.selectFrom('staff').where('provinceCode', '=', provinceCode);
  if (unitId !== null) q = q.where('unitId', '=', unitId);
  return q
    .select(['id', 'citizenId'])
    .where((eb) =>
      eb.or([
        ...(keys.citizenIds.length > 0 ? [eb('citizenId', 'in', [...keys.citizenIds])] : []),
        ...(keys.staffIds.length > 0 ? [eb('id', 'in', [...keys.staffIds])] : []),
      ]),
    )
    .orderBy('id')
    .execute();
}

/** One group of a distribution: the raw rating columns (the final rating is council ?? computed) and a count. */
export type RatingCountRow = { key: string | null; name: string | null; rating: string | null; councilRating: string | null; n: number };

export type Dimension = 'unit' | 'body' | 'field';

const num = (v: number | string | null | undefined) => (v === null || v === undefined ? 0 : Number(v));

/**
 * Participants counted by a dimension and by their two rating columns. Grouping by the raw
 * columns (not by coalesce(...)) keeps the SQL identical on both dialects; at most 5 × 5
 * rating pairs per key come back.
 */
export async function ratingCounts(db: Db, campaignId: number, unitId: number | null, dimension: Dimension): Promise<RatingCountRow[]> {
  let base = db
    .selectFrom('reviewParticipants as rp')
    .leftJoin('reviewEvaluations as e', 'e.participantId', 'rp.id')
    .where('rp.campaignId', '=', campaignId);
  if (unitId !== null) base = base.where('rp.unitId', '=', unitId);
  const count = base.select((eb) => [eb.fn.countAll<number | string>().as('n'), 'e.rating', 'e.councilRating']);
  let rows: { key: number | string | null; name: string | null; rating: string | null; councilRating: string | null; n: number | string }[];
  if (dimension === 'unit') {
    rows = await count
      .innerJoin('administrativeUnits as u', 'u.id', 'rp.unitId')
      .select(['rp.unitId as key', 'u.name as name'])
      .groupBy(['rp.unitId', 'u.name', 'e.rating', 'e.councilRating'])
      .execute();
  } else if (dimension === 'body') {
    rows = await count
      .leftJoin('orgBodies as b', 'b.id', 'rp.orgBodyId')
      .select(['rp.orgBodyId as key', 'b.name as name'])
      .groupBy(['rp.orgBodyId', 'b.name', 'e.rating', 'e.councilRating'])
      .execute();
  } else {
    rows = await count
      .leftJoin('positions as p', 'p.id', 'rp.positionId')
      .select(['p.field as key', 'p.field as name'])
      .groupBy(['p.field', 'e.rating', 'e.councilRating'])
      .execute();
  }
  return rows.map((r) => ({
    key: r.key === null ? null : String(r.key),
    name: r.name,
    rating: r.rating,
    councilRating: r.councilRating,
    n: num(r.n),
  }));
}

/** Screening outcomes (null: not screened) with their counts. */
export async function screeningCounts(db: Db, campaignId: number, unitId: number | null): Promise<{ outcome: string | null; n: number }[]> {
  let q = db
    .selectFrom('reviewParticipants as rp')
    .leftJoin('reviewScreenings as s', 's.participantId', 'rp.id')
    .where('rp.campaignId', '=', campaignId);
  if (unitId !== null) q = q.where('rp.unitId', '=', unitId);
  const rows = await q
    .select((eb) => ['s.outcome', eb.fn.count<number | string>('rp.id').distinct().as('n')])
    .groupBy('s.outcome')
    .execute();
  return rows.map((r) => ({ outcome: r.outcome, n: num(r.n) }));
}

export type GapRow = { competencyCode: string; people: number; meanShortfall: number; assessed: number };

/**
 * The competencies with the most people below the required level: for each competency, how
 * many participants' final level (council, else supervisor, else self) is below the required
 * one, and the mean shortfall in levels among them; most people first, then the largest mean.
 */
export async function gapRanking(db: Db, campaignId: number, unitId: number | null, limit: number): Promise<GapRow[]> {
  // One pass over the assessed rows: a person has one row per competency (unique), so counting rows
  // counts people, and the shortfall count, its mean and the assessed denominator come together.
  let q = db
    .selectFrom('reviewCompetencyLevels as l')
    .innerJoin('reviewParticipants as rp', 'rp.id', 'l.participantId')
    .where('rp.campaignId', '=', campaignId)
    .where('l.requiredLevel', 'is not', null)
    .where((eb) => eb(eb.fn.coalesce('l.councilLevel', 'l.supervisorLevel', 'l.selfLevel'), 'is not', null));
  if (unitId !== null) q = q.where('rp.unitId', '=', unitId);
  const rows = await q
    .select((eb) => {
      const final = eb.fn.coalesce('l.councilLevel', 'l.supervisorLevel', 'l.selfLevel');
      const short = eb.case().when(final, '<', eb.ref('l.requiredLevel'));
      return [
        'l.competencyCode',
        eb.fn.sum<number | string>(short.then(1).else(0).end()).as('people'),
        eb.fn.avg<number | string | null>(short.then(eb('l.requiredLevel', '-', final)).end()).as('meanShortfall'),
        eb.fn.countAll<number | string>().as('assessed'),
      ];
    })
    .groupBy('l.competencyCode')
    .having(
      (eb) =>
        eb.fn.sum(
          eb
            .case()
            .when(eb.fn.coalesce('l.councilLevel', 'l.supervisorLevel', 'l.selfLevel'), '<', eb.ref('l.requiredLevel'))
            .then(1)
            .else(0)
            .end(),
        ),
      '>',
      0,
    )
    .orderBy('people', 'desc')
    .orderBy('meanShortfall', 'desc')
    .orderBy('l.competencyCode')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    competencyCode: r.competencyCode,
    people: num(r.people),
    meanShortfall: Math.round(Number(r.meanShortfall) * 100) / 100,
    assessed: num(r.assessed),
  }));
}

/** Names of competency codes: the campaign's framework version first, else the latest version holding the code. */
export async function competencyNames(
  db: Db,
  provinceCode: string,
  codes: readonly string[],
  versionId: number | null,
): Promise<Map<string, { nameVi: string; nameEn: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('competencies')
    .select(['code', 'nameVi', 'nameEn', 'versionId'])
    .where('provinceCode', '=', provinceCode)
    .where('code', 'in', [...codes])
    .orderBy('versionId', 'desc')
    .execute();
  const out = new Map<string, { nameVi: string; nameEn: string }>();
  for (const r of rows) if (r.versionId === versionId) out.set(r.code, { nameVi: r.nameVi, nameEn: r.nameEn });
  for (const r of rows) if (!out.has(r.code)) out.set(r.code, { nameVi: r.nameVi, nameEn: r.nameEn });
  return out;
}

/** Counts per excellent-quota group (agency: body, else unit; position group) and rating columns. */
export async function quotaCounts(
  db: Db,
  campaignId: number,
  unitId: number | null,
): Promise<
  {
    unitId: number;
    orgBodyId: number | null;
    positionGroup: string | null;
    rating: string | null;
    councilRating: string | null;
    n: number;
  }[]
> {
  let q = db
    .selectFrom('reviewParticipants as rp')
    .innerJoin('reviewEvaluations as e', 'e.participantId', 'rp.id')
    .where('rp.campaignId', '=', campaignId);
  if (unitId !== null) q = q.where('rp.unitId', '=', unitId);
  const rows = await q
    .select((eb) => [
      'rp.unitId',
      'rp.orgBodyId',
      'rp.positionGroup',
      'e.rating',
      'e.councilRating',
      eb.fn.countAll<number | string>().as('n'),
    ])
    .groupBy(['rp.unitId', 'rp.orgBodyId', 'rp.positionGroup', 'e.rating', 'e.councilRating'])
    .execute();
  return rows.map((r) => ({ ...r, n: num(r.n) }));
}

/** The units a campaign's participants belong to (the page's unit filter). */
export async function participantUnits(db: Db, campaignId: number): Promise<{ id: number; name: string; n: number }[]> {
  const rows = await db
    .selectFrom('reviewParticipants as rp')
    .innerJoin('administrativeUnits as u', 'u.id', 'rp.unitId')
    .select((eb) => ['u.id', 'u.name', eb.fn.countAll<number | string>().as('n')])
    .where('rp.campaignId', '=', campaignId)
    .groupBy(['u.id', 'u.name'])
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, n: num(r.n) }));
}

export type ExportRow = {
  participantId: number;
  fullName: string;
  unitName: string;
  bodyName: string | null;
  positionCode: string | null;
  positionName: string | null;
  positionGroup: string | null;
  field: string | null;
  score: number | null;
  rating: string | null;
  councilRating: string | null;
  screeningOutcome: string | null;
  gapCount: number;
};

/**
 * One row per participant for the exports, at most `limit`, by unit, then name (Vietnamese order): the gap count
 * (competencies whose final level is below the required one) is a correlated count, so no
 * competency row leaves the database.
 */
export async function exportRows(
  db: Db,
  campaignId: number,
  unitId: number | null,
  limit: number,
): Promise<{ rows: ExportRow[]; total: number }> {
  let base = db.selectFrom('reviewParticipants as rp').where('rp.campaignId', '=', campaignId);
  if (unitId !== null) base = base.where('rp.unitId', '=', unitId);
  const [rows, count] = await Promise.all([
    base
      .innerJoin('staff as s', 's.id', 'rp.staffId')
      .innerJoin('administrativeUnits as u', 'u.id', 'rp.unitId')
      .leftJoin('orgBodies as b', 'b.id', 'rp.orgBodyId')
      .leftJoin('positions as p', 'p.id', 'rp.positionId')
      .leftJoin('reviewEvaluations as e', 'e.participantId', 'rp.id')
      .leftJoin('reviewScreenings as sc', 'sc.participantId', 'rp.id')
      .select((eb) => [
        'rp.id as participantId',
        's.fullName',
        'u.name as unitName',
        'b.name as bodyName',
        'rp.positionCode',
        'p.nameVi as positionName',
        'rp.positionGroup',
        'p.field',
        'e.score',
        'e.rating',
        'e.councilRating',
        'sc.outcome as screeningOutcome',
        eb
          .selectFrom('reviewCompetencyLevels as l')
          .select((ib) => ib.fn.countAll<number | string>().as('n'))
          .whereRef('l.participantId', '=', 'rp.id')
          .where('l.requiredLevel', 'is not', null)
          .where((ib) => ib(ib.fn.coalesce('l.councilLevel', 'l.supervisorLevel', 'l.selfLevel'), '<', ib.ref('l.requiredLevel')))
          .as('gapCount'),
      ])
      .orderBy('u.name')
      .orderBy('s.nameSort')
      .orderBy('rp.id')
      .limit(limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score), gapCount: num(r.gapCount) })),
    total: num(count.n),
  };
}
