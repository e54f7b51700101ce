import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import type { Database, Db } from '../../../platform/db/database.ts';
import { PROCESSING_ROW_COLUMNS, type ProcessingRow, toProcessingRow } from './processing.repository.ts';
import { PAUSE_EVENT_KINDS } from './stored-state.ts';

/**
 * The inbox's reads (ADR 0021). A dossier's place in the inbox follows its due date alone when
 * it was never paused, never given a new appointment and is not finished ("plain"): those, the
 * great majority, are filtered, counted, ordered and paged here in the database, so a page costs
 * a page whatever the unit's backlog. The rest ("timed": their due state needs the pauses, slips
 * or finish instant with the calendar) are read whole, bounded, and weighed by the use case.
 */

export type InboxScope = {
  provinceCode: string;
  unitId: number;
  statuses: readonly number[];
  /** Field specialists see only what is assigned to them. */
  assigneeId?: number | undefined;
  field?: string | undefined;
};

/** The open dossiers of a scope sharing a procedure, status and workflow step: what one may do depends on these alone. */
export type InboxGroup = { procedureId: number; status: number; stepIndex: number; count: number };

/** The groups someone of the scope can act on, as (status, step) pairs with their procedures. */
export type ActionableGroups = readonly { status: number; stepIndex: number; procedureIds: readonly number[] }[];

/** Bounds on the statutory due date of plain dossiers (ISO instants): how a due-state filter reads in SQL. */
export type DueBounds = { before?: string; from?: string; until?: string; after?: string };

type DossierEb = ExpressionBuilder<Database & { d: Database['dossiers'] }, 'd'>;
type Predicate = ExpressionWrapper<Database & { d: Database['dossiers'] }, 'd', SqlBool>;

function scoped(db: Db, s: InboxScope) {
  let q = db
    .selectFrom('dossiers as d')
    .where('d.provinceCode', '=', s.provinceCode)
    .where('d.competentUnitId', '=', s.unitId)
    .where('d.status', 'in', [...s.statuses]);
  if (s.assigneeId !== undefined) q = q.where('d.assigneeId', '=', s.assigneeId);
  if (s.field) {
    const field = s.field;
    q = q.where('d.procedureId', 'in', (p) => p.selectFrom('procedures').select('id').where('field', '=', field));
  }
  return q;
}

/**
 * One term per (status, step), not per group: an OR chain as long as the groups could pass
 * SQLite's expression depth limit (1,000) in a unit with many procedures.
 */
function inGroups(eb: DossierEb, groups: ActionableGroups): Predicate {
  return eb.or(
    groups.map((g) =>
      eb.and([eb('d.status', '=', g.status), eb('d.stepIndex', '=', g.stepIndex), eb('d.procedureId', 'in', [...g.procedureIds])]),
    ),
  );
}

/** Never paused, never rescheduled, not finished: the due state follows the statutory due date. */
function isPlain(eb: DossierEb): Predicate {
  return eb.and([
    eb('d.status', '<>', 9),
    eb.not(
      eb.exists(
        eb
          .selectFrom('dossierEvents as e')
          .select(sql`1`.as('one'))
          .whereRef('e.dossierId', '=', 'd.id')
          .where('e.kind', 'in', [...PAUSE_EVENT_KINDS]),
      ),
    ),
    eb.not(eb.exists(eb.selectFrom('apologySlips as s').select(sql`1`.as('one')).whereRef('s.dossierId', '=', 'd.id'))),
  ]);
}

function withinBounds(eb: DossierEb, b: DueBounds): Predicate {
  const terms = [];
  if (b.before !== undefined) terms.push(eb('d.dueAt', '<', b.before));
  if (b.from !== undefined) terms.push(eb('d.dueAt', '>=', b.from));
  if (b.until !== undefined) terms.push(eb('d.dueAt', '<=', b.until));
  if (b.after !== undefined) terms.push(eb('d.dueAt', '>', b.after));
  return eb.and(terms);
}

/** How many open dossiers of the scope each (procedure, status, step) holds. */
export async function listInboxGroups(db: Db, s: InboxScope): Promise<InboxGroup[]> {
  const rows = await scoped(db, s)
    .select(['d.procedureId', 'd.status', 'd.stepIndex', (eb) => eb.fn.countAll().as('count')])
    .groupBy(['d.procedureId', 'd.status', 'd.stepIndex'])
    .execute();
  return rows.map((r) => ({
    procedureId: Number(r.procedureId),
    status: Number(r.status),
    stepIndex: Number(r.stepIndex),
    count: Number(r.count),
  }));
}

/** How many plain dossiers of the groups fall within the due bounds (all of them, with none). */
export async function countPlainInbox(db: Db, s: InboxScope, groups: ActionableGroups, bounds: DueBounds | undefined): Promise<number> {
  const r = await scoped(db, s)
    .select((eb) => eb.fn.countAll().as('count'))
    .where((eb) => eb.and([inGroups(eb, groups), isPlain(eb), ...(bounds ? [withinBounds(eb, bounds)] : [])]))
    .executeTakeFirstOrThrow();
  return Number(r.count);
}

/**
 * The first `limit` plain dossiers in inbox order: due soonest first (overdue, then near due,
 * then the rest, since each follows the due date), those without a due date last, then by id.
 */
export async function listPlainInbox(
  db: Db,
  s: InboxScope,
  groups: ActionableGroups,
  bounds: DueBounds | undefined,
  limit: number,
): Promise<ProcessingRow[]> {
  const rows = await scoped(db, s)
    .select(PROCESSING_ROW_COLUMNS)
    .where((eb) => eb.and([inGroups(eb, groups), isPlain(eb), ...(bounds ? [withinBounds(eb, bounds)] : [])]))
    // Both dialects alike: SQLite sorts nulls first, PostgreSQL last.
    .orderBy(sql`case when d.due_at is null then 1 else 0 end`)
    .orderBy('d.dueAt')
    .orderBy('d.id')
    .limit(limit)
    .execute();
  return rows.map(toProcessingRow);
}

/**
 * The dossiers of the groups that are not plain (paused or once paused, rescheduled, finished and
 * awaiting return), due soonest first, at most `limit`: the use case weighs each with the calendar.
 */
export async function listTimedInbox(db: Db, s: InboxScope, groups: ActionableGroups, limit: number): Promise<ProcessingRow[]> {
  const rows = await scoped(db, s)
    .select(PROCESSING_ROW_COLUMNS)
    .where((eb) => eb.and([inGroups(eb, groups), eb.not(isPlain(eb))]))
    .orderBy('d.dueAt')
    .orderBy('d.id')
    .limit(limit)
    .execute();
  return rows.map(toProcessingRow);
}
