import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { translator } from '../../../../platform/i18n/index.ts';
import type { Clock } from '../../../../platform/time/clock.ts';
import { formatTimeLimit } from '../../../procedures/procedures.labels.ts';
import { getProcedure } from '../../../procedures/use-cases/get-procedure.ts';
import { channelLabel } from '../../dossiers.labels.ts';
import { getDossier } from '../../use-cases/read-dossiers.ts';
import { findApologySlip } from '../documents.repository.ts';
import { apologySlipPdf, receiptSlipPdf } from '../slips.ts';

/** Slips are official Circular 01/2018 forms: printed in Vietnamese whatever the UI language. */
const vi = translator('vi');

export type SlipDeps = { db: Db; clock: Clock };

/** The public tracking page a slip's QR code opens. */
export function trackingUrl(origin: string, code: string): string {
  return `${origin}/track?code=${encodeURIComponent(code)}`;
}

/**
 * Form 01 for a received dossier: the procedure's required documents as the documents
 * received, and the officer who received (or accepted, for online submissions) it.
 */
export async function receiptSlip(deps: SlipDeps, actor: Actor, dossierId: number, origin: string): Promise<{ code: string; pdf: Buffer }> {
  const d = await getDossier(deps, actor, dossierId);
  if (!d.receivedAt) throw new AppError('RECEIPT_NOT_AVAILABLE');
  const procedure = await getProcedure(deps, actor, d.procedure.id);
  const reception = d.events.filter((e) => e.kind === 'RECEIVED' || e.kind === 'ACCEPTED').at(-1);
  const pdf = await receiptSlipPdf(
    {
      code: d.code,
      receivingUnit: d.receivingUnit.name,
      competentUnit: d.competentUnit.name,
      applicant: { name: d.applicant.name, address: d.applicant.address, phone: d.applicant.phone, email: d.applicant.email },
      procedure: procedure.nameVi,
      documents: procedure.requiredDocuments.map((doc) => ({ name: doc.nameVi, original: doc.originalRequired, copies: doc.copies })),
      timeLimit: formatTimeLimit(vi, 'vi', procedure.timeLimitAmount, procedure.timeLimitUnit),
      receivedAt: d.receivedAt,
      dueAt: d.dueAt,
      channel: channelLabel(vi, d.channel),
      officer: reception?.actorName ?? '',
      trackingUrl: trackingUrl(origin, d.code),
    },
    vi,
  );
  return { code: d.code, pdf };
}

/** Form 04 from a slip the processing use cases recorded. */
export async function apologySlip(deps: SlipDeps, actor: Actor, dossierId: number, slipId: number): Promise<{ code: string; pdf: Buffer }> {
  const d = await getDossier(deps, actor, dossierId);
  const slip = await findApologySlip(deps.db, dossierId, slipId);
  if (!slip) throw new AppError('APOLOGY_SLIP_NOT_FOUND');
  const pdf = await apologySlipPdf(
    {
      code: d.code,
      receivingUnit: d.receivingUnit.name,
      applicantName: d.applicant.name,
      procedure: d.procedure.nameVi,
      receivedAt: d.receivedAt,
      previousDueAt: slip.previousDueAt,
      newDueAt: slip.newDueAt,
      reason: slip.reason,
      issuedAt: slip.issuedAt,
      issuedBy: slip.issuedByName,
    },
    vi,
  );
  return { code: d.code, pdf };
}
