import type { Actor } from '../../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../../platform/auth/roles.ts';
import type { ProcedureRecord } from '../../../procedures/procedures.repository.ts';
import { loadVisibleProcedure } from '../../../procedures/use-cases/get-procedure.ts';
import { currentAppointment, type DueStateValue, dueState, needsApology } from '../../lifecycle/due-state.ts';
import type { DossierAction, LifecycleState, LifecycleStep } from '../../lifecycle/state-machine.ts';
import { listInboxCandidates, listLifecycleEvents, listSlips, listUserNames, type ProcessingRow } from '../processing.repository.ts';
import type { InboxItem, InboxQuery, InboxResponse } from '../processing.schemas.ts';
import { PAUSE_EVENT_KINDS, toLifecycleState } from '../stored-state.ts';
import type { ProcessingDeps } from './deps.ts';
import { actionsFor, loadOverlay } from './view.ts';

/** Open statuses someone of the unit may have to act on. */
const OPEN_STATUSES = [1, 2, 4, 5, 6, 9] as const;
/**
 * Withdrawal is open to the reception roles at every step, on the citizen's request: it is
 * not work waiting for them, so it does not put a dossier in their inbox.
 */
const NOT_INBOX_WORK: readonly DossierAction[] = ['WITHDRAW'];
/**
 * The open dossiers an inbox weighs, due soonest first; past it the inbox says so (`totalCapped`)
 * and filtering (field, status, due state) narrows what is weighed.
 */
const CANDIDATE_LIMIT = 2000;

const RANK: Record<string, number> = { OVERDUE: 0, NEAR_DUE: 1 };

/**
 * What the actor can act on now (issue 3, point 5): counter officers what waits to be
 * received, resumed or returned; field specialists what is assigned to them; leaders what
 * waits for approval — each decided by the lifecycle from the role and the workflow step.
 * Overdue first, then near due, then by appointment.
 */
export async function listInbox(deps: Pick<ProcessingDeps, 'db' | 'clock'>, actor: Actor, query: InboxQuery): Promise<InboxResponse> {
  const empty = { items: [], total: 0, totalCapped: false, page: query.page, pageSize: query.pageSize };
  if (!isUnitRole(actor.role) || actor.unitId === null) return empty;
  const statuses = query.status === undefined ? [...OPEN_STATUSES] : OPEN_STATUSES.filter((s) => s === query.status);
  if (statuses.length === 0) return empty;
  const now = deps.clock.now();
  // One more than the limit says whether the limit cut the unit's open dossiers short.
  const fetched = await listInboxCandidates(deps.db, {
    provinceCode: actor.provinceCode,
    unitId: actor.unitId,
    statuses,
    assigneeId: actor.role === 'field_specialist' ? actor.userId : undefined,
    field: query.field,
    limit: CANDIDATE_LIMIT + 1,
  });
  const totalCapped = fetched.length > CANDIDATE_LIMIT;
  const candidates = totalCapped ? fetched.slice(0, CANDIDATE_LIMIT) : fetched;
  const ids = candidates.map((c) => c.id);
  // The procedures at once: one after the other they were a round trip each on PostgreSQL.
  const records = await Promise.all(
    [...new Set(candidates.map((c) => c.procedureId))].map((id) => loadVisibleProcedure(deps.db, actor, id)),
  );
  const procedures = new Map<number, { record: ProcedureRecord; workflow: LifecycleStep[] }>(
    records.map((record) => [record.id, { record, workflow: record.workflow.map((s) => ({ code: s.code, roles: s.roles })) }]),
  );
  const [events, slips, overlay] = await Promise.all([
    listLifecycleEvents(deps.db, ids, PAUSE_EVENT_KINDS),
    listSlips(deps.db, ids),
    loadOverlay(deps.db, actor.provinceCode, now),
  ]);
  const byDossier = <T extends { dossierId: number }>(rows: readonly T[]) => {
    const map = new Map<number, T[]>();
    for (const r of rows) map.set(r.dossierId, [...(map.get(r.dossierId) ?? []), r]);
    return map;
  };
  const eventsOf = byDossier(events);
  const slipsOf = byDossier(slips);
  // Every candidate is weighed (what the actor may do, its due state and appointment: the
  // filter and the order need them); names and the apology flag only for the page shown.
  const ranked: Ranked[] = [];
  for (const c of candidates) {
    const workflow = procedures.get(c.procedureId)?.workflow ?? [];
    const state = toLifecycleState(c, eventsOf.get(c.id) ?? [], slipsOf.get(c.id) ?? []);
    const actions = actionsFor(actor, c, state, workflow, now).filter((a) => !NOT_INBOX_WORK.includes(a));
    if (actions.length === 0) continue;
    const due = dueState(state, now, overlay.cal, overlay.nearDueWorkingDays)?.value ?? null;
    if (query.due && due !== query.due) continue;
    const appointment = currentAppointment(state, now, overlay.cal);
    ranked.push({ c, state, workflow, actions, due, appointment });
  }
  const appointmentMs = (r: Ranked) => r.appointment?.getTime() ?? Number.POSITIVE_INFINITY;
  ranked.sort((a, b) => {
    const rank = (RANK[a.due ?? ''] ?? 2) - (RANK[b.due ?? ''] ?? 2);
    const [x, y] = [appointmentMs(a), appointmentMs(b)];
    return rank !== 0 ? rank : x !== y ? x - y : a.c.id - b.c.id;
  });
  const start = (query.page - 1) * query.pageSize;
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
  return { items, total: ranked.length, totalCapped, page: query.page, pageSize: query.pageSize };
}

type Ranked = {
  c: ProcessingRow;
  state: LifecycleState;
  workflow: LifecycleStep[];
  actions: DossierAction[];
  due: DueStateValue | null;
  appointment: Date | null;
};
