import type { Actor } from '../../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../../platform/auth/roles.ts';
import type { ProcedureRecord } from '../../../procedures/procedures.repository.ts';
import { loadVisibleProcedure } from '../../../procedures/use-cases/get-procedure.ts';
import { currentAppointment, type DueStateValue, dueState, needsApology } from '../../lifecycle/due-state.ts';
import type { DossierAction, LifecycleState, LifecycleStep } from '../../lifecycle/state-machine.ts';
import { countPlainInbox, type InboxScope, listInboxGroups, listPlainInbox, listTimedInbox } from '../inbox.repository.ts';
import { actionableGroups, compareInbox, NOT_INBOX_WORK, plainDueBounds } from '../inbox-rules.ts';
import { listPauseFacts, listUserNames, type ProcessingRow } from '../processing.repository.ts';
import type { InboxItem, InboxQuery, InboxResponse } from '../processing.schemas.ts';
import { toLifecycleState } from '../stored-state.ts';
import type { ProcessingDeps } from './deps.ts';
import { actionsFor, loadOverlay } from './view.ts';

/** Open statuses someone of the unit may have to act on. */
const OPEN_STATUSES = [1, 2, 4, 5, 6, 9] as const;
/**
 * The timed dossiers (paused or once paused, rescheduled, finished awaiting return) an inbox
 * weighs, due soonest first; past it the inbox says so (`totalCapped`). Plain dossiers are paged
 * in the database and have no such bound.
 */
const TIMED_LIMIT = 2000;

/**
 * What the actor can act on now (issue 3, point 5): counter officers what waits to be
 * received, resumed or returned; field specialists what is assigned to them; leaders what
 * waits for approval — each decided by the lifecycle from the role and the workflow step.
 * Overdue first, then near due, then by appointment. A page costs its depth, not the unit's
 * backlog (ADR 0021): plain dossiers are counted and paged in the database, the few whose due
 * state needs their pauses or slips are weighed here, and the two ordered lists merged.
 */
export async function listInbox(deps: Pick<ProcessingDeps, 'db' | 'clock'>, actor: Actor, query: InboxQuery): Promise<InboxResponse> {
  const empty = { items: [], total: 0, totalCapped: false, page: query.page, pageSize: query.pageSize };
  if (!isUnitRole(actor.role) || actor.unitId === null) return empty;
  const statuses = query.status === undefined ? [...OPEN_STATUSES] : OPEN_STATUSES.filter((s) => s === query.status);
  if (statuses.length === 0) return empty;
  const now = deps.clock.now();
  const scope: InboxScope = {
    provinceCode: actor.provinceCode,
    unitId: actor.unitId,
    statuses,
    assigneeId: actor.role === 'field_specialist' ? actor.userId : undefined,
    field: query.field,
  };
  const [groups, overlay] = await Promise.all([listInboxGroups(deps.db, scope), loadOverlay(deps.db, actor.provinceCode, now)]);
  // The procedures at once: one after the other they were a round trip each on PostgreSQL.
  const records = await Promise.all([...new Set(groups.map((g) => g.procedureId))].map((id) => loadVisibleProcedure(deps.db, actor, id)));
  const procedures = new Map<number, { record: ProcedureRecord; workflow: LifecycleStep[] }>(
    records.map((record) => [record.id, { record, workflow: record.workflow.map((s) => ({ code: s.code, roles: s.roles })) }]),
  );
  const work = actionableGroups(actor, groups, (id) => procedures.get(id)?.workflow, now);
  if (work.length === 0) return empty;
  const bounds = query.due ? plainDueBounds(query.due, now, overlay.cal, overlay.nearDueWorkingDays) : undefined;
  const start = (query.page - 1) * query.pageSize;
  const [plainTotal, plain, timedRows] = await Promise.all([
    countPlainInbox(deps.db, scope, work, bounds),
    // A page of the merged order holds at most this many plain dossiers, all among the first.
    listPlainInbox(deps.db, scope, work, bounds, start + query.pageSize),
    // One more than the limit says whether the limit cut them short.
    listTimedInbox(deps.db, scope, work, TIMED_LIMIT + 1),
  ]);
  const totalCapped = timedRows.length > TIMED_LIMIT;
  const timed = totalCapped ? timedRows.slice(0, TIMED_LIMIT) : timedRows;
  const { eventsOf, slipsOf } = await listPauseFacts(
    deps.db,
    timed.map((c) => c.id),
  );
  const weigh = (c: ProcessingRow): Ranked | null => {
    const workflow = procedures.get(c.procedureId)?.workflow ?? [];
    const state = toLifecycleState(c, eventsOf.get(c.id) ?? [], slipsOf.get(c.id) ?? []);
    const actions = actionsFor(actor, c, state, workflow, now).filter((a) => !NOT_INBOX_WORK.includes(a));
    if (actions.length === 0) return null;
    const due = dueState(state, now, overlay.cal, overlay.nearDueWorkingDays)?.value ?? null;
    if (query.due && due !== query.due) return null;
    return { id: c.id, c, state, workflow, actions, due, appointment: currentAppointment(state, now, overlay.cal) };
  };
  const timedRanked = timed.map(weigh).filter((r): r is Ranked => r !== null);
  const ranked = [...timedRanked, ...plain.map(weigh).filter((r): r is Ranked => r !== null)].sort(compareInbox);
  const page = ranked.slice(start, start + query.pageSize);
  const names = await listUserNames(deps.db, [...new Set(page.flatMap((r) => (r.c.assigneeId === null ? [] : [r.c.assigneeId])))]);
  const items = page.map(({ c, state, workflow, actions, due, appointment }): InboxItem => {
    const procedure = procedures.get(c.procedureId)?.record;
    const assigneeName = c.assigneeId === null ? undefined : names.get(c.assigneeId);
    return {
      id: c.id,
      code: c.code,
      status: c.status,
      step: workflow[c.stepIndex]?.code ?? null,
      procedure: {
        nationalCode: procedure?.nationalCode ?? '',
        nameVi: procedure?.nameVi ?? '',
        nameEn: procedure?.nameEn ?? '',
        field: procedure?.field ?? '',
      },
      applicantName: c.applicantName,
      assignee: c.assigneeId !== null && assigneeName !== undefined ? { id: c.assigneeId, name: assigneeName } : null,
      dueAt: c.dueAt,
      dueState: due,
      appointmentAt: appointment ? appointment.toISOString() : null,
      needsApology: needsApology(state, now, overlay.cal, overlay.apologyLeadWorkingDays),
      allowedActions: actions,
      version: c.version,
    };
  });
  return { items, total: plainTotal + timedRanked.length, totalCapped, page: query.page, pageSize: query.pageSize };
}

type Ranked = {
  id: number;
  c: ProcessingRow;
  state: LifecycleState;
  workflow: LifecycleStep[];
  actions: DossierAction[];
  due: DueStateValue | null;
  appointment: Date | null;
};
