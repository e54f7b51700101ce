import { domainToday } from '../../platform/time/format.ts';

/**
 * Dossier codes in the shape of Circular 01/2018/TT-VPCP Art. 19 (domain.md §6.5):
 * AGENCY-YYMMDD-NNNN by default, with the format a versioned rule (`dossier.codeFormat`).
 * Pure: the sequence comes from the counter the repository bumps in the intake transaction.
 */

/** The reception day in Vietnam as 'YYMMDD', whatever the server's time zone (one shared formatter). */
export function receptionDay(at: Date): string {
  const [y = '', m = '', d = ''] = domainToday(at).split('-');
  return `${y.slice(2)}${m}${d}`;
}

/** The agency identifier of a unit: a configured one (Circular 10/2016 code) or the unit's own code. */
export function agencyCodeOf(unitCode: string, overrides: Readonly<Record<string, string>>): string {
  return overrides[unitCode] ?? unitCode;
}

/**
 * Fills the format's placeholders. A sequence above 9999 keeps all its digits rather than
 * wrapping, so a code never repeats even on a day beyond the circular's four digits.
 */
export function formatDossierCode(format: string, v: { agency: string; day: string; seq: number }): string {
  if (!Number.isInteger(v.seq) || v.seq < 1) throw new Error(`dossier sequence must be a positive integer, got ${v.seq}`);
  return format.replaceAll('{agency}', v.agency).replaceAll('{yymmdd}', v.day).replaceAll('{seq4}', String(v.seq).padStart(4, '0'));
}
