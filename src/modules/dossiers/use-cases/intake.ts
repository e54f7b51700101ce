import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { getRules } from '../../../platform/rules/rules.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { computeDueDate } from '../../calendar/use-cases/compute-due-date.ts';
import type { DeadlineUnit } from '../../calendar/working-days.ts';
import { getProcedureInForce, type ProcedureRules } from '../../procedures/use-cases/procedure-in-force.ts';
import { agencyCodeOf, formatDossierCode, receptionDay } from '../dossier-code.ts';
import { findUnitRef, listCurrentUnits, nextCodeSequence, type UnitRef } from '../dossiers.repository.ts';
import type { DossiersDeps } from './deps.ts';

/** Kinds of current units a commune-level procedure can be decided by. */
export const COMMUNE_KINDS = ['COMMUNE', 'WARD', 'SPECIAL_ZONE'] as const;

/** The version of the procedure in force today, or a field error on the code. */
export async function procedureForIntake(deps: DossiersDeps, provinceCode: string, code: string, now: Date): Promise<ProcedureRules> {
  const p = await getProcedureInForce(deps, provinceCode, code, domainToday(now));
  if (!p) throw new AppError('DOSSIER_PROCEDURE_NOT_IN_FORCE', { code });
  return p;
}

/**
 * The body competent for the dossier: the commune or ward chosen on the form for a
 * commune-level procedure, the province itself otherwise (vertical-sector agencies are
 * not modelled as units yet, so their dossiers go to the province's one-stop centre).
 */
export async function competentUnitFor(
  db: Db,
  provinceCode: string,
  procedure: ProcedureRules,
  chosen: number | undefined,
): Promise<UnitRef> {
  if (procedure.competentLevel !== 'COMMUNE') {
    const [province] = await listCurrentUnits(db, provinceCode, ['PROVINCE']);
    if (!province) throw new AppError('DOSSIER_COMPETENT_UNIT_INVALID', {});
    return province;
  }
  const unit = chosen === undefined ? undefined : await findUnitRef(db, chosen);
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

/** The appointment: receipt plus the procedure's time limit, through the calendar's own rules. */
export async function dueDateFor(deps: DossiersDeps, provinceCode: string, procedure: ProcedureRules, receivedAt: Date): Promise<string> {
  const unit = DEADLINE_UNIT[procedure.timeLimitUnit];
  if (!unit) throw new Error(`procedure ${procedure.id} has an unknown time-limit unit ${procedure.timeLimitUnit}`);
  const amount = procedure.timeLimitUnit === 'IMMEDIATE' ? 0 : procedure.timeLimitAmount;
  const result = await computeDueDate(deps, provinceCode, { from: receivedAt, amount, unit }, 'vi');
  return result.due;
}

/** The next gap-free code of the receiving agency for the reception day; call inside the intake transaction. */
export async function allocateDossierCode(trx: Db, provinceCode: string, receivingUnit: UnitRef, now: Date): Promise<string> {
  const today = domainToday(now);
  const rules = await getRules(trx, ['dossier.codeFormat', 'dossier.agencyCodes'], provinceCode, today);
  const agency = agencyCodeOf(receivingUnit.code, rules['dossier.agencyCodes'].value);
  const day = receptionDay(now);
  const seq = await nextCodeSequence(trx, provinceCode, agency, day);
  return formatDossierCode(rules['dossier.codeFormat'].value, { agency, day, seq });
}
