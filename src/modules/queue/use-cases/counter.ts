import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { domainToday } from '../../../platform/time/format.ts';
import {
  findDossierByCode,
  findOldestWaiting,
  findTicket,
  isDossierLinked,
  setTicketDossier,
  type TicketChanges,
  type TicketRecord,
  updateTicketFrom,
} from '../queue.repository.ts';
import type { CallNextBody, LinkDossierBody, Ticket, TicketActionBody } from '../queue.schemas.ts';
import { nextStatus, refusalOf } from '../queue-ticket.ts';
import type { QueueDeps } from './deps.ts';
import { toTicket } from './present.ts';

/** Queue work belongs to a commune's counter: an account without a unit has no queue. */
export function counterUnitOf(actor: Actor): number {
  if (actor.unitId === null) throw new AppError('FORBIDDEN');
  return actor.unitId;
}

/** Another commune's or province's ticket answers like a missing one, and the refusal is audited. */
async function loadUnitTicket(db: Db, actor: Actor, id: number): Promise<TicketRecord> {
  const t = await findTicket(db, id);
  if (!t) throw new AppError('QUEUE_TICKET_NOT_FOUND');
  if (t.provinceCode !== actor.provinceCode || t.unitId !== actor.unitId) throw AppError.denied('QUEUE_TICKET_NOT_FOUND');
  return t;
}

async function reload(db: Db, id: number): Promise<Ticket> {
  const t = await findTicket(db, id);
  if (!t) throw new Error(`queue ticket ${id} vanished inside its own transaction`);
  return toTicket(t);
}

// A few tries are plenty: each lost race means another counter took a ticket, so the line moved.
const CALL_ATTEMPTS = 5;

/**
 * Calls the day's longest-waiting ticket among the counter's fields. Two counters pressing at
 * once never get the same ticket: the claim only succeeds while the ticket is still WAITING,
 * and the loser tries the next one.
 */
export async function callNext(deps: QueueDeps, actor: Actor, body: CallNextBody, meta: AuditMeta): Promise<Ticket> {
  const unitId = counterUnitOf(actor);
  const day = domainToday(new Date(meta.at));
  return audited(deps.db, meta, 'queue.call', 'queue_ticket', async (trx) => {
    for (let i = 0; i < CALL_ATTEMPTS; i++) {
      const id = await findOldestWaiting(trx, unitId, day, body.fields);
      if (id === undefined) break;
      const changes: TicketChanges = {
        status: 'CALLED',
        calledAt: meta.at,
        lastCalledAt: meta.at,
        calledBy: actor.userId,
        counterLabel: body.counter,
        addCall: true,
      };
      if (await updateTicketFrom(trx, id, 'WAITING', changes)) {
        const ticket = await reload(trx, id);
        return { result: ticket, entityId: id, after: { status: 'CALLED', counter: body.counter, label: ticket.label } };
      }
    }
    throw new AppError('QUEUE_NOTHING_WAITING');
  });
}

function changesFor(body: TicketActionBody, actor: Actor, at: string): TicketChanges {
  switch (body.action) {
    case 'recall':
      return { lastCalledAt: at, calledBy: actor.userId, addCall: true, ...(body.counter ? { counterLabel: body.counter } : {}) };
    case 'start':
      return { servedAt: at };
    case 'finish':
    case 'no_show':
      return { finishedAt: at };
  }
}

/** Recall, start or finish service, or mark a no-show; an action the ticket's status does not allow answers 409 with why. */
export async function actOnTicket(deps: QueueDeps, actor: Actor, id: number, body: TicketActionBody, meta: AuditMeta): Promise<Ticket> {
  counterUnitOf(actor);
  return audited(deps.db, meta, `queue.${body.action}`, 'queue_ticket', async (trx) => {
    const t = await loadUnitTicket(trx, actor, id);
    const to = nextStatus(t.status, body.action);
    const refusal = refusalOf(t.status, body.action);
    if (to === null || refusal !== null) throw new AppError(refusal ?? 'VERSION_CONFLICT', { label: toTicket(t).label });
    // Guarded by the status read above: a concurrent action on the same ticket makes this one a conflict.
    if (!(await updateTicketFrom(trx, id, t.status, { status: to, ...changesFor(body, actor, meta.at) }))) {
      throw new AppError('VERSION_CONFLICT');
    }
    return { result: await reload(trx, id), entityId: id, before: { status: t.status }, after: { status: to, counter: body.counter } };
  });
}

/**
 * Records the dossier a ticket became. The dossier must have been received by the ticket's
 * own unit (at its counter); each ticket links one dossier and each dossier one ticket.
 */
export async function linkDossier(deps: QueueDeps, actor: Actor, id: number, body: LinkDossierBody, meta: AuditMeta): Promise<Ticket> {
  counterUnitOf(actor);
  return audited(deps.db, meta, 'queue.link', 'queue_ticket', async (trx) => {
    const t = await loadUnitTicket(trx, actor, id);
    const label = toTicket(t).label;
    const refusal = refusalOf(t.status, 'link');
    if (refusal) throw new AppError(refusal, { label });
    if (t.dossierId !== null) throw new AppError('QUEUE_ALREADY_LINKED', { label });
    const d = await findDossierByCode(trx, body.dossierCode);
    // Another unit's or province's dossier reads as unknown: the code's existence does not leak.
    if (!d || d.provinceCode !== t.provinceCode || d.receivingUnitId !== t.unitId) {
      throw new AppError('QUEUE_DOSSIER_INVALID', { code: body.dossierCode });
    }
    if ((await isDossierLinked(trx, d.id)) || !(await setTicketDossier(trx, id, d.id))) {
      throw new AppError('QUEUE_ALREADY_LINKED', { label });
    }
    return { result: await reload(trx, id), entityId: id, after: { dossierId: d.id, dossierCode: body.dossierCode } };
  });
}
