import { appendAuditEntries } from '../../../platform/audit/audit.repository.ts';
import { type AuditMeta, auditEntry } from '../../../platform/audit/audited.ts';
import type { Db } from '../../../platform/db/database.ts';
import { DOMAIN_TIME_ZONE } from '../../../platform/time/format.ts';
import { toWorkingTimeRules } from '../../calendar/calendar-rules.ts';
import { loadCalendarEntries, rulesUsedOn } from '../../calendar/use-cases/load-calendar.ts';
import type { WorkingTimeRules } from '../../calendar/working-days.ts';
import { zonedParts } from '../../calendar/zoned-time.ts';
import {
  insertDossierEvents,
  listRetimeCandidates,
  RETIME_ROWS_PER_STATEMENT,
  type RetimeRow,
  setDueAtsOfOpen,
} from '../dossiers.repository.ts';
import {
  type CalendarChange,
  calendarsAround,
  changedDates,
  planRetiming,
  type RetimeCandidate,
  type Retiming,
  retimeWindow,
} from '../lifecycle/retiming.ts';
import { DOSSIER_STATUS } from '../lifecycle/state-machine.ts';
import { deadlineOf } from './intake.ts';

/**
 * Open dossiers: the clock has started and no result is out yet. Online submissions (1)
 * have no due date until accepted; done (9), returned, refused, withdrawn and stopped are
 * finished, and their due date is history the scorecard judges them by.
 */
export const RETIMED_STATUSES: readonly number[] = [
  DOSSIER_STATUS.RECEIVED,
  DOSSIER_STATUS.PROCESSING,
  DOSSIER_STATUS.SUPPLEMENT_REQUESTED,
  DOSSIER_STATUS.PAYMENT_REQUESTED,
];

/**
 * Rows read, and moved, per page: bounded memory and statement size with ~20k open dossiers a
 * province. A page costs a handful of statements (read, one multi-row update, one insert of
 * its timeline events, one chain-head update and the audit entries' inserts), not a few per dossier.
 */
const BATCH = RETIME_ROWS_PER_STATEMENT;

export const RETIMED_EVENT_KIND = 'RETIMED';

export type RetimeReason = { action: string; date: string; kind: string; nameVi: string };

export type RetimeOutcome = { retimed: number; provinces: string[] };

/**
 * Re-times the open dossiers of every province after a calendar entry was added, edited or
 * removed (issue 3, point 2). Call it inside the transaction of the calendar change, after
 * the change: the moves, their timeline events and one audit entry per moved dossier
 * commit or roll back with it. Pauses need nothing here: `dueAt` is the statutory instant
 * before any pause, and the pause overlay is computed with the calendar when read.
 *
 * An apology slip's `promisedAt` is left as it is: it is a date the handler promised the
 * citizen in writing, and moving it silently would break that promise. The statutory
 * `dueAt` still moves, because the scorecard and the overdue state are judged by the law's
 * time limit counted over the calendar as it now stands.
 */
export async function retimeOpenDossiers(
  deps: { db: Db },
  meta: AuditMeta,
  change: CalendarChange,
  reason: RetimeReason,
): Promise<RetimeOutcome> {
  const dates = changedDates(change);
  if (dates.length === 0) return { retimed: 0, provinces: [] };
  const window = retimeWindow(dates, DOMAIN_TIME_ZONE);
  const calendars = calendarsAround(await loadCalendarEntries(deps), change);
  const rulesOf = rulesCache(deps);
  let afterId = 0;
  let retimed = 0;
  const provinces = new Set<string>();
  for (;;) {
    const rows = await listRetimeCandidates(deps.db, { openStatuses: RETIMED_STATUSES, ...window, afterId, limit: BATCH });
    const candidates: RetimeCandidate[] = [];
    for (const row of rows) candidates.push(await candidateOf(row, rulesOf));
    const moved = await applyRetiming(deps.db, meta, planRetiming(candidates, calendars), reason);
    retimed += moved.length;
    for (const m of moved) provinces.add(m.provinceCode);
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) break;
    afterId = last.id;
  }
  return { retimed, provinces: [...provinces].sort() };
}

/** The rules of a province on a day, read once per (province, day) however many dossiers share it. */
function rulesCache(deps: { db: Db }): (provinceCode: string, date: string) => Promise<WorkingTimeRules> {
  const cache = new Map<string, WorkingTimeRules>();
  return async (provinceCode, date) => {
    const key = `${provinceCode}|${date}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const rules = toWorkingTimeRules(await rulesUsedOn(deps, provinceCode, date));
    cache.set(key, rules);
    return rules;
  };
}

async function candidateOf(row: RetimeRow, rulesOf: ReturnType<typeof rulesCache>): Promise<RetimeCandidate> {
  // The clock starts at receipt of the complete, valid dossier (domain.md §6.6, §11.3); intake sets both to the same instant.
  const startedAt = row.validAt ?? row.receivedAt;
  if (startedAt === null) throw new Error(`open dossier ${row.id} has a due date but no receipt instant`);
  const startedOn = zonedParts(new Date(startedAt), DOMAIN_TIME_ZONE).date;
  return {
    id: row.id,
    provinceCode: row.provinceCode,
    startedAt,
    dueAt: row.dueAt,
    deadline: deadlineOf({ id: row.procedureId, timeLimitAmount: row.timeLimitAmount, timeLimitUnit: row.timeLimitUnit }),
    rules: await rulesOf(row.provinceCode, startedOn),
  };
}

/** Writes one page: the new due instants in one statement, then a timeline event and an audit entry per dossier actually moved. */
async function applyRetiming(db: Db, meta: AuditMeta, plan: readonly Retiming[], reason: RetimeReason): Promise<Retiming[]> {
  const changed = new Set(
    await setDueAtsOfOpen(
      db,
      plan.map((r) => ({ id: r.id, dueAt: r.toDueAt })),
      RETIMED_STATUSES,
      meta.at,
    ),
  );
  const moved = plan.filter((r) => changed.has(r.id)).sort((a, b) => a.id - b.id);
  await insertDossierEvents(
    db,
    moved.map((m) => ({
      provinceCode: m.provinceCode,
      dossierId: m.id,
      at: meta.at,
      actorUserId: meta.actor?.userId ?? null,
      kind: RETIMED_EVENT_KIND,
      fromStatus: null,
      toStatus: null,
      note: null,
      data: { previousDueAt: m.fromDueAt, dueAt: m.toDueAt, reason },
    })),
  );
  await appendAuditEntries(
    db,
    moved.map((m) =>
      auditEntry(meta, 'dossier.retime', 'dossier', m.id, {
        provinceCode: m.provinceCode,
        before: { dueAt: m.fromDueAt },
        after: { dueAt: m.toDueAt, reason },
      }),
    ),
  );
  return moved;
}
