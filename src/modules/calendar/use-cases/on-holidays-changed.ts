import { appendAudit } from '../../../platform/audit/audit.repository.ts';
import type { AuditMeta } from '../../../platform/audit/audited.ts';
import type { Db } from '../../../platform/db/database.ts';

/**
 * The seam where a holiday change will re-time open dossiers (issue 3, point 2: "adding or
 * removing a holiday re-times the due dates of open dossiers, with an audit entry for
 * each"). There are no dossiers yet, so today it only records that the calendar changed on
 * these dates and that nothing was re-timed. The dossier module will hook in here and
 * write one audit entry per dossier it moves.
 *
 * It takes the transaction of the holiday change, so the re-timing will commit or roll
 * back with it. Its entry precedes the change's own entry in the chain, because
 * `audited()` appends that one last; both carry the same request id.
 */
export async function onHolidaysChanged(deps: { db: Db }, meta: AuditMeta, dates: readonly string[]): Promise<{ retimed: number }> {
  await appendAudit(deps.db, {
    provinceCode: meta.provinceCode,
    at: meta.at,
    actorUserId: meta.actor?.userId ?? null,
    actorUsername: meta.actor?.username ?? null,
    actorRole: meta.actor?.role ?? null,
    actorUnitId: meta.actor?.unitId ?? null,
    requestId: meta.requestId,
    action: 'calendar.retime',
    entityType: 'calendar',
    entityId: null,
    after: { dates: [...dates], dossiersRetimed: 0, reason: 'no open dossiers exist yet (issue 3, dossier module pending)' },
  });
  return { retimed: 0 };
}
