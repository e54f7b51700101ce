import type { ErrorCode } from '../../../platform/errors/app-error.ts';

/**
 * The rule of a discipline change, pure: a date must be today or later (a past date records
 * nothing pending; lifting is a blank date) and needs the document it comes from; a reason is
 * always required (the schema checks it). Returns the refusal's error code, or null.
 */
export function disciplineRefusal(
  change: { pendingUntil: string | null; documentRef?: string | null | undefined },
  today: string,
): ErrorCode | null {
  if (change.pendingUntil === null) return null;
  if (change.pendingUntil < today) return 'STAFF_DISCIPLINE_DATE_PAST';
  if (!change.documentRef || change.documentRef.trim() === '') return 'STAFF_DISCIPLINE_DOCUMENT_REQUIRED';
  return null;
}

/** Pending on `today` (the date is the LAST day, as placement eligibility reads it). */
export function isPending(pendingUntil: string | null, today: string): boolean {
  return pendingUntil !== null && pendingUntil >= today;
}
