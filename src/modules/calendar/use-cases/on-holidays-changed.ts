import { appendAudit } from '../../../platform/audit/audit.repository.ts';
import { type AuditMeta, auditEntry } from '../../../platform/audit/audited.ts';
import type { Db } from '../../../platform/db/database.ts';
import { changedDates } from '../../dossiers/lifecycle/retiming.ts';
import { retimeOpenDossiers } from '../../dossiers/use-cases/retime-open-dossiers.ts';
import type { CalendarEntry } from '../working-days.ts';

/** One calendar entry added (`before` null), removed (`after` null) or edited (both set). */
export type HolidayChange = { action: string; before: CalendarEntry | null; after: CalendarEntry | null };

/**
 * Where a holiday change re-times open dossiers (issue 3, point 2: "adding or removing a
 * holiday re-times the due dates of open dossiers, with an audit entry for each"). The
 * dossier module moves every open dossier the change reaches, in every province (holidays
 * are national), with a timeline event and an audit entry per dossier; this entry sums it up.
 *
 * It takes the transaction of the holiday change, so the re-timing commits or rolls back
 * with it. Its entries precede the change's own entry in the chain, because `audited()`
 * appends that one last; all carry the same request id.
 */
export async function onHolidaysChanged(deps: { db: Db }, meta: AuditMeta, change: HolidayChange): Promise<{ retimed: number }> {
  const entry = change.after ?? change.before;
  if (!entry) throw new Error('a holiday change has a before or an after');
  const reason = { action: change.action, date: entry.date, kind: entry.kind, nameVi: entry.nameVi };
  const outcome = await retimeOpenDossiers(deps, meta, { before: change.before, after: change.after }, reason);
  const dates = changedDates(change);
  await appendAudit(
    deps.db,
    auditEntry(meta, 'calendar.retime', 'calendar', null, {
      after: { dates, dossiersRetimed: outcome.retimed, provinces: outcome.provinces, reason },
    }),
  );
  return { retimed: outcome.retimed };
}
