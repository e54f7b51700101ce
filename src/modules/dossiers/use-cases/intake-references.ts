import { referenceSnapshot } from '../../../platform/cache/reference-cache.ts';
import type { Db } from '../../../platform/db/database.ts';
import { getRules, type RulesInForce } from '../../../platform/rules/rules.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { loadWorkingCalendar } from '../../calendar/use-cases/load-calendar.ts';
import { getProcedureInForce, type ProcedureRules } from '../../procedures/use-cases/procedure-in-force.ts';
import { findUnitRef, listCurrentUnits, type UnitRef } from '../dossiers.repository.ts';
import type { CalendarData } from '../lifecycle/due-state.ts';

const CODE_RULE_KEYS = ['dossier.codeFormat', 'dossier.agencyCodes'] as const;

/**
 * What an intake reads besides the dossier tables: units, the procedure in force, the
 * working calendar and the code rules. Read through the reference cache (ADR 0006): one
 * generation lookup per intake instead of six reads, the same answers as reading the tables.
 */
export type IntakeReferences = {
  unit(id: number): Promise<UnitRef | undefined>;
  currentUnits(provinceCode: string, kinds: readonly string[]): Promise<UnitRef[]>;
  procedureInForce(provinceCode: string, nationalCode: string, now: Date): Promise<ProcedureRules | undefined>;
  calendar(provinceCode: string, now: Date): Promise<CalendarData>;
  codeRules(provinceCode: string, now: Date): Promise<RulesInForce<(typeof CODE_RULE_KEYS)[number]>>;
};

export async function intakeReferences(db: Db): Promise<IntakeReferences> {
  const snap = await referenceSnapshot(db);
  return {
    unit: (id) => snap.memo(`unit:${id}`, () => findUnitRef(db, id)),
    currentUnits: (provinceCode, kinds) =>
      snap.memo(`units:${provinceCode}:${kinds.join(',')}`, () => listCurrentUnits(db, provinceCode, kinds)),
    procedureInForce: (provinceCode, nationalCode, now) => {
      const day = domainToday(now);
      return snap.memo(`procedure:${provinceCode}:${nationalCode}:${day}`, () =>
        getProcedureInForce({ db }, provinceCode, nationalCode, day),
      );
    },
    calendar: (provinceCode, now) =>
      snap.memo(`calendar:${provinceCode}:${domainToday(now)}`, () => loadWorkingCalendar({ db }, provinceCode, now)),
    codeRules: (provinceCode, now) => {
      const day = domainToday(now);
      return snap.memo(`code-rules:${provinceCode}:${day}`, () => getRules(db, CODE_RULE_KEYS, provinceCode, day));
    },
  };
}
