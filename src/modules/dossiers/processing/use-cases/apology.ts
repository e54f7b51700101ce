import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { translate } from '../../../../platform/i18n/index.ts';
import { formatInstant } from '../../../../platform/time/format.ts';
import { zonedInstant } from '../../../calendar/zoned-time.ts';
import { findDossier, insertDossierEvent } from '../../dossiers.repository.ts';
import { currentAppointment } from '../../lifecycle/due-state.ts';
import { insertSlip, listSlips, recordSlipDelivery, setPromisedAt } from '../processing.repository.ts';
import type { ApologyInput, Slip } from '../processing.schemas.ts';
import { assertCanAct, loadDossierContext } from './context.ts';
import type { ProcessingDeps } from './deps.ts';
import { loadOverlay, toSlip } from './view.ts';

/** Only a dossier being handled (received or processing) can still be late; a paused clock cannot run out. */
const OPEN_FOR_APOLOGY: readonly number[] = [2, 4];

/** A bare date means the close of office that day, in Vietnam, like any appointment. */
function newDueInstant(value: string, closeMs: number, timeZone: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? zonedInstant(value, closeMs, timeZone) : new Date(value);
}

/** The furthest a new appointment may move the current one. */
const MAX_POSTPONEMENT_MS = 366 * 86_400_000;

type Notice = { to: string; subject: string; text: string };

/**
 * Issues an apology and new-appointment slip (Circular 01/2018 form 4; domain.md §6.3):
 * the slip, the citizen's new appointment, a timeline event and the audit entry commit
 * together; only then is the applicant emailed (when an address is known). The outcome of
 * the delivery is written on the slip, so a mail failure never loses the slip.
 */
export async function issueApology(deps: ProcessingDeps, actor: Actor, id: number, input: ApologyInput, meta: AuditMeta): Promise<Slip> {
  const now = new Date(meta.at);
  const overlay = await loadOverlay(deps.db, actor.provinceCode, now);
  const { cal } = overlay;
  const closeMs = cal.rules.officeHours.at(-1)?.endMs ?? 17 * 3_600_000;
  const issued = await audited(deps.db, meta, 'dossier.apology', 'dossier', async (trx) => {
    const { row, state } = await loadDossierContext(trx, actor, id);
    assertCanAct(actor, row);
    if (!OPEN_FOR_APOLOGY.includes(row.status)) throw new AppError('DOSSIER_APOLOGY_NOT_OPEN');
    const current = currentAppointment(state, now, cal);
    const newDue = newDueInstant(input.newDueAt, closeMs, cal.rules.timeZone);
    if (!current || newDue.getTime() <= current.getTime()) {
      throw new AppError('DOSSIER_APOLOGY_DATE_NOT_LATER', { current: current ? formatInstant(current.toISOString()) : '—' });
    }
    // Years away is a typing mistake, and every later view of the dossier walks the calendar day by day up to it
    // (a date in 2400 held each page for ~15 s and starved the server; found by test/fuzz).
    if (newDue.getTime() - current.getTime() > MAX_POSTPONEMENT_MS) {
      throw new AppError('VALIDATION_FAILED', {}, [{ path: 'newDueAt', message: 'more than a year after the current appointment' }]);
    }
    const dossier = await findDossier(trx, id);
    if (!dossier) throw new Error(`dossier ${id} vanished inside its own transaction`);
    const email = dossier.applicantEmail;
    const slipId = await insertSlip(trx, {
      provinceCode: row.provinceCode,
      dossierId: id,
      reason: input.reason,
      previousDueAt: current.toISOString(),
      newDueAt: newDue.toISOString(),
      issuedAt: meta.at,
      issuedBy: actor.userId,
      channel: email ? 'EMAIL' : 'COUNTER',
      recipient: email,
    });
    await setPromisedAt(trx, id, newDue.toISOString(), meta.at);
    await insertDossierEvent(trx, {
      provinceCode: row.provinceCode,
      dossierId: id,
      at: meta.at,
      actorUserId: actor.userId,
      kind: 'APOLOGY_ISSUED',
      fromStatus: null,
      toStatus: null,
      note: input.reason,
      data: { slipId, previousDueAt: current.toISOString(), newDueAt: newDue.toISOString() },
    });
    const params = {
      name: dossier.applicantName,
      code: dossier.code,
      procedure: dossier.procedureNameVi,
      unit: dossier.competentUnitName,
      previous: formatInstant(current.toISOString()),
      next: formatInstant(newDue.toISOString()),
      reason: input.reason,
    };
    // Citizens get Vietnamese: the applicant's language is not recorded.
    const notice: Notice | null = email
      ? { to: email, subject: translate('vi', 'processing.mail.subject', params), text: translate('vi', 'processing.mail.body', params) }
      : null;
    return {
      result: { slipId, notice },
      entityId: id,
      // The address is personal data: the audit keeps only whether one was used.
      after: { slipId, previousDueAt: current.toISOString(), newDueAt: newDue.toISOString(), reason: input.reason, emailed: !!email },
    };
  });
  if (issued.notice) {
    try {
      await deps.mailer.send(issued.notice);
      await recordSlipDelivery(deps.db, issued.slipId, { deliveredAt: deps.clock.now().toISOString() });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await recordSlipDelivery(deps.db, issued.slipId, { deliveryError: message.slice(0, 500) });
    }
  }
  const slip = (await listSlips(deps.db, [id])).find((s) => s.id === issued.slipId);
  if (!slip) throw new Error(`apology slip ${issued.slipId} vanished after commit`);
  return toSlip(slip);
}
