import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { addPeriod, type DeadlineUnit } from '../../calendar/working-days.ts';
import type { ProcedureRules } from '../../procedures/use-cases/procedure-in-force.ts';
import { agencyCodeOf, formatDossierCode, receptionDay } from '../dossier-code.ts';
import { type NewDossier, nextCodeSequence, type UnitRef } from '../dossiers.repository.ts';
import type { IntakeReferences } from './intake-references.ts';

type ApplicantColumn = 'applicantName' | 'applicantIdNumber' | 'applicantPhone' | 'applicantEmail' | 'applicantAddress' | 'summary';

/** The applicant's fields and the summary as the intake form or the citizen gave them: the same columns for every channel. */
export function applicantColumns(input: Pick<NewDossier, ApplicantColumn>): Pick<NewDossier, ApplicantColumn> {
  return {
    applicantName: input.applicantName,
    applicantIdNumber: input.applicantIdNumber,
    applicantPhone: input.applicantPhone,
    applicantEmail: input.applicantEmail,
    applicantAddress: input.applicantAddress,
    summary: input.summary,
  };
}

/** Kinds of current units a commune-level procedure can be decided by. */
export const COMMUNE_KINDS = ['COMMUNE', 'WARD', 'SPECIAL_ZONE'] as const;

/** The version of the procedure in force today, or a field error on the code. */
export async function procedureForIntake(refs: IntakeReferences, provinceCode: string, code: string, now: Date): Promise<ProcedureRules> {
  const p = await refs.procedureInForce(provinceCode, code, now);
  if (!p) throw new AppError('DOSSIER_PROCEDURE_NOT_IN_FORCE', { code });
  return p;
}

/**
 * The body competent for the dossier: the commune or ward chosen on the form for a
 * commune-level procedure, the province itself otherwise (vertical-sector agencies are
 * not modelled as units yet, so their dossiers go to the province's one-stop centre).
 */
export async function competentUnitFor(
  refs: IntakeReferences,
  provinceCode: string,
  procedure: ProcedureRules,
  chosen: number | undefined,
): Promise<UnitRef> {
  if (procedure.competentLevel !== 'COMMUNE') {
    const [province] = await refs.currentUnits(provinceCode, ['PROVINCE']);
    if (!province) throw new AppError('DOSSIER_COMPETENT_UNIT_INVALID', {});
    return province;
  }
  const unit = chosen === undefined ? undefined : await refs.unit(chosen);
  if (!unit || unit.provinceCode !== provinceCode || !unit.isCurrent || !(COMMUNE_KINDS as readonly string[]).includes(unit.kind)) {
    throw new AppError('DOSSIER_COMPETENT_UNIT_INVALID', {});
  }
  return unit;
}

const DEADLINE_UNIT: Record<string, DeadlineUnit> = {
  WORKING_DAYS: 'working_days',
  WORKING_HOURS: 'hours',
  CALENDAR_DAYS: 'days',
  // "Within the day": zero working days, so the same working day's close (after the cut-off, the next one's).
  IMMEDIATE: 'working_days',
};

/** The procedure's time limit as the calendar counts it (intake and re-timing share it). */
export function deadlineOf(procedure: Pick<ProcedureRules, 'id' | 'timeLimitUnit' | 'timeLimitAmount'>): {
  amount: number;
  unit: DeadlineUnit;
} {
  const unit = DEADLINE_UNIT[procedure.timeLimitUnit];
  if (!unit) throw new Error(`procedure ${procedure.id} has an unknown time-limit unit ${procedure.timeLimitUnit}`);
  return { amount: procedure.timeLimitUnit === 'IMMEDIATE' ? 0 : procedure.timeLimitAmount, unit };
}

/**
 * The appointment: receipt plus the procedure's time limit, through the calendar's own
 * rules in force on the day of receipt (the same arithmetic as the due-date calculator).
 */
export async function dueDateFor(
  refs: IntakeReferences,
  provinceCode: string,
  procedure: ProcedureRules,
  receivedAt: Date,
): Promise<string> {
  const { calendar, rules } = await refs.calendar(provinceCode, receivedAt);
  const { amount, unit } = deadlineOf(procedure);
  return addPeriod(receivedAt, amount, unit, calendar, rules).due.toISOString();
}

/** The code rules an intake numbers with: read before its transaction (on SQLite a read through another handle inside it would wait for itself). */
export type CodeRules = Awaited<ReturnType<IntakeReferences['codeRules']>>;

/** The next gap-free code of the receiving agency for the reception day; call inside the intake transaction. */
export async function allocateDossierCode(
  trx: Db,
  rules: CodeRules,
  provinceCode: string,
  receivingUnit: UnitRef,
  now: Date,
): Promise<string> {
  const agency = agencyCodeOf(receivingUnit.code, rules['dossier.agencyCodes'].value);
  const day = receptionDay(now);
  const seq = await nextCodeSequence(trx, provinceCode, agency, day);
  return formatDossierCode(rules['dossier.codeFormat'].value, { agency, day, seq });
}
