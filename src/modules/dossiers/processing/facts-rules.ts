import type { ErrorCode } from '../../../platform/errors/app-error.ts';
import type { FactsInput } from './facts.schemas.ts';

/** What deciding a fact needs of the dossier. */
export type FactsState = {
  status: number;
  feeBearing: boolean;
  electronicResultAt: string | null;
  paidOnlineAt: string | null;
  reusedData: boolean;
};

export type FactsChanges = { electronicResultAt?: string; paidOnlineAt?: string; reusedData?: boolean };

/** Processed (9) or returned (10): only then is there a result to issue electronically. */
const WITH_RESULT = [9, 10];
/** Awaiting reception, received, processing, supplement or payment requested: intake or processing. */
const OPEN = [1, 2, 4, 5, 6];
/** Refused at reception (3) or withdrawn (7): no payment to take any more. */
const NO_PAYMENT = [3, 7];

/** Which facts may be recorded at the dossier's status (domain.md §6.2 codes). */
export function allowedFacts(s: Pick<FactsState, 'status' | 'feeBearing'>) {
  return {
    electronicResult: WITH_RESULT.includes(s.status),
    paidOnline: s.feeBearing && !NO_PAYMENT.includes(s.status),
    reusedData: OPEN.includes(s.status),
  };
}

/**
 * The changes a request makes. A fact already recorded stays as it is (the first instant
 * holds): asking again changes nothing and is no error, so a retried request is harmless.
 * Only a change that would happen is checked against the status and the fee.
 */
export function decideFacts(
  s: FactsState,
  input: Omit<FactsInput, 'version'>,
  at: string,
): { ok: true; changes: FactsChanges } | { ok: false; code: ErrorCode } {
  const allowed = allowedFacts(s);
  const changes: FactsChanges = {};
  if (input.electronicResult && s.electronicResultAt === null) {
    if (!allowed.electronicResult) return { ok: false, code: 'DOSSIER_FACT_RESULT_NOT_ISSUED' };
    changes.electronicResultAt = at;
  }
  if (input.paidOnline && s.paidOnlineAt === null) {
    if (!s.feeBearing) return { ok: false, code: 'DOSSIER_FACT_NO_FEE' };
    if (!allowed.paidOnline) return { ok: false, code: 'DOSSIER_FACT_NOT_OPEN' };
    changes.paidOnlineAt = at;
  }
  if (input.reusedData !== undefined && input.reusedData !== s.reusedData) {
    if (!allowed.reusedData) return { ok: false, code: 'DOSSIER_FACT_NOT_OPEN' };
    changes.reusedData = input.reusedData;
  }
  return { ok: true, changes };
}
