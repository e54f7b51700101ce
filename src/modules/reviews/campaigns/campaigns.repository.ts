import type { Db } from '../../../platform/db/database.ts';
import type { CampaignStatus, Instrument, ScopeKind } from './campaign-workflow.ts';
import type { RatedParticipant } from './lock-quota.ts';

/** SQL of review campaigns, their participants, the rows each instrument opens, and snapshots. */

export type CampaignRow = {
  id: number;
  provinceCode: string;
  ownerUnitId: number | null;
  name: string;
  year: number;
  periodFrom: string;
  periodTo: string;
  regime: string;
  instruments: Instrument[];
  scopeKind: ScopeKind;
  /** The scope with its kind: { kind, unitIds } | { kind, positionCodes, unitIds? } | { kind, staffIds }. */
  scope: Record<string, unknown>;
  frameworkVersionId: number | null;
  status: CampaignStatus;
  version: number;
  reopenCount: number;
  createdAt: string;
  createdBy: number | null;
  lockedAt: string | null;
  lockedBy: number | null;
};

const CAMPAIGN_COLUMNS = [
  'id',
  'provinceCode',
  'ownerUnitId',
  'name',
  'year',
  'periodFrom',
  'periodTo',
  'regime',
  'instruments',
  'scopeKind',
  'scope',
  'frameworkVersionId',
  'status',
  'version',
  'reopenCount',
  'createdAt',
  'createdBy',
  'lockedAt',
  'lockedBy',
] as const;

type StoredCampaign = Omit<CampaignRow, 'instruments' | 'scope' | 'scopeKind' | 'status'> & {
  instruments: string;
  scope: string;
  scopeKind: string;
  status: string;
};

function toCampaign(r: StoredCampaign): CampaignRow {
  return {
    ...r,
    instruments: JSON.parse(r.instruments) as Instrument[],
    // Stored without its kind (scope_kind holds it, see migration 0017): put back together here.
    scope: { ...(JSON.parse(r.scope) as Record<string, unknown>), kind: r.scopeKind },
    scopeKind: r.scopeKind as ScopeKind,
    status: r.status as CampaignStatus,
  };
}

export type NewCampaign = {
  provinceCode: string;
  ownerUnitId: number | null;
  name: string;
  year: number;
  periodFrom: string;
  periodTo: string;
  regime: string;
  instruments: readonly Instrument[];
  scopeKind: ScopeKind;
  /** Stored as given, without `kind` (scope_kind holds it). */
  scope: Record<string, unknown>;
  frameworkVersionId: number | null;
  createdAt: string;
  createdBy: number | null;
};

export async function insertCampaign(db: Db, c: NewCampaign): Promise<number> {
  const { id } = await db
    .insertInto('reviewCampaigns')
    .values({ ...c, instruments: JSON.stringify(c.instruments), scope: JSON.stringify(c.scope), status: 'OPEN' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findCampaign(db: Db, id: number): Promise<CampaignRow | undefined> {
  const r = await db.selectFrom('reviewCampaigns').select(CAMPAIGN_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r && toCampaign(r);
}

/** Whether the campaign has a participant in the unit (what lets a unit role see a province campaign). */
export async function hasParticipantInUnit(db: Db, campaignId: number, unitId: number): Promise<boolean> {
  const r = await db
    .selectFrom('reviewParticipants')
    .select('id')
    .where('campaignId', '=', campaignId)
    .where('unitId', '=', unitId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export type CampaignFilter = {
  year?: number | undefined;
  status?: string | undefined;
  /** Unit roles: campaigns owned by the unit, or province campaigns with a participant there. */
  unitId?: number | null | undefined;
};

export async function listCampaigns(
  db: Db,
  provinceCode: string,
  filter: CampaignFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: CampaignRow[]; total: number }> {
  let q = db.selectFrom('reviewCampaigns as c').where('c.provinceCode', '=', provinceCode);
  if (filter.year !== undefined) q = q.where('c.year', '=', filter.year);
  if (filter.status !== undefined) q = q.where('c.status', '=', filter.status);
  const unitId = filter.unitId;
  if (unitId !== undefined && unitId !== null)
    q = q.where((eb) =>
      eb.or([
        eb('c.ownerUnitId', '=', unitId),
        eb.and([
          eb('c.ownerUnitId', 'is', null),
          eb.exists(
            eb.selectFrom('reviewParticipants as p').select('p.id').whereRef('p.campaignId', '=', 'c.id').where('p.unitId', '=', unitId),
          ),
        ]),
      ]),
    );
  const [rows, count] = await Promise.all([
    q
      .select(CAMPAIGN_COLUMNS.map((c) => `c.${c}` as const))
      .orderBy('c.year', 'desc')
      .orderBy('c.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toCampaign), total: Number(count.n) };
}

/**
 * Moves a campaign to a new status if its version is still `expectedVersion`; the version
 * goes up by one. False when another writer got there first.
 */
export async function updateCampaignStatus(
  db: Db,
  id: number,
  expectedVersion: number,
  change: { status: CampaignStatus; lockedAt?: string | null; lockedBy?: number | null; reopened?: boolean },
): Promise<boolean> {
  const res = await db
    .updateTable('reviewCampaigns')
    .set((eb) => ({
      status: change.status,
      version: eb('version', '+', 1),
      ...(change.lockedAt !== undefined ? { lockedAt: change.lockedAt } : {}),
      ...(change.lockedBy !== undefined ? { lockedBy: change.lockedBy } : {}),
      ...(change.reopened ? { reopenCount: eb('reopenCount', '+', 1) } : {}),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------- scope resolution

export type ResolvedStaff = {
  staffId: number;
  unitId: number;
  orgBodyId: number | null;
  positionId: number | null;
  positionCode: string | null;
  positionGroup: string | null;
  positionVersionId: number | null;
  startDate: string;
  assignmentId: number;
};

export type ScopeQuery = {
  unitIds?: readonly number[] | undefined;
  positionCodes?: readonly string[] | undefined;
  staffIds?: readonly number[] | undefined;
  /** Unit roles: only assignments in this unit. */
  reachUnitId: number | null;
};

/**
 * Active staff with a current assignment (staff_positions row without an end date) matching
 * the scope, one row per assignment; the caller keeps one per person.
 */
export async function resolveScope(db: Db, provinceCode: string, scope: ScopeQuery): Promise<ResolvedStaff[]> {
  let q = db
    .selectFrom('staffPositions as sp')
    .innerJoin('staff as s', 's.id', 'sp.staffId')
    .leftJoin('positions as p', 'p.id', 'sp.positionId')
    .select([
      's.id as staffId',
      'sp.unitId',
      's.orgBodyId',
      'sp.positionId',
      'p.code as positionCode',
      'p.positionGroup',
      'p.versionId as positionVersionId',
      'sp.startDate',
      'sp.id as assignmentId',
    ])
    .where('sp.provinceCode', '=', provinceCode)
    .where('s.provinceCode', '=', provinceCode)
    .where('sp.endDate', 'is', null)
    .where('s.employmentStatus', '=', 'ACTIVE');
  if (scope.unitIds && scope.unitIds.length > 0) q = q.where('sp.unitId', 'in', [...scope.unitIds]);
  if (scope.positionCodes && scope.positionCodes.length > 0) q = q.where('p.code', 'in', [...scope.positionCodes]);
  if (scope.staffIds && scope.staffIds.length > 0) q = q.where('s.id', 'in', [...scope.staffIds]);
  if (scope.reachUnitId !== null) q = q.where('sp.unitId', '=', scope.reachUnitId);
  return q.orderBy('s.id').orderBy('sp.id').execute();
}

export type UnitRef = { id: number; provinceCode: string; name: string };

export async function findUnits(db: Db, ids: readonly number[]): Promise<UnitRef[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('administrativeUnits')
    .select(['id', 'provinceCode', 'name'])
    .where('id', 'in', [...ids])
    .execute();
}

export async function bodyNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('orgBodies')
    .select(['id', 'name'])
    // Distinct ids: one per quota group would repeat a body once per position group.
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Unit names by id: the units module's read (one per 500 distinct ids). */
export { unitNamesByIds as unitNames } from '../../units/units.repository.ts';

/** Required levels of the positions' competency frameworks. */
export async function requirementsOf(
  db: Db,
  positionIds: readonly number[],
): Promise<{ positionId: number; competencyCode: string; requiredLevel: number }[]> {
  if (positionIds.length === 0) return [];
  return db
    .selectFrom('positionCompetencies')
    .select(['positionId', 'competencyCode', 'requiredLevel'])
    .where('positionId', 'in', [...positionIds])
    .orderBy('positionId')
    .orderBy('id')
    .execute();
}

// ---------------------------------------------------------------- participants and instrument rows

export type NewParticipant = Omit<ResolvedStaff, 'positionVersionId' | 'startDate' | 'assignmentId'>;

const BATCH = 200;

/** Inserts the participants; returns their ids by staff id. */
export async function insertParticipants(
  db: Db,
  provinceCode: string,
  campaignId: number,
  people: readonly NewParticipant[],
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (let i = 0; i < people.length; i += BATCH) {
    const rows = await db
      .insertInto('reviewParticipants')
      .values(
        people.slice(i, i + BATCH).map((p) => ({
          provinceCode,
          campaignId,
          staffId: p.staffId,
          unitId: p.unitId,
          orgBodyId: p.orgBodyId,
          positionId: p.positionId,
          positionCode: p.positionCode,
          positionGroup: p.positionGroup,
        })),
      )
      .returning(['id', 'staffId'])
      .execute();
    for (const r of rows) ids.set(r.staffId, r.id);
  }
  return ids;
}

export async function insertCompetencyLevels(
  db: Db,
  provinceCode: string,
  rows: readonly { participantId: number; competencyCode: string; requiredLevel: number | null }[],
  now: string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('reviewCompetencyLevels')
      .values(rows.slice(i, i + BATCH).map((r) => ({ provinceCode, ...r, updatedAt: now })))
      .execute();
  }
}

export async function insertEvaluations(
  db: Db,
  provinceCode: string,
  participantIds: readonly number[],
  regime: string,
  now: string,
): Promise<void> {
  for (let i = 0; i < participantIds.length; i += BATCH) {
    await db
      .insertInto('reviewEvaluations')
      .values(participantIds.slice(i, i + BATCH).map((participantId) => ({ provinceCode, participantId, regime, updatedAt: now })))
      .execute();
  }
}

/**
 * Sets an evaluation's rating fields directly. The assessment endpoints (C2) write ratings
 * through their own use cases; this exists for seeding and tests of the lock.
 */
export async function setEvaluationRating(
  db: Db,
  participantId: number,
  v: { score?: number | null; rating?: string | null; councilRating?: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('reviewEvaluations')
    .set({ ...v, updatedAt: now })
    .where('participantId', '=', participantId)
    .execute();
}

export type CampaignCounts = { participants: number; selfSubmitted: number; supervisorSubmitted: number; councilDecided: number };

export async function campaignCounts(db: Db, campaignId: number, unitId: number | null): Promise<CampaignCounts> {
  let q = db
    .selectFrom('reviewParticipants')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('participants'),
      eb.fn.count<number | string>('selfSubmittedAt').as('selfSubmitted'),
      eb.fn.count<number | string>('supervisorSubmittedAt').as('supervisorSubmitted'),
      eb.fn.count<number | string>('councilDecidedAt').as('councilDecided'),
    ])
    .where('campaignId', '=', campaignId);
  if (unitId !== null) q = q.where('unitId', '=', unitId);
  const r = await q.executeTakeFirstOrThrow();
  return {
    participants: Number(r.participants),
    selfSubmitted: Number(r.selfSubmitted),
    supervisorSubmitted: Number(r.supervisorSubmitted),
    councilDecided: Number(r.councilDecided),
  };
}

export type ParticipantListRow = {
  id: number;
  staffId: number;
  fullName: string;
  unitId: number;
  unitName: string;
  orgBodyId: number | null;
  orgBodyName: string | null;
  positionId: number | null;
  positionCode: string | null;
  positionName: string | null;
  positionGroup: string | null;
  selfSubmittedAt: string | null;
  supervisorSubmittedAt: string | null;
  councilDecidedAt: string | null;
};

export async function listParticipants(
  db: Db,
  campaignId: number,
  unitId: number | null,
  page: { limit: number; offset: number },
): Promise<{ rows: ParticipantListRow[]; total: number }> {
  let base = db.selectFrom('reviewParticipants as rp').where('rp.campaignId', '=', campaignId);
  if (unitId !== null) base = base.where('rp.unitId', '=', unitId);
  const [rows, count] = await Promise.all([
    base
      .innerJoin('staff as s', 's.id', 'rp.staffId')
      .innerJoin('administrativeUnits as u', 'u.id', 'rp.unitId')
      .leftJoin('orgBodies as b', 'b.id', 'rp.orgBodyId')
      .leftJoin('positions as p', 'p.id', 'rp.positionId')
      .select([
        'rp.id',
        'rp.staffId',
        's.fullName',
        'rp.unitId',
        'u.name as unitName',
        'rp.orgBodyId',
        'b.name as orgBodyName',
        'rp.positionId',
        'rp.positionCode',
        'p.nameVi as positionName',
        'rp.positionGroup',
        'rp.selfSubmittedAt',
        'rp.supervisorSubmittedAt',
        'rp.councilDecidedAt',
      ])
      .orderBy('s.nameSearch')
      .orderBy('rp.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The final-rating inputs of the lock's quota check. */
export async function ratedParticipants(db: Db, campaignId: number): Promise<RatedParticipant[]> {
  return db
    .selectFrom('reviewParticipants as rp')
    .innerJoin('reviewEvaluations as e', 'e.participantId', 'rp.id')
    .select(['rp.id as participantId', 'rp.unitId', 'rp.orgBodyId', 'rp.positionGroup', 'e.rating', 'e.councilRating', 'e.score'])
    .where('rp.campaignId', '=', campaignId)
    .orderBy('rp.id')
    .execute();
}

/** Everything a snapshot records, as stored, in id order (so the same rows give the same JSON). */
export async function snapshotContent(db: Db, campaignId: number) {
  const campaign = await db.selectFrom('reviewCampaigns').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow();
  const participants = await db.selectFrom('reviewParticipants').selectAll().where('campaignId', '=', campaignId).orderBy('id').execute();
  const ofCampaign = () => db.selectFrom('reviewParticipants').select('id').where('campaignId', '=', campaignId);
  const [competencyLevels, evaluations, screenings] = await Promise.all([
    db.selectFrom('reviewCompetencyLevels').selectAll().where('participantId', 'in', ofCampaign()).orderBy('id').execute(),
    db.selectFrom('reviewEvaluations').selectAll().where('participantId', 'in', ofCampaign()).orderBy('id').execute(),
    db.selectFrom('reviewScreenings').selectAll().where('participantId', 'in', ofCampaign()).orderBy('id').execute(),
  ]);
  return { campaign, participants, competencyLevels, evaluations, screenings };
}

export type SnapshotRow = { sequence: number; takenAt: string; takenBy: number | null; sha256: string };

export async function lastSnapshotSequence(db: Db, campaignId: number): Promise<number> {
  const r = await db
    .selectFrom('reviewSnapshots')
    .select((eb) => eb.fn.max('sequence').as('s'))
    .where('campaignId', '=', campaignId)
    .executeTakeFirst();
  return r?.s === null || r?.s === undefined ? 0 : Number(r.s);
}

export async function insertSnapshot(
  db: Db,
  s: {
    provinceCode: string;
    campaignId: number;
    sequence: number;
    takenAt: string;
    takenBy: number | null;
    payload: string;
    sha256: string;
  },
): Promise<void> {
  await db.insertInto('reviewSnapshots').values(s).execute();
}

export async function listSnapshots(db: Db, campaignId: number): Promise<SnapshotRow[]> {
  return db
    .selectFrom('reviewSnapshots')
    .select(['sequence', 'takenAt', 'takenBy', 'sha256'])
    .where('campaignId', '=', campaignId)
    .orderBy('sequence')
    .execute();
}

export async function findSnapshot(db: Db, campaignId: number, sequence: number): Promise<(SnapshotRow & { payload: string }) | undefined> {
  return db
    .selectFrom('reviewSnapshots')
    .select(['sequence', 'takenAt', 'takenBy', 'sha256', 'payload'])
    .where('campaignId', '=', campaignId)
    .where('sequence', '=', sequence)
    .executeTakeFirst();
}
