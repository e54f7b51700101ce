import type { Actor } from '../../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../../platform/auth/roles.ts';
import { loadVisibleProcedure } from '../../../procedures/use-cases/get-procedure.ts';
import type { DossierAction, LifecycleStep } from '../../lifecycle/state-machine.ts';
import { listInboxCandidates, listLifecycleEvents, listSlips } from '../processing.repository.ts';
import type { InboxItem, InboxQuery, InboxResponse } from '../processing.schemas.ts';
import { PAUSE_EVENT_KINDS, toLifecycleState } from '../stored-state.ts';
import type { ProcessingDeps } from './deps.ts';
import { actionsFor, loadOverlay, overlayOf } from './view.ts';

/** Open statuses someone of the unit may have to act on. */
const OPEN_STATUSES = [1, 2, 4, 5, 6, 9] as const;
/**
 * Withdrawal is open to the reception roles at every step, on the citizen's request: it is
 * not work waiting for them, so it does not put a dossier in their inbox.
 */
const NOT_INBOX_WORK: readonly DossierAction[] = ['WITHDRAW'];
/** The unit's open dossiers, not its history: enough for any commune's backlog. */
const CANDIDATE_LIMIT = 2000;

const RANK: Record<string, number> = { OVERDUE: 0, NEAR_DUE: 1 };

/**
 * What the actor can act on now (issue 3, point 5): counter officers what waits to be
 * received, resumed or returned; field specialists what is assigned to them; leaders what
 * waits for approval — each decided by the lifecycle from the role and the workflow step.
 * Overdue first, then near due, then by appointment.
 */
export async function listInbox(deps: Pick<ProcessingDeps, 'db' | 'clock'>, actor: Actor, query: InboxQuery): Promise<InboxResponse> {
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  if (!isUnitRole(actor.role) || actor.unitId === null) return empty;
  const statuses = query.status === undefined ? [...OPEN_STATUSES] : OPEN_STATUSES.filter((s) => s === query.status);
  if (statuses.length === 0) return empty;
  const now = deps.clock.now();
  const candidates = await listInboxCandidates(deps.db, {
    provinceCode: actor.provinceCode,
    unitId: actor.unitId,
    statuses,
    assigneeId: actor.role === 'field_specialist' ? actor.userId : undefined,
    field: query.field,
    limit: CANDIDATE_LIMIT,
  });
  const ids = candidates.map((c) => c.id);
  const workflows = new Map<number, LifecycleStep[]>();
  for (const procedureId of new Set(candidates.map((c) => c.procedureId))) {
    const p = await loadVisibleProcedure(deps.db, actor, procedureId);
    workflows.set(
      procedureId,
      p.workflow.map((s) => ({ code: s.code, roles: s.roles })),
    );
  }
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
  const items: (InboxItem & { sortAt: number })[] = [];
  for (const c of candidates) {
    const workflow = workflows.get(c.procedureId) ?? [];
    const state = toLifecycleState(c, eventsOf.get(c.id) ?? [], slipsOf.get(c.id) ?? []);
    const actions = actionsFor(actor, c, state, workflow, now).filter((a) => !NOT_INBOX_WORK.includes(a));
    if (actions.length === 0) continue;
    const o = overlayOf(state, now, overlay);
    if (query.due && o.dueState !== query.due) continue;
    items.push({
      id: c.id,
      code: c.code,
      status: c.status,
      step: workflow[c.stepIndex]?.code ?? null,
      procedure: { nationalCode: c.procedureCode, nameVi: c.procedureNameVi, nameEn: c.procedureNameEn, field: c.procedureField },
      applicantName: c.applicantName,
      assignee: c.assigneeId !== null && c.assigneeName !== null ? { id: c.assigneeId, name: c.assigneeName } : null,
      dueAt: c.dueAt,
      ...o,
      allowedActions: actions,
      version: c.version,
      sortAt: o.appointmentAt ? Date.parse(o.appointmentAt) : Number.POSITIVE_INFINITY,
    });
  }
  items.sort((a, b) => {
    const rank = (RANK[a.dueState ?? ''] ?? 2) - (RANK[b.dueState ?? ''] ?? 2);
    return rank !== 0 ? rank : a.sortAt !== b.sortAt ? a.sortAt - b.sortAt : a.id - b.id;
  });
  const start = (query.page - 1) * query.pageSize;
  return {
    items: items.slice(start, start + query.pageSize).map(({ sortAt: _sortAt, ...item }) => item),
    total: items.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}
