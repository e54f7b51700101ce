import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import { type Actor, canAccessUnit } from '../../../../platform/auth/actor.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { domainToday } from '../../../../platform/time/format.ts';
import type { StaffDeps } from '../../use-cases/deps.ts';
import * as repo from '../discipline.repository.ts';
import type { Discipline, DisciplineBody } from '../discipline.schemas.ts';
import { disciplineRefusal, isPending } from '../discipline.ts';

/** The person, if the actor reaches them (HR of their unit, or the province); else 404 (audited when they exist). */
async function reachable(deps: StaffDeps, actor: Actor, staffId: number): Promise<repo.DisciplineRow> {
  const row = await repo.findDiscipline(deps.db, staffId);
  if (!row) throw new AppError('STAFF_NOT_FOUND');
  if (!canAccessUnit(actor, { provinceCode: row.provinceCode, unitId: row.unitId })) throw AppError.denied('STAFF_NOT_FOUND');
  return row;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function viewOf(row: repo.DisciplineRow, entry: repo.DisciplineEntry | undefined, today: string): Discipline {
  const after = (entry?.after ?? {}) as Record<string, unknown>;
  return {
    staffId: row.id,
    fullName: row.fullName,
    pendingUntil: row.pendingUntil,
    pendingNow: isPending(row.pendingUntil, today),
    reason: text(after.reason),
    documentRef: text(after.documentRef),
    recordedAt: entry?.at ?? null,
    recordedBy: entry?.actorUsername ?? null,
    version: row.version,
  };
}

export async function getDiscipline(deps: StaffDeps, actor: Actor, staffId: number): Promise<Discipline> {
  const row = await reachable(deps, actor, staffId);
  const entry = await repo.latestDisciplineEntry(deps.db, row.provinceCode, row.id);
  return viewOf(row, entry, domainToday(deps.clock.now()));
}

/**
 * Records (a date) or lifts (null) a pending disciplinary matter, in one audited transaction
 * with the staff record's optimistic version. The audit entry keeps the date before and after,
 * the reason and the document reference: the only place they are stored (no migration added).
 * Placement eligibility reads the date for the next batch (placement.ts, DISCIPLINE_PENDING).
 */
export async function setDiscipline(
  deps: StaffDeps,
  actor: Actor,
  staffId: number,
  body: DisciplineBody,
  meta: AuditMeta,
): Promise<Discipline> {
  const row = await reachable(deps, actor, staffId);
  const today = domainToday(deps.clock.now());
  const refusal = disciplineRefusal(body, today);
  if (refusal) throw new AppError(refusal);
  if (row.version !== body.version) throw new AppError('VERSION_CONFLICT');
  const documentRef = body.documentRef && body.documentRef.trim() !== '' ? body.documentRef.trim() : null;
  await audited(deps.db, meta, repo.DISCIPLINE_ACTION, 'staff', async (trx) => {
    if (!(await repo.updateDiscipline(trx, row.id, body.version, body.pendingUntil, meta.at))) throw new AppError('VERSION_CONFLICT');
    return {
      result: null,
      entityId: row.id,
      before: { pendingUntil: row.pendingUntil, version: row.version },
      after: { pendingUntil: body.pendingUntil, reason: body.reason, documentRef, version: row.version + 1 },
    };
  });
  return getDiscipline(deps, actor, staffId);
}
