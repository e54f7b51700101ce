import type { Db } from '../../../platform/db/database.ts';

/** SQL of the assessment sheet: participants, competency levels, evaluations and screenings of a review campaign. */

export type CampaignRow = {
  id: number;
  provinceCode: string;
  ownerUnitId: number | null;
  name: string;
  year: number;
  regime: string;
  instruments: string[];
  status: string;
};

export type ParticipantRow = {
  id: number;
  provinceCode: string;
  campaignId: number;
  staffId: number;
  fullName: string;
  unitId: number;
  unitName: string;
  orgBodyId: number | null;
  positionCode: string | null;
  positionGroup: string | null;
  selfSubmittedAt: string | null;
  supervisorSubmittedAt: string | null;
  councilDecidedAt: string | null;
  /** The sheet's optimistic-concurrency token (migration 0029). */
  version: number;
};

export type LevelRow = {
  competencyCode: string;
  requiredLevel: number | null;
  selfLevel: number | null;
  selfEvidence: string | null;
  supervisorLevel: number | null;
  supervisorEvidence: string | null;
  councilLevel: number | null;
  councilEvidence: string | null;
};

export type EvaluationRow = {
  participantId: number;
  regime: string;
  selfInput: string | null;
  supervisorInput: string | null;
  result: string | null;
  configVersion: string | null;
  score: number | null;
  rating: string | null;
  councilRating: string | null;
  councilNote: string | null;
};

export type ScreeningRow = { participantId: number; criteria: string; result: string; configVersion: string; outcome: string };

const parseInstruments = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export async function findCampaign(db: Db, id: number): Promise<CampaignRow | undefined> {
  const row = await db
    .selectFrom('reviewCampaigns')
    .select(['id', 'provinceCode', 'ownerUnitId', 'name', 'year', 'regime', 'instruments', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...row, instruments: parseInstruments(row.instruments) };
}

function participantQuery(db: Db) {
  return db
    .selectFrom('reviewParticipants as p')
    .innerJoin('staff as s', 's.id', 'p.staffId')
    .innerJoin('administrativeUnits as u', 'u.id', 'p.unitId')
    .select([
      'p.id',
      'p.provinceCode',
      'p.campaignId',
      'p.staffId',
      's.fullName',
      'p.unitId',
      'u.name as unitName',
      'p.orgBodyId',
      'p.positionCode',
      'p.positionGroup',
      'p.selfSubmittedAt',
      'p.supervisorSubmittedAt',
      'p.councilDecidedAt',
      'p.version',
    ]);
}

export async function findParticipant(db: Db, id: number): Promise<ParticipantRow | undefined> {
  return participantQuery(db).where('p.id', '=', id).executeTakeFirst();
}

/** Participants of a campaign, optionally of one unit, ordered by unit then id (bounded by `limit`). */
export async function listParticipants(db: Db, campaignId: number, unitId: number | null, limit: number): Promise<ParticipantRow[]> {
  let q = participantQuery(db).where('p.campaignId', '=', campaignId);
  if (unitId !== null) q = q.where('p.unitId', '=', unitId);
  return q.orderBy('p.unitId').orderBy('p.id').limit(limit).execute();
}

/** The staff record an account belongs to (users.staff_id), if any. */
export async function staffIdOfUser(db: Db, userId: number): Promise<number | null> {
  const row = await db.selectFrom('users').select('staffId').where('id', '=', userId).executeTakeFirst();
  return row?.staffId ?? null;
}

export async function levelsOf(db: Db, participantId: number): Promise<LevelRow[]> {
  return db
    .selectFrom('reviewCompetencyLevels')
    .select([
      'competencyCode',
      'requiredLevel',
      'selfLevel',
      'selfEvidence',
      'supervisorLevel',
      'supervisorEvidence',
      'councilLevel',
      'councilEvidence',
    ])
    .where('participantId', '=', participantId)
    .orderBy('competencyCode')
    .execute();
}

/** Levels of many participants, keyed by participant id. */
export async function levelsOfMany(db: Db, participantIds: readonly number[]): Promise<Map<number, LevelRow[]>> {
  const out = new Map<number, LevelRow[]>();
  for (let i = 0; i < participantIds.length; i += 500) {
    const chunk = participantIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('reviewCompetencyLevels')
      .select([
        'participantId',
        'competencyCode',
        'requiredLevel',
        'selfLevel',
        'selfEvidence',
        'supervisorLevel',
        'supervisorEvidence',
        'councilLevel',
        'councilEvidence',
      ])
      .where('participantId', 'in', chunk)
      .execute();
    for (const { participantId, ...r } of rows) out.set(participantId, [...(out.get(participantId) ?? []), r]);
  }
  return out;
}

export type Stage = 'self' | 'supervisor' | 'council';

/** Writes one stage's level and evidence on existing lines (the lines are created when the campaign opens). */
export async function setStageLevels(
  db: Db,
  participantId: number,
  stage: Stage,
  lines: readonly { competencyCode: string; level: number; evidence: string | null }[],
  now: string,
): Promise<void> {
  for (const l of lines) {
    const values =
      stage === 'self'
        ? { selfLevel: l.level, selfEvidence: l.evidence }
        : stage === 'supervisor'
          ? { supervisorLevel: l.level, supervisorEvidence: l.evidence }
          : { councilLevel: l.level, councilEvidence: l.evidence };
    await db
      .updateTable('reviewCompetencyLevels')
      .set({ ...values, updatedAt: now })
      .where('participantId', '=', participantId)
      .where('competencyCode', '=', l.competencyCode)
      .execute();
  }
}

const evaluationColumns = [
  'participantId',
  'regime',
  'selfInput',
  'supervisorInput',
  'result',
  'configVersion',
  'score',
  'rating',
  'councilRating',
  'councilNote',
] as const;

export async function findEvaluation(db: Db, participantId: number): Promise<EvaluationRow | undefined> {
  const row = await db
    .selectFrom('reviewEvaluations')
    .select(evaluationColumns)
    .where('participantId', '=', participantId)
    .executeTakeFirst();
  return row && { ...row, score: num(row.score) };
}

export async function evaluationsOf(db: Db, participantIds: readonly number[]): Promise<Map<number, EvaluationRow>> {
  const out = new Map<number, EvaluationRow>();
  for (let i = 0; i < participantIds.length; i += 500) {
    const chunk = participantIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.selectFrom('reviewEvaluations').select(evaluationColumns).where('participantId', 'in', chunk).execute();
    for (const r of rows) out.set(r.participantId, { ...r, score: num(r.score) });
  }
  return out;
}

type EvaluationPatch = Partial<Omit<EvaluationRow, 'participantId' | 'regime'>>;

/** Updates the evaluation row of a participant, creating it with the campaign's regime when the campaign did not. */
export async function saveEvaluation(
  db: Db,
  provinceCode: string,
  participantId: number,
  regime: string,
  patch: EvaluationPatch,
  now: string,
): Promise<void> {
  const updated = await db
    .updateTable('reviewEvaluations')
    .set({ ...patch, updatedAt: now })
    .where('participantId', '=', participantId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db
    .insertInto('reviewEvaluations')
    .values({ provinceCode, participantId, regime, ...patch, updatedAt: now })
    .execute();
}

export async function findScreening(db: Db, participantId: number): Promise<ScreeningRow | undefined> {
  return db
    .selectFrom('reviewScreenings')
    .select(['participantId', 'criteria', 'result', 'configVersion', 'outcome'])
    .where('participantId', '=', participantId)
    .executeTakeFirst();
}

export async function screeningOutcomesOf(db: Db, participantIds: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < participantIds.length; i += 500) {
    const chunk = participantIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.selectFrom('reviewScreenings').select(['participantId', 'outcome']).where('participantId', 'in', chunk).execute();
    for (const r of rows) out.set(r.participantId, r.outcome);
  }
  return out;
}

export async function saveScreening(
  db: Db,
  provinceCode: string,
  participantId: number,
  s: Omit<ScreeningRow, 'participantId'>,
  now: string,
): Promise<void> {
  const updated = await db
    .updateTable('reviewScreenings')
    .set({ ...s, updatedAt: now })
    .where('participantId', '=', participantId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db
    .insertInto('reviewScreenings')
    .values({ provinceCode, participantId, ...s, updatedAt: now })
    .execute();
}

/**
 * Moves the sheet's version on by one, as the first write of a transaction that changes the
 * sheet. With `expected`, only if the sheet still has that version: false means another writer
 * came first (on PostgreSQL the row lock makes a concurrent writer wait here, then find the
 * version moved), and the caller answers VERSION_CONFLICT. Without it, the write goes through
 * and still moves the version, so readers holding the old one see the change.
 */
export async function bumpSheetVersion(db: Db, participantId: number, expected: number | undefined): Promise<boolean> {
  let q = db
    .updateTable('reviewParticipants')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', participantId);
  if (expected !== undefined) q = q.where('version', '=', expected);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markSubmitted(
  db: Db,
  participantId: number,
  column: 'selfSubmittedAt' | 'supervisorSubmittedAt' | 'councilDecidedAt',
  now: string,
): Promise<void> {
  await db
    .updateTable('reviewParticipants')
    .set({ [column]: now })
    .where('id', '=', participantId)
    .execute();
}

/** Final results of the person's LOCKED campaigns other than `exceptCampaignId`, for the screening look-back. */
export async function lockedResultsOfStaff(
  db: Db,
  provinceCode: string,
  staffId: number,
  exceptCampaignId: number,
): Promise<
  {
    campaignId: number;
    year: number;
    regime: string;
    rating: string | null;
    councilRating: string | null;
    score: number | null;
    lockedAt: string | null;
  }[]
> {
  const rows = await db
    .selectFrom('reviewParticipants as p')
    .innerJoin('reviewCampaigns as c', 'c.id', 'p.campaignId')
    .innerJoin('reviewEvaluations as e', 'e.participantId', 'p.id')
    .select(['c.id as campaignId', 'c.year', 'e.regime', 'e.rating', 'e.councilRating', 'e.score', 'c.lockedAt'])
    .where('p.provinceCode', '=', provinceCode)
    .where('p.staffId', '=', staffId)
    .where('c.status', '=', 'LOCKED')
    .where('c.id', '<>', exceptCampaignId)
    .orderBy('c.year')
    .execute();
  return rows.map((r) => ({ ...r, score: num(r.score) }));
}
