import { describe, expect, it } from 'vitest';
import { PROCEDURE_FIELDS } from '../procedures/procedures.schemas.ts';
import {
  canLinkDossier,
  FIELD_LETTERS,
  minutesBetween,
  nextStatus,
  refusalOf,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  type TicketStatus,
  ticketLabel,
} from './queue-ticket.ts';

describe('queue ticket state machine', () => {
  it('allows exactly the drawn transitions', () => {
    const allowed: string[] = [];
    for (const s of TICKET_STATUSES) {
      for (const a of TICKET_ACTIONS) {
        const to = nextStatus(s, a);
        if (to) allowed.push(`${s} -${a}-> ${to}`);
      }
    }
    expect(allowed.sort()).toEqual(
      ['CALLED -recall-> CALLED', 'CALLED -start-> SERVING', 'CALLED -no_show-> NO_SHOW', 'SERVING -finish-> DONE'].sort(),
    );
  });

  it('never leaves a closed ticket', () => {
    for (const s of ['DONE', 'NO_SHOW'] as TicketStatus[]) {
      for (const a of TICKET_ACTIONS) expect(nextStatus(s, a)).toBeNull();
    }
  });

  it('says why a refused action is refused', () => {
    expect(refusalOf('WAITING', 'start')).toBe('QUEUE_TICKET_NOT_CALLED');
    expect(refusalOf('CALLED', 'finish')).toBe('QUEUE_TICKET_NOT_SERVING');
    expect(refusalOf('SERVING', 'recall')).toBe('QUEUE_TICKET_SERVING');
    expect(refusalOf('DONE', 'no_show')).toBe('QUEUE_TICKET_CLOSED');
    expect(refusalOf('CALLED', 'link')).toBe('QUEUE_TICKET_NOT_SERVING');
    expect(refusalOf('CALLED', 'start')).toBeNull();
    expect(refusalOf('DONE', 'link')).toBeNull();
  });

  it('links a dossier only once the citizen is at the counter', () => {
    expect(TICKET_STATUSES.filter(canLinkDossier)).toEqual(['SERVING', 'DONE']);
  });
});

describe('ticket labels', () => {
  it('gives every field its own letter', () => {
    const letters = PROCEDURE_FIELDS.map((f) => FIELD_LETTERS[f]);
    expect(new Set(letters).size).toBe(PROCEDURE_FIELDS.length);
    for (const l of letters) expect(l).toMatch(/^[A-Z]$/);
  });

  it('pads the number to three digits behind the field letter', () => {
    expect(ticketLabel('CIVIL_STATUS', 7)).toBe('A007');
    expect(ticketLabel('LAND', 123)).toBe('D123');
    expect(ticketLabel('UNKNOWN', 5)).toBe('?005');
  });

  it('counts whole minutes and never goes negative', () => {
    expect(minutesBetween('2026-03-02T01:00:00Z', '2026-03-02T01:14:59Z')).toBe(14);
    expect(minutesBetween('2026-03-02T01:00:00Z', '2026-03-02T00:59:00Z')).toBe(0);
  });
});
