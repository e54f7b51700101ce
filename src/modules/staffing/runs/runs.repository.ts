import type { Db } from '../../../platform/db/database.ts';
import { NORMED_UNIT_KINDS } from '../../../platform/rules/defaults/staffing-norm.config.ts';

/**
 * SQL of province WISN runs (migration 0020): the grouped workload counts, staff per unit ×
 * category, the bulk reads of fit to position for the expertise columns, and the stored runs.
 * Instants are compared as the scorecard does: ISO-8601 text on SQLite, timestamptz on PostgreSQL.
 */

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const dateText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The position group whose field is a staff category (leadership is not the cadre). */
export const CADRE_GROUP = 'PROFESSIONAL';
export const COUNTED_STATUS = 'ACTIVE';

export type RunUnitRow = { id: number; code: string; name: string; kind: string };

/** Current communes, wards and special zones of the province: the units a run has lines for. */
export async function listRunUnits(db: Db, provinceCode: string): Promise<RunUnitRow[]> {
  const rows = await db
    .selectFrom('administrativeUnits')
    .select(['id', 'code', 'name', 'kind'])
    .where('provinceCode', '=', provinceCode)
    .where('kind', 'in', [...NORMED_UNIT_KINDS])
    .where('validTo', 'is', null)
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ ...r, id: num(r.id) }));
}

export type InstantRange = { from: string; to: string };

/** The reception instant of the province's first received dossier, or null. */
export async function firstReceivedAt(db: Db, provinceCode: string): Promise<string | null> {
  const r = await db
    .selectFrom('dossiers')
    .select((eb) => eb.fn.min('receivedAt').as('first'))
    .where('provinceCode', '=', provinceCode)
    .executeTakeFirst();
  return r?.first === null || r?.first === undefined ? null : iso(r.first);
}

export type WorkloadRow = { competentUnitId: number; procedureId: number; receivingUnitId: number; channel: number; dossiers: number };

/**
 * Dossiers received in [from, to), grouped in SQL by competent unit, procedure version,
 * receiving unit and channel: ONE scan of the period's dossiers gives both the processing
 * counts (competent unit × procedure) and the reception counts (receiving unit × channel);
 * measured on a year of the demo province (487,000 dossiers) it beats two grouped scans, and
 * grouping on the integer procedure id before looking procedures up beats joining first.
 */
export async function workloadCounts(db: Db, provinceCode: string, range: InstantRange): Promise<WorkloadRow[]> {
  const rows = await db
    .selectFrom('dossiers')
    .select((eb) => ['competentUnitId', 'procedureId', 'receivingUnitId', 'channel', eb.fn.countAll<number | string>().as('dossiers')])
    .where('provinceCode', '=', provinceCode)
    .where('receivedAt', '>=', range.from)
    .where('receivedAt', '<', range.to)
    .groupBy(['competentUnitId', 'procedureId', 'receivingUnitId', 'channel'])
    .execute();
  return rows.map((r) => ({
    competentUnitId: num(r.competentUnitId),
    procedureId: num(r.procedureId),
    receivingUnitId: num(r.receivingUnitId),
    channel: num(r.channel),
    dossiers: num(r.dossiers),
  }));
}

export type ProcedureRef = { id: number; code: string; name: string; field: string };

/** Every procedure version of the province (a catalogue holds a few hundred rows at most). */
export async function procedureRefs(db: Db, provinceCode: string): Promise<ProcedureRef[]> {
  const rows = await db
    .selectFrom('procedures')
    .select(['id', 'nationalCode', 'nameVi', 'field'])
    .where('provinceCode', '=', provinceCode)
    .execute();
  return rows.map((r) => ({ id: num(r.id), code: r.nationalCode, name: r.nameVi, field: r.field }));
}

function currentCadre(db: Db, provinceCode: string, onDate: string) {
  return db
    .selectFrom('staffPositions as sp')
    .innerJoin('positions as p', 'p.id', 'sp.positionId')
    .innerJoin('staff as s', 's.id', 'sp.staffId')
    .where('sp.provinceCode', '=', provinceCode)
    .where('s.employmentStatus', '=', COUNTED_STATUS)
    .where('p.positionGroup', '=', CADRE_GROUP)
    .where('p.field', 'is not', null)
    .where('sp.startDate', '<=', onDate)
    .where((eb) => eb.or([eb('sp.endDate', 'is', null), eb('sp.endDate', '>=', onDate)]));
}

export type StaffCountRow = { unitId: number; category: string; staff: number };

/**
 * ACTIVE staff whose placement current on `onDate` is a PROFESSIONAL position, per placement
 * unit and position field (the staff category). A person counts once per unit × category.
 */
export async function staffCounts(db: Db, provinceCode: string, onDate: string): Promise<StaffCountRow[]> {
  const rows = await currentCadre(db, provinceCode, onDate)
    .select((eb) => ['sp.unitId', 'p.field', eb.fn.count<number | string>('sp.staffId').distinct().as('staff')])
    .groupBy(['sp.unitId', 'p.field'])
    .execute();
  return rows.map((r) => ({ unitId: num(r.unitId), category: String(r.field), staff: num(r.staff) }));
}

export type CadrePlacementRow = {
  staffId: number;
  unitId: number;
  field: string;
  positionId: number;
  versionId: number;
  rank: string;
  education: string | null;
  qualification: string | null;
  qualificationField: string | null;
  requiredRank: string;
  educationLevel: string;
  qualificationFields: string[];
  startDate: string;
};

/** Every current professional placement of ACTIVE staff in the province, with what fit to position needs. */
export async function cadrePlacements(db: Db, provinceCode: string, onDate: string): Promise<CadrePlacementRow[]> {
  const rows = await currentCadre(db, provinceCode, onDate)
    .select([
      'sp.staffId',
      'sp.unitId',
      'p.field',
      'p.id as positionId',
      'p.versionId',
      's.rank',
      's.education',
      's.qualification',
      's.qualificationField',
      'p.requiredRank',
      'p.educationLevel',
      'p.qualificationFields',
      'sp.startDate',
    ])
    .orderBy('sp.staffId')
    .orderBy('sp.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    staffId: num(r.staffId),
    unitId: num(r.unitId),
    field: String(r.field),
    positionId: num(r.positionId),
    versionId: num(r.versionId),
    qualificationFields: JSON.parse(r.qualificationFields) as string[],
    startDate: dateText(r.startDate),
  }));
}

export type RequirementRow = { positionId: number; competencyCode: string; level: number };

export async function positionRequirements(db: Db, positionIds: readonly number[]): Promise<RequirementRow[]> {
  if (positionIds.length === 0) return [];
  const rows = await db
    .selectFrom('positionCompetencies')
    .select(['positionId', 'competencyCode', 'requiredLevel'])
    .where('positionId', 'in', [...new Set(positionIds)])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ positionId: num(r.positionId), competencyCode: r.competencyCode, level: num(r.requiredLevel) }));
}

export type LevelRow = {
  staffId: number;
  competencyCode: string;
  campaignId: number;
  campaignName: string;
  lockedAt: string;
  selfLevel: number | null;
  supervisorLevel: number | null;
  councilLevel: number | null;
};

/**
 * Competency levels of LOCKED campaigns of the whole province (the same rows position-fit
 * reads per person, read once for a run), only of people with a current professional placement.
 * A province has a few campaigns and thousands of level rows: the campaigns' names and lock
 * instants are read once and attached here, not carried (and parsed) on every row.
 */
export async function lockedLevels(db: Db, provinceCode: string, onDate: string): Promise<LevelRow[]> {
  const cadre = currentCadre(db, provinceCode, onDate).select('sp.staffId');
  const lockedCampaigns = (q: typeof db) =>
    q
      .selectFrom('reviewCampaigns as c')
      .where('c.provinceCode', '=', provinceCode)
      .where('c.status', '=', 'LOCKED')
      .where('c.lockedAt', 'is not', null);
  const [campaigns, rows] = await Promise.all([
    lockedCampaigns(db).select(['c.id', 'c.name', 'c.lockedAt']).execute(),
    db
      .selectFrom('reviewCompetencyLevels as l')
      .innerJoin('reviewParticipants as rp', 'rp.id', 'l.participantId')
      .select(['rp.staffId', 'l.competencyCode', 'rp.campaignId', 'l.selfLevel', 'l.supervisorLevel', 'l.councilLevel'])
      .where('rp.campaignId', 'in', lockedCampaigns(db).select('c.id'))
      .where('rp.staffId', 'in', cadre)
      .execute(),
  ]);
  const campaignById = new Map(campaigns.map((c) => [num(c.id), { name: c.name, lockedAt: iso(c.lockedAt) }]));
  const out: LevelRow[] = [];
  for (const r of rows) {
    const campaignId = num(r.campaignId);
    // A campaign locked between the two reads has no entry: its levels wait for the next run.
    const c = campaignById.get(campaignId);
    if (!c) continue;
    out.push({
      staffId: num(r.staffId),
      competencyCode: r.competencyCode,
      campaignId,
      campaignName: c.name,
      lockedAt: c.lockedAt,
      selfLevel: numOrNull(r.selfLevel),
      supervisorLevel: numOrNull(r.supervisorLevel),
      councilLevel: numOrNull(r.councilLevel),
    });
  }
  return out;
}

export type TestLevelRow = {
  id: number;
  staffId: number;
  competencyCode: string;
  testName: string;
  takenOn: string;
  levelAchieved: number;
  passed: boolean;
};

export async function cadreTests(db: Db, provinceCode: string, onDate: string): Promise<TestLevelRow[]> {
  const cadre = currentCadre(db, provinceCode, onDate).select('sp.staffId');
  const rows = await db
    .selectFrom('competencyTestResults')
    .select(['id', 'staffId', 'competencyCode', 'testName', 'takenOn', 'levelAchieved', 'passed'])
    .where('provinceCode', '=', provinceCode)
    .where('staffId', 'in', cadre)
    .execute();
  return rows.map((r) => ({
    id: num(r.id),
    staffId: num(r.staffId),
    competencyCode: r.competencyCode,
    testName: r.testName,
    takenOn: dateText(r.takenOn),
    levelAchieved: num(r.levelAchieved),
    passed: r.passed === true || r.passed === 1,
  }));
}

/** One competency a passed class brought a person to (position-fit's TrainingLevel with its owner). */
export type TrainingEvidenceLevelRow = {
  staffId: number;
  enrolmentId: number;
  competencyCode: string;
  level: number;
  achievedOn: string;
  classId: number;
  classCode: string;
  courseCode: string;
  courseName: string;
};

/**
 * Training evidence (migration 0024) of every current professional placement, in one grouped
 * read like the levels and tests: the run evaluates fit to position as position-fit does.
 */
export async function cadreTrainingEvidence(db: Db, provinceCode: string, onDate: string): Promise<TrainingEvidenceLevelRow[]> {
  const cadre = currentCadre(db, provinceCode, onDate).select('sp.staffId');
  const rows = await db
    .selectFrom('competencyTrainingEvidence')
    .select(['staffId', 'enrolmentId', 'competencyCode', 'level', 'achievedOn', 'classId', 'classCode', 'courseCode', 'courseName'])
    .where('provinceCode', '=', provinceCode)
    .where('staffId', 'in', cadre)
    .execute();
  return rows.map((r) => ({
    staffId: num(r.staffId),
    enrolmentId: num(r.enrolmentId),
    competencyCode: r.competencyCode,
    level: num(r.level),
    achievedOn: dateText(r.achievedOn),
    classId: num(r.classId),
    classCode: r.classCode,
    courseCode: r.courseCode,
    courseName: r.courseName,
  }));
}

/** Competency names of framework versions (Vietnamese, the source language of the catalogue). */
export async function competencyNames(db: Db, versionIds: readonly number[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (versionIds.length === 0) return out;
  const rows = await db
    .selectFrom('competencies')
    .select(['code', 'nameVi'])
    .where('versionId', 'in', [...new Set(versionIds)])
    .orderBy('versionId', 'desc')
    .execute();
  for (const r of rows) if (!out.has(r.code)) out.set(r.code, r.nameVi);
  return out;
}

/* ---------- stored runs ---------- */

export type NewRun = {
  provinceCode: string;
  year: number;
  periodFrom: string;
  periodTo: string;
  formulaVersion: string;
  createdAt: string;
  createdBy: number | null;
  note: string | null;
  notes: string;
  rulesUsed: string;
  calendar: string;
  totals: string;
  /** Texts and blocks the run's packed lines share (stored-line.ts); absent for self-contained lines. */
  lineDictionary?: string | null;
};

export type NewRunLine = {
  unitId: number;
  field: string;
  status: string;
  requiredStaff: number | null;
  actualStaff: number;
  difference: number | null;
  ratio: number | null;
  line: string;
};

const LINES_PER_INSERT = 1000;

/** The run and its lines; the caller's transaction (audited()) makes it all or nothing. */
export async function insertRun(trx: Db, run: NewRun, lines: readonly NewRunLine[]): Promise<number> {
  const { id } = await trx.insertInto('staffingRuns').values(run).returning('id').executeTakeFirstOrThrow();
  const runId = num(id);
  // A province run (≈ 440 lines) in one statement: 9 parameters a line, so 1,000 lines stay
  // far under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
  for (let i = 0; i < lines.length; i += LINES_PER_INSERT) {
    await trx
      .insertInto('staffingRunLines')
      .values(lines.slice(i, i + LINES_PER_INSERT).map((l) => ({ runId, ...l })))
      .execute();
  }
  return runId;
}

export type RunRow = Omit<NewRun, 'createdAt'> & { id: number; createdAt: string };

const RUN_COLUMNS = [
  'id',
  'provinceCode',
  'year',
  'periodFrom',
  'periodTo',
  'formulaVersion',
  'createdAt',
  'createdBy',
  'note',
  'notes',
  'rulesUsed',
  'calendar',
  'totals',
] as const;

type RunRaw = { [K in (typeof RUN_COLUMNS)[number]]: unknown } & { lineDictionary?: unknown };
const toRun = (r: RunRaw): RunRow => ({
  id: num(r.id),
  provinceCode: String(r.provinceCode),
  year: num(r.year),
  periodFrom: dateText(r.periodFrom),
  periodTo: dateText(r.periodTo),
  formulaVersion: String(r.formulaVersion),
  createdAt: iso(r.createdAt),
  createdBy: numOrNull(r.createdBy),
  note: r.note === null ? null : String(r.note),
  notes: String(r.notes),
  rulesUsed: String(r.rulesUsed),
  calendar: String(r.calendar),
  totals: String(r.totals),
  ...(r.lineDictionary === undefined ? {} : { lineDictionary: r.lineDictionary === null ? null : String(r.lineDictionary) }),
});

/** Runs of the province, newest first. */
export async function listRuns(db: Db, provinceCode: string, limit: number): Promise<RunRow[]> {
  const rows = await db
    .selectFrom('staffingRuns')
    .select(RUN_COLUMNS)
    .where('provinceCode', '=', provinceCode)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => toRun(r as RunRaw));
}

/** One run, with the dictionary its packed lines need (the list leaves it out). */
export async function findRun(db: Db, id: number): Promise<RunRow | undefined> {
  const r = await db
    .selectFrom('staffingRuns')
    .select([...RUN_COLUMNS, 'lineDictionary'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && toRun(r as RunRaw);
}

export async function latestRunId(db: Db, provinceCode: string): Promise<number | null> {
  const r = await db
    .selectFrom('staffingRuns')
    .select('id')
    .where('provinceCode', '=', provinceCode)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? num(r.id) : null;
}

export type LineFilter = { unitId?: number | undefined; field?: string | undefined; status?: string | undefined };

/** A run's lines, filtered in SQL, in unit code then category order; the JSON `line` of each. */
export async function listRunLines(db: Db, runId: number, filter: LineFilter): Promise<string[]> {
  let q = db
    .selectFrom('staffingRunLines as l')
    .innerJoin('administrativeUnits as u', 'u.id', 'l.unitId')
    .select('l.line')
    .where('l.runId', '=', runId);
  if (filter.unitId !== undefined) q = q.where('l.unitId', '=', filter.unitId);
  if (filter.field !== undefined) q = q.where('l.field', '=', filter.field);
  if (filter.status !== undefined) q = q.where('l.status', '=', filter.status);
  const rows = await q.orderBy('u.code').orderBy('l.field').orderBy('l.id').execute();
  return rows.map((r) => r.line);
}

export async function findRunLine(db: Db, runId: number, unitId: number, field: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('staffingRunLines')
    .select('line')
    .where('runId', '=', runId)
    .where('unitId', '=', unitId)
    .where('field', '=', field)
    .executeTakeFirst();
  return r?.line;
}

export type UnitTotalsRow = { runId: number; status: string; lines: number; requiredStaff: number; actualStaff: number };

/** Per run and status, one unit's line counts and staff sums (the totals a unit role may see). */
export async function unitTotals(db: Db, runIds: readonly number[], unitId: number): Promise<UnitTotalsRow[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .selectFrom('staffingRunLines')
    .select((eb) => [
      'runId',
      'status',
      eb.fn.countAll<number | string>().as('lines'),
      eb.fn.sum<number | string | null>('requiredStaff').as('requiredStaff'),
      eb.fn.sum<number | string | null>('actualStaff').as('actualStaff'),
    ])
    .where('runId', 'in', [...runIds])
    .where('unitId', '=', unitId)
    .groupBy(['runId', 'status'])
    .execute();
  return rows.map((r) => ({
    runId: num(r.runId),
    status: r.status,
    lines: num(r.lines),
    requiredStaff: Number(r.requiredStaff ?? 0),
    actualStaff: Number(r.actualStaff ?? 0),
  }));
}

/** Shortage lines of a run (for placement): unit, category and the figures, most short first. */
export async function shortageLines(
  db: Db,
  runId: number,
): Promise<{ unitId: number; field: string; requiredStaff: number | null; actualStaff: number; difference: number | null }[]> {
  const rows = await db
    .selectFrom('staffingRunLines')
    .select(['unitId', 'field', 'requiredStaff', 'actualStaff', 'difference'])
    .where('runId', '=', runId)
    .where('status', '=', 'SHORTAGE')
    .orderBy('difference')
    .orderBy('unitId')
    .orderBy('field')
    .execute();
  return rows.map((r) => ({
    unitId: num(r.unitId),
    field: r.field,
    requiredStaff: numOrNull(r.requiredStaff),
    actualStaff: num(r.actualStaff),
    difference: numOrNull(r.difference),
  }));
}
