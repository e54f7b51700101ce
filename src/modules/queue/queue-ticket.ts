import type { ProcedureField } from '../procedures/procedures.schemas.ts';

/**
 * The life of a queue ticket, as plain functions (no I/O), so the rules are tested alone.
 *
 *   WAITING ─call→ CALLED ─start→ SERVING ─finish→ DONE
 *                    │ └recall┘                 │
 *                    └─no_show→ NO_SHOW          └ link (also from DONE)
 */
export const TICKET_STATUSES = ['WAITING', 'CALLED', 'SERVING', 'DONE', 'NO_SHOW'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** What an officer does to a ticket already called; "call next" picks a WAITING ticket itself. */
export const TICKET_ACTIONS = ['recall', 'start', 'finish', 'no_show'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const NEXT: Record<TicketAction, Partial<Record<TicketStatus, TicketStatus>>> = {
  recall: { CALLED: 'CALLED' },
  start: { CALLED: 'SERVING' },
  finish: { SERVING: 'DONE' },
  no_show: { CALLED: 'NO_SHOW' },
};

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(status: TicketStatus, action: TicketAction): TicketStatus | null {
  return NEXT[action][status] ?? null;
}

/** A ticket becomes a dossier once the citizen is at the counter: while served, or afterwards. */
export function canLinkDossier(status: TicketStatus): boolean {
  return status === 'SERVING' || status === 'DONE';
}

export type TicketRefusal = 'QUEUE_TICKET_NOT_CALLED' | 'QUEUE_TICKET_NOT_SERVING' | 'QUEUE_TICKET_SERVING' | 'QUEUE_TICKET_CLOSED';

/** Why `action` (or linking a dossier) is refused from `status`, said so an officer can act on it; null when allowed. */
export function refusalOf(status: TicketStatus, action: TicketAction | 'link'): TicketRefusal | null {
  if (action === 'link' ? canLinkDossier(status) : nextStatus(status, action) !== null) return null;
  if (status === 'DONE' || status === 'NO_SHOW') return action === 'link' ? 'QUEUE_TICKET_NOT_SERVING' : 'QUEUE_TICKET_CLOSED';
  if (status === 'WAITING') return 'QUEUE_TICKET_NOT_CALLED';
  if (status === 'SERVING') return 'QUEUE_TICKET_SERVING';
  return 'QUEUE_TICKET_NOT_SERVING';
}

/**
 * Numbers run gap-free per unit, field AND day (not per unit and day): each field is its own
 * line, so a citizen's number says how many of their field were before them, and a counter
 * serving one field calls 1, 2, 3… without holes. Two fields share the same numbers, so the
 * shown label carries the field's letter ("B007"): the shared display stays unambiguous.
 * The map is exhaustive over the fields, so a new field without a letter fails to compile.
 */
export const FIELD_LETTERS: Record<ProcedureField, string> = {
  CIVIL_STATUS: 'A',
  CERTIFICATION: 'B',
  JUSTICE: 'C',
  LAND: 'D',
  CONSTRUCTION: 'E',
  HOUSEHOLD_BUSINESS: 'F',
  SOCIAL_PROTECTION: 'G',
  EDUCATION: 'H',
  CULTURE: 'K',
  HEALTH: 'L',
  LABOUR: 'M',
  ENVIRONMENT: 'N',
  AGRICULTURE: 'P',
  HOME_AFFAIRS: 'R',
  RESIDENCE: 'S',
};

/** The highest number of a field's day: the label keeps three digits. */
export const MAX_TICKETS_PER_FIELD_DAY = 999;

export function ticketLabel(field: string, number: number): string {
  const letter = (FIELD_LETTERS as Record<string, string>)[field] ?? '?';
  return `${letter}${String(number).padStart(3, '0')}`;
}

/** Whole minutes between two instants, never negative (a clock step back shows 0). */
export function minutesBetween(fromIso: string, toIso: string): number {
  return Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
}
