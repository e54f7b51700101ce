import type { Db } from '../../../platform/db/database.ts';
import { currentAppointment, dueState, needsApology } from '../../dossiers/lifecycle/due-state.ts';
import { listPauseFacts } from '../../dossiers/processing/processing.repository.ts';
import { toLifecycleState } from '../../dossiers/processing/stored-state.ts';
import { loadOverlay } from '../../dossiers/processing/use-cases/view.ts';
import { type DueCandidate, listDueCandidates } from '../overview.repository.ts';

/**
 * Open dossiers past or near their due date, for the whole province (or one unit) in three
 * queries: the candidates, their pause events and their apology slips. Each dossier's state is
 * decided by the lifecycle's own pure functions (dueState, needsApology, currentAppointment),
 * as the inbox and the dossier page decide it.
 */

export type DueDossier = {
  id: number;
  code: string;
  unitId: number;
  status: number;
  procedureCode: string;
  procedureNameVi: string;
  procedureNameEn: string;
  procedureField: string;
  applicantName: string;
  dueAt: string | null;
  /** The appointment the citizen holds now (the latest slip's date, or the due date after pauses). */
  appointmentAt: string | null;
  overdue: boolean;
  /** Not overdue yet, but within the warning lead of its appointment with no apology slip giving a new date. */
  aboutToMiss: boolean;
};

/**
 * The wall-clock bound of the candidates: `leadWorkingDays` working days after now, and the
 * longest holiday break (Tết, 9 days) on top, so no appointment within the lead is missed.
 */
export function candidateBound(now: Date, leadWorkingDays: number): string {
  const days = 2 * leadWorkingDays + 12;
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}

export async function dueDossiers(
  db: Db,
  provinceCode: string,
  unitId: number | null,
  now: Date,
  leadWorkingDays: number,
): Promise<DueDossier[]> {
  const [candidates, overlay] = await Promise.all([
    listDueCandidates(db, provinceCode, unitId, candidateBound(now, leadWorkingDays)),
    loadOverlay(db, provinceCode, now),
  ]);
  const { eventsOf, slipsOf } = await listPauseFacts(
    db,
    candidates.map((c) => c.id),
  );
  const out: DueDossier[] = [];
  for (const c of candidates) {
    const state = toLifecycleState(c, eventsOf.get(c.id) ?? [], slipsOf.get(c.id) ?? []);
    const overdue = dueState(state, now, overlay.cal, overlay.nearDueWorkingDays)?.value === 'OVERDUE';
    const aboutToMiss = !overdue && needsApology(state, now, overlay.cal, leadWorkingDays);
    if (!overdue && !aboutToMiss) continue;
    out.push(toDueDossier(c, currentAppointment(state, now, overlay.cal), overdue, aboutToMiss));
  }
  return out;
}

function toDueDossier(c: DueCandidate, appointment: Date | null, overdue: boolean, aboutToMiss: boolean): DueDossier {
  return {
    id: c.id,
    code: c.code,
    unitId: c.competentUnitId,
    status: c.status,
    procedureCode: c.procedureCode,
    procedureNameVi: c.procedureNameVi,
    procedureNameEn: c.procedureNameEn,
    procedureField: c.procedureField,
    applicantName: c.applicantName,
    dueAt: c.dueAt,
    appointmentAt: appointment ? appointment.toISOString() : null,
    overdue,
    aboutToMiss,
  };
}

/** Overdue count per unit. */
export function overdueByUnit(dossiers: readonly DueDossier[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const d of dossiers) if (d.overdue) m.set(d.unitId, (m.get(d.unitId) ?? 0) + 1);
  return m;
}
