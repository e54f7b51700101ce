import type { ModuleDeps } from '../../app.ts';
import { type AuditEntry, listAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError, type FieldProblem } from '../../platform/errors/app-error.ts';
import type { AuditQuery } from './audit.schemas.ts';
import { parseDateBound } from './audit-filters.ts';

export type AuditDeps = Pick<ModuleDeps, 'readDb'>;

export const AUDIT_PAGE_SIZE = 50;

/**
 * Which entries a reader may see: their province's; a system administrator also sees the
 * entries tied to no province (failed sign-ins with an unknown username).
 */
export function visibleProvinces(actor: Actor): string[] {
  return actor.role === 'system_admin' ? [actor.provinceCode, ''] : [actor.provinceCode];
}

const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/** Newest first, AUDIT_PAGE_SIZE per page, keyset on seq so paging stays fast on a long log. */
export async function browseAudit(
  deps: AuditDeps,
  actor: Actor,
  query: AuditQuery,
): Promise<{ items: AuditEntry[]; nextBefore: number | null }> {
  const from = parseDateBound(query.from, 'from');
  const to = parseDateBound(query.to, 'to');
  const problems: FieldProblem[] = [];
  if (from === null) problems.push({ path: 'from', message: 'dd/mm/yyyy, yyyy-mm-dd or an ISO instant with zone' });
  if (to === null) problems.push({ path: 'to', message: 'dd/mm/yyyy, yyyy-mm-dd or an ISO instant with zone' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems);
  const rows = await listAudit(deps.readDb, {
    provinceCodes: visibleProvinces(actor),
    action: blankToUndefined(query.action),
    entityType: blankToUndefined(query.entityType),
    entityId: blankToUndefined(query.entityId),
    actor: blankToUndefined(query.actor)?.toLowerCase(),
    from: from ?? undefined,
    to: to ?? undefined,
    beforeSeq: query.before,
    limit: AUDIT_PAGE_SIZE + 1,
  });
  const items = rows.slice(0, AUDIT_PAGE_SIZE);
  return { items, nextBefore: rows.length > AUDIT_PAGE_SIZE ? (items.at(-1)?.seq ?? null) : null };
}

function parseJson(value: string | null): unknown {
  if (value === null) return null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The API shape: before/after as JSON values, without the chain hashes. */
export function toApiEntry(e: AuditEntry) {
  return {
    seq: e.seq,
    at: e.at,
    provinceCode: e.provinceCode,
    actorUserId: e.actorUserId,
    actorUsername: e.actorUsername,
    actorRole: e.actorRole,
    actorUnitId: e.actorUnitId,
    requestId: e.requestId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: parseJson(e.before),
    after: parseJson(e.after),
  };
}
