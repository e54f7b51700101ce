import type { Db } from '../../../platform/db/database.ts';
import type { ClosedNeed, PlanParameters } from './plan-input.ts';

/**
 * SQL of stored training plan versions (migration 0023): training_plans, training_plan_classes,
 * training_plan_attendees. Also the one staffing figure the optimiser needs (ACTIVE staff per unit).
 */

export type PlanStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

export type PlanRow = {
  id: number;
  provinceCode: string;
  name: string;
  status: PlanStatus;
  parameters: PlanParameters;
  method: string | null;
  solverStatus: string | null;
  objective: number | null;
  bestBound: number | null;
  gap: number | null;
  solveSeconds: number | null;
  greedyObjective: number | null;
  gapClosed: number | null;
  totalCost: number | null;
  inputDigest: string | null;
  inputSummary: Record<string, number> | null;
  error: string | null;
  jobId: number | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  finishedAt: string | null;
};

export type PlanOutcome = {
  method: string;
  solverStatus: string;
  objective: number | null;
  bestBound: number | null;
  gap: number | null;
  solveSeconds: number;
  greedyObjective: number;
  gapClosed: number;
  totalCost: number;
  inputDigest: string;
  inputSummary: Record<string, number>;
};

export type NewClass = {
  courseId: number;
  courseCode: string;
  year: number;
  classNo: number;
  fundingSource: string;
  cost: number;
  attendees: { staffId: number; unitId: number; weight: number; needs: ClosedNeed[] }[];
};

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const planColumns = [
  'p.id',
  'p.provinceCode',
  'p.name',
  'p.status',
  'p.parameters',
  'p.method',
  'p.solverStatus',
  'p.objective',
  'p.bestBound',
  'p.gap',
  'p.solveSeconds',
  'p.greedyObjective',
  'p.gapClosed',
  'p.totalCost',
  'p.inputDigest',
  'p.inputSummary',
  'p.error',
  'p.jobId',
  'p.createdBy',
  'u.displayName as createdByName',
  'p.createdAt',
  'p.finishedAt',
] as const;

type RawPlan = Record<string, unknown>;

function toPlan(r: RawPlan): PlanRow {
  return {
    id: Number(r.id),
    provinceCode: String(r.provinceCode),
    name: String(r.name),
    status: r.status as PlanStatus,
    parameters: JSON.parse(String(r.parameters)) as PlanParameters,
    method: (r.method as string | null) ?? null,
    solverStatus: (r.solverStatus as string | null) ?? null,
    objective: num(r.objective),
    bestBound: num(r.bestBound),
    gap: num(r.gap),
    solveSeconds: num(r.solveSeconds),
    greedyObjective: num(r.greedyObjective),
    gapClosed: num(r.gapClosed),
    totalCost: num(r.totalCost),
    inputDigest: (r.inputDigest as string | null) ?? null,
    inputSummary: r.inputSummary === null ? null : (JSON.parse(String(r.inputSummary)) as Record<string, number>),
    error: (r.error as string | null) ?? null,
    jobId: num(r.jobId),
    createdBy: num(r.createdBy),
    createdByName: (r.createdByName as string | null) ?? null,
    createdAt: String(r.createdAt),
    finishedAt: (r.finishedAt as string | null) ?? null,
  };
}

export async function insertPlan(
  db: Db,
  row: { provinceCode: string; name: string; parameters: PlanParameters; createdBy: number | null; createdAt: string },
): Promise<number> {
  const { id } = await db
    .insertInto('trainingPlans')
    .values({
      provinceCode: row.provinceCode,
      name: row.name,
      status: 'QUEUED',
      parameters: JSON.stringify(row.parameters),
      createdBy: row.createdBy,
      createdAt: row.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function setPlanJob(db: Db, planId: number, jobId: number): Promise<void> {
  await db.updateTable('trainingPlans').set({ jobId }).where('id', '=', planId).execute();
}

export async function setPlanStatus(
  db: Db,
  planId: number,
  status: PlanStatus,
  error: string | null = null,
  finishedAt: string | null = null,
) {
  await db.updateTable('trainingPlans').set({ status, error, finishedAt }).where('id', '=', planId).execute();
}

export async function findPlan(db: Db, id: number): Promise<PlanRow | undefined> {
  const r = await db
    .selectFrom('trainingPlans as p')
    .leftJoin('users as u', 'u.id', 'p.createdBy')
    .select(planColumns)
    .where('p.id', '=', id)
    .executeTakeFirst();
  return r ? toPlan(r as unknown as RawPlan) : undefined;
}

export async function findPlanByJob(db: Db, jobId: number): Promise<PlanRow | undefined> {
  const r = await db
    .selectFrom('trainingPlans as p')
    .leftJoin('users as u', 'u.id', 'p.createdBy')
    .select(planColumns)
    .where('p.jobId', '=', jobId)
    .executeTakeFirst();
  return r ? toPlan(r as unknown as RawPlan) : undefined;
}

/** The province's plan versions, newest first. */
export async function listPlans(db: Db, provinceCode: string, limit: number): Promise<PlanRow[]> {
  const rows = await db
    .selectFrom('trainingPlans as p')
    .leftJoin('users as u', 'u.id', 'p.createdBy')
    .select(planColumns)
    .where('p.provinceCode', '=', provinceCode)
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => toPlan(r as unknown as RawPlan));
}

/**
 * The generated plan: replaces any classes of the plan (a retried job starts clean) and stores the
 * outcome with status DONE. Called inside the job's completing transaction.
 */
export async function storePlanResult(db: Db, planId: number, outcome: PlanOutcome, classes: readonly NewClass[], finishedAt: string) {
  const plan = await db.selectFrom('trainingPlans').select('provinceCode').where('id', '=', planId).executeTakeFirstOrThrow();
  await db.deleteFrom('trainingPlanAttendees').where('planId', '=', planId).execute();
  await db.deleteFrom('trainingPlanClasses').where('planId', '=', planId).execute();
  for (const c of classes) {
    const { id } = await db
      .insertInto('trainingPlanClasses')
      .values({
        provinceCode: plan.provinceCode,
        planId,
        courseId: c.courseId,
        courseCode: c.courseCode,
        year: c.year,
        classNo: c.classNo,
        participants: c.attendees.length,
        fundingSource: c.fundingSource,
        cost: c.cost,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Rows per statement well under both drivers' parameter limits (7 values a row).
    for (let i = 0; i < c.attendees.length; i += 500) {
      await db
        .insertInto('trainingPlanAttendees')
        .values(
          c.attendees.slice(i, i + 500).map((a) => ({
            provinceCode: plan.provinceCode,
            planId,
            classId: Number(id),
            staffId: a.staffId,
            unitId: a.unitId,
            weight: a.weight,
            needs: JSON.stringify(a.needs),
          })),
        )
        .execute();
    }
  }
  await db
    .updateTable('trainingPlans')
    .set({
      status: 'DONE',
      error: null,
      method: outcome.method,
      solverStatus: outcome.solverStatus,
      objective: outcome.objective,
      bestBound: outcome.bestBound,
      gap: outcome.gap,
      solveSeconds: outcome.solveSeconds,
      greedyObjective: outcome.greedyObjective,
      gapClosed: outcome.gapClosed,
      totalCost: outcome.totalCost,
      inputDigest: outcome.inputDigest,
      inputSummary: JSON.stringify(outcome.inputSummary),
      finishedAt,
    })
    .where('id', '=', planId)
    .execute();
}

export type CostLine = { year: number; fundingSource: string; classes: number; participants: number; cost: number };

/** Totals by year × funding source, grouped in SQL. */
export async function planCosts(db: Db, planId: number): Promise<CostLine[]> {
  const rows = await db
    .selectFrom('trainingPlanClasses')
    .select((eb) => [
      'year',
      'fundingSource',
      eb.fn.countAll().as('classes'),
      eb.fn.sum<number>('participants').as('participants'),
      eb.fn.sum<number>('cost').as('cost'),
    ])
    .where('planId', '=', planId)
    .groupBy(['year', 'fundingSource'])
    .orderBy('year')
    .orderBy('fundingSource')
    .execute();
  return rows.map((r) => ({
    year: Number(r.year),
    fundingSource: r.fundingSource,
    classes: Number(r.classes),
    participants: Number(r.participants),
    cost: Number(r.cost),
  }));
}

export type ClassRow = {
  id: number;
  courseId: number;
  courseCode: string;
  courseNameVi: string;
  courseNameEn: string;
  year: number;
  classNo: number;
  participants: number;
  fundingSource: string;
  cost: number;
};

export type ClassFilter = { year?: number | undefined; courseCode?: string | undefined; classId?: number | undefined };

function classQuery(db: Db, planId: number, f: ClassFilter) {
  let q = db
    .selectFrom('trainingPlanClasses as c')
    .innerJoin('trainingCourses as tc', 'tc.id', 'c.courseId')
    .where('c.planId', '=', planId);
  if (f.year !== undefined) q = q.where('c.year', '=', f.year);
  if (f.courseCode !== undefined) q = q.where('c.courseCode', '=', f.courseCode);
  if (f.classId !== undefined) q = q.where('c.id', '=', f.classId);
  return q;
}

export async function countClasses(db: Db, planId: number, f: ClassFilter): Promise<number> {
  const r = await classQuery(db, planId, f)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Classes by year, course code, class number; a page at a time when `page` is given. */
export async function listClasses(db: Db, planId: number, f: ClassFilter, page?: { offset: number; limit: number }): Promise<ClassRow[]> {
  let q = classQuery(db, planId, f)
    .select([
      'c.id',
      'c.courseId',
      'c.courseCode',
      'tc.nameVi as courseNameVi',
      'tc.nameEn as courseNameEn',
      'c.year',
      'c.classNo',
      'c.participants',
      'c.fundingSource',
      'c.cost',
    ])
    .orderBy('c.year')
    .orderBy('c.courseCode')
    .orderBy('c.classNo');
  if (page) q = q.offset(page.offset).limit(page.limit);
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    courseId: Number(r.courseId),
    year: Number(r.year),
    classNo: Number(r.classNo),
    participants: Number(r.participants),
    cost: Number(r.cost),
  }));
}

/** The courses a plan uses (for the page's filter). */
export async function planCourseCodes(db: Db, planId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('trainingPlanClasses')
    .select('courseCode')
    .distinct()
    .where('planId', '=', planId)
    .orderBy('courseCode')
    .execute();
  return rows.map((r) => r.courseCode);
}

export type AttendeeRow = {
  classId: number;
  staffId: number;
  fullName: string;
  nameSort: string;
  unitId: number;
  unitName: string;
  weight: number;
  needs: ClosedNeed[];
};

/** Attendees of the given classes, by class then name sort key. */
export async function listAttendees(db: Db, classIds: readonly number[]): Promise<AttendeeRow[]> {
  const out: AttendeeRow[] = [];
  for (let i = 0; i < classIds.length; i += 500) {
    const part = classIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('trainingPlanAttendees as a')
      .innerJoin('staff as s', 's.id', 'a.staffId')
      .innerJoin('administrativeUnits as u', 'u.id', 'a.unitId')
      .select(['a.classId', 'a.staffId', 's.fullName', 's.nameSort', 'a.unitId', 'u.name as unitName', 'a.weight', 'a.needs'])
      .where('a.classId', 'in', part)
      .orderBy('a.classId')
      .orderBy('s.nameSort')
      .orderBy('a.staffId')
      .execute();
    for (const r of rows)
      out.push({
        classId: Number(r.classId),
        staffId: Number(r.staffId),
        fullName: r.fullName,
        nameSort: r.nameSort,
        unitId: Number(r.unitId),
        unitName: r.unitName,
        weight: Number(r.weight),
        needs: JSON.parse(r.needs) as ClosedNeed[],
      });
  }
  return out;
}

/** ACTIVE staff per unit of the province: the base of the share of a unit that may be away. */
export async function activeStaffByUnit(db: Db, provinceCode: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('staff')
    .select((eb) => ['unitId', eb.fn.countAll().as('n')])
    .where('provinceCode', '=', provinceCode)
    .where('employmentStatus', '=', 'ACTIVE')
    .groupBy('unitId')
    .execute();
  return new Map(rows.map((r) => [Number(r.unitId), Number(r.n)]));
}

/** Provinces with a course catalogue: the CLI's default province when there is exactly one. */
export async function provincesWithCourses(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('trainingCourses').select('provinceCode').distinct().orderBy('provinceCode').execute();
  return rows.map((r) => r.provinceCode);
}
