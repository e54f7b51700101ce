import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { countWaitingBefore, findCurrentUnitByCode, insertTicket, nextTicketNumber, type QueueUnit } from '../queue.repository.ts';
import type { IssuedTicket, IssueTicketBody } from '../queue.schemas.ts';
import { MAX_TICKETS_PER_FIELD_DAY, ticketLabel } from '../queue-ticket.ts';
import type { QueueDeps } from './deps.ts';

/** The commune or ward a public queue page names by its code; an unknown code is a plain 404. */
export async function queueUnit(deps: QueueDeps, unitCode: string): Promise<QueueUnit> {
  const unit = await findCurrentUnitByCode(deps.db, unitCode);
  if (!unit) throw new AppError('QUEUE_UNIT_NOT_FOUND');
  return unit;
}

/**
 * A citizen takes a ticket at the kiosk: the next number of the day for the unit and field.
 * The number, the ticket and the audit entry commit together; a refused or failed issue
 * gives its number back, so the day's numbers stay gap-free.
 */
export async function issueTicket(deps: QueueDeps, unitCode: string, body: IssueTicketBody, requestId: string): Promise<IssuedTicket> {
  const unit = await queueUnit(deps, unitCode);
  const now = deps.clock.now();
  const at = now.toISOString();
  const day = domainToday(now);
  const meta: AuditMeta = { actor: null, requestId, at, provinceCode: unit.provinceCode };
  return audited(deps.db, meta, 'queue.issue', 'queue_ticket', async (trx) => {
    const number = await nextTicketNumber(trx, unit.provinceCode, unit.id, body.field, day);
    if (number > MAX_TICKETS_PER_FIELD_DAY) throw new AppError('QUEUE_DAY_FULL', { max: MAX_TICKETS_PER_FIELD_DAY });
    const ticket = { provinceCode: unit.provinceCode, unitId: unit.id, field: body.field, day, number, issuedAt: at };
    const id = await insertTicket(trx, ticket);
    const waitingAhead = await countWaitingBefore(trx, ticket);
    const issued: IssuedTicket = {
      id,
      label: ticketLabel(body.field, number),
      field: body.field,
      day,
      number,
      issuedAt: at,
      unitName: unit.name,
      waitingAhead,
    };
    return { result: issued, entityId: id, after: { unitId: unit.id, field: body.field, day, number } };
  });
}
