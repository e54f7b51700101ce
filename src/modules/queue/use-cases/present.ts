import type { TicketRecord } from '../queue.repository.ts';
import type { Ticket } from '../queue.schemas.ts';
import { ticketLabel } from '../queue-ticket.ts';

/** The API shape of a ticket: its label added, the unit and the calling officer's id left out. */
export function toTicket(t: TicketRecord): Ticket {
  return {
    id: t.id,
    label: ticketLabel(t.field, t.number),
    field: t.field,
    day: t.day,
    number: t.number,
    status: t.status,
    issuedAt: t.issuedAt,
    calledAt: t.calledAt,
    lastCalledAt: t.lastCalledAt,
    callCount: t.callCount,
    counterLabel: t.counterLabel,
    servedAt: t.servedAt,
    finishedAt: t.finishedAt,
    dossierId: t.dossierId,
    dossierCode: t.dossierCode,
  };
}
