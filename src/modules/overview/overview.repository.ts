import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { fromDbBool } from '../../platform/db/database.ts';
import { dialectOf } from '../../platform/db/dialect.ts';
import { PROCESSING_ROW_COLUMNS, type ProcessingRow, toProcessingRow } from '../dossiers/processing/processing.repository.ts';

/**
 * SQL of the province overview (issue 7) that no other module already answers: the units with
 * the attributes the table filters on, the open dossiers near or past their due date, review
 * campaigns past their deadline, the latest WISN run's line figures (stored columns, no JSON),
 * training-plan progress and a commune's departments. Every query covers the whole province (or
 * one unit) at once: the overview never asks per unit.
 */

const OVERVIEW_UNIT_KINDS = ['COMMUNE', 'WARD', 'SPECIAL_ZONE'] as const;
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const dateText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export type OverviewUnitRow = {
  id: number;
  code: string;
  name: string;
  kind: string;
  population: number | null;
  isMountainous: boolean;
};

/** Current communes, wards and special zones of the province (or the one unit). */
export async function listOverviewUnits(db: Db, provinceCode: string, unitId: number | null): Promise<OverviewUnitRow[]> {
  let q = db
    .selectFrom('administrativeUnits')
    .select(['id', 'code', 'name', 'kind', 'population', 'isMountainous'])
    .where('provinceCode', '=', provinceCode)
    .where('kind', 'in', [...OVERVIEW_UNIT_KINDS])
    .where('validTo', 'is', null);
  if (unitId !== null) q = q.where('id', '=', unitId);
  const rows = await q.orderBy('code').execute();
  return rows.map((r) => ({
    id: num(r.id),
    code: r.code,
    name: r.name,
    kind: r.kind,
    population: numOrNull(r.population),
    isMountainous: fromDbBool(r.isMountainous),
  }));
}

/** An open dossier with what the due-state overlay and the alert list need. */
export type DueCandidate = ProcessingRow & {
  procedureCode: string;
  procedureNameVi: string;
  procedureNameEn: string;
  procedureField: string;
};

/** Statuses in which the clock runs or is paused (received, processing, supplement, payment). */
export const OPEN_DUE_STATUSES = [2, 4, 5, 6] as const;

/**
 * Open dossiers of the province (or one competent unit) whose statutory due date is before
 * `dueBefore`: pauses and apology slips only push an appointment later, so no dossier due
 * later can be overdue or about to be.
 */
export async function listDueCandidates(db: Db, provinceCode: string, unitId: number | null, dueBefore: string): Promise<DueCandidate[]> {
  let q = db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedureId')
    .select(PROCESSING_ROW_COLUMNS)
    .select(['p.nationalCode as procedureCode', 'p.nameVi as procedureNameVi', 'p.nameEn as procedureNameEn', 'p.field as procedureField'])
    .where('d.provinceCode', '=', provinceCode)
    .where('d.status', 'in', [...OPEN_DUE_STATUSES])
    .where('d.dueAt', 'is not', null)
    .where('d.dueAt', '<', dueBefore);
  if (unitId !== null) q = q.where('d.competentUnitId', '=', unitId);
  const rows = await q.orderBy('d.dueAt').orderBy('d.id').execute();
  return rows.map(toProcessingRow);
}

export type LateCampaignRow = { id: number; name: string; ownerUnitId: number | null; periodTo: string; status: string };

/** Review campaigns not locked whose period ended before `today` (a unit: those it runs). */
export async function listCampaignsPastDeadline(
  db: Db,
  provinceCode: string,
  unitId: number | null,
  today: string,
): Promise<LateCampaignRow[]> {
  let q = db
    .selectFrom('reviewCampaigns')
    .select(['id', 'name', 'ownerUnitId', 'periodTo', 'status'])
    .where('provinceCode', '=', provinceCode)
    .where('status', '<>', 'LOCKED')
    .where('periodTo', '<', today);
  if (unitId !== null) q = q.where('ownerUnitId', '=', unitId);
  const rows = await q.orderBy('periodTo').orderBy('id').execute();
  return rows.map((r) => ({
    id: num(r.id),
    name: r.name,
    ownerUnitId: numOrNull(r.ownerUnitId),
    periodTo: dateText(r.periodTo),
    status: r.status,
  }));
}

/** The figures of one stored WISN line, as its columns keep them (the JSON line is not read). */
export type RunLineFigures = {
  unitId: number;
  field: string;
  status: string;
  requiredStaff: number | null;
  actualStaff: number;
  difference: number | null;
  ratio: number | null;
};

/**
 * On SQLite the figure columns are 8-byte floats, equal to the stored JSON; PostgreSQL keeps
 * them as `real` (4 bytes), so there they are read from the line's JSON text as float8,
 * which gives back the unrounded numbers the run page shows.
 */
function figure(db: Db, column: 'requiredStaff' | 'actualStaff' | 'difference' | 'ratio') {
  if (dialectOf(db) === 'sqlite') return sql<number | null>`l.${sql.ref(SNAKE[column])}`;
  return sql<number | null>`(l.line::json #>> ${sql.lit(`{result,${column},value}`)})::float8`;
}
const SNAKE = { requiredStaff: 'required_staff', actualStaff: 'actual_staff', difference: 'difference', ratio: 'ratio' } as const;

export async function listRunLineFigures(db: Db, runId: number, unitId: number | null): Promise<RunLineFigures[]> {
  let q = db
    .selectFrom('staffingRunLines as l')
    .select([
      'l.unitId',
      'l.field',
      'l.status',
      'l.actualStaff as storedActual',
      figure(db, 'requiredStaff').as('requiredStaff'),
      figure(db, 'actualStaff').as('actualStaff'),
      figure(db, 'difference').as('difference'),
      figure(db, 'ratio').as('ratio'),
    ])
    .where('l.runId', '=', runId);
  if (unitId !== null) q = q.where('l.unitId', '=', unitId);
  const rows = await q.orderBy('l.unitId').orderBy('l.field').execute();
  return rows.map((r) => ({
    unitId: num(r.unitId),
    field: r.field,
    status: r.status,
    requiredStaff: numOrNull(r.requiredStaff),
    // A refused line has no result: its staff in post is the stored column.
    actualStaff: r.actualStaff === null ? num(r.storedActual) : num(r.actualStaff),
    difference: numOrNull(r.difference),
    ratio: numOrNull(r.ratio),
  }));
}

export type PlanProgressRow = { unitId: number; planned: number; completed: number };

/** The newest finished training plan of the province, or null. */
export async function latestDonePlanId(db: Db, provinceCode: string): Promise<number | null> {
  const r = await db
    .selectFrom('trainingPlans')
    .select('id')
    .where('provinceCode', '=', provinceCode)
    .where('status', '=', 'DONE')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? num(r.id) : null;
}

/**
 * Per unit, the attendances a plan schedules in `year`, and of them those completed: an
 * enrolment COMPLETED in a held class that carries out one of the plan's classes, by the
 * person the plan placed there.
 */
export async function planProgressByUnit(db: Db, planId: number, year: number): Promise<PlanProgressRow[]> {
  const rows = await db
    .selectFrom('trainingPlanAttendees as a')
    .innerJoin('trainingPlanClasses as c', 'c.id', 'a.classId')
    .select([
      'a.unitId',
      sql<number>`count(*)`.as('planned'),
      sql<number>`coalesce(sum(case when exists (
        select 1 from training_classes tc
        join training_enrolments e on e.class_id = tc.id
        where tc.plan_class_id = a.class_id and e.staff_id = a.staff_id and e.status = 'COMPLETED'
      ) then 1 else 0 end), 0)`.as('completed'),
    ])
    .where('a.planId', '=', planId)
    .where('c.year', '=', year)
    .groupBy('a.unitId')
    .execute();
  return rows.map((r) => ({ unitId: num(r.unitId), planned: num(r.planned), completed: num(r.completed) }));
}

export type DepartmentRow = { id: number; kind: string; name: string; fields: string[] };

/** The bodies of a commune's People's Committee and the procedure fields each handles. */
export async function listDepartments(db: Db, unitId: number): Promise<DepartmentRow[]> {
  const rows = await db
    .selectFrom('orgBodies')
    .select(['id', 'kind', 'name', 'fields'])
    .where('unitId', '=', unitId)
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    let fields: string[] = [];
    try {
      const parsed: unknown = JSON.parse(r.fields);
      if (Array.isArray(parsed)) fields = parsed.filter((f): f is string => typeof f === 'string');
    } catch {
      fields = [];
    }
    return { id: num(r.id), kind: r.kind, name: r.name, fields };
  });
}
