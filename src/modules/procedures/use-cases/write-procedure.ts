import { AppError } from '../../../platform/errors/app-error.ts';
import { type Locale, translator } from '../../../platform/i18n/index.ts';
import { type RuleProblem, translateProblems } from '../procedure-rules.ts';
import type { NewProcedureVersion, ProcedureRecord } from '../procedures.repository.ts';
import type { ProcedureRulesInput } from '../procedures.schemas.ts';

/** The refusal of a write with every broken rule, translated for the caller. */
export function rulesError(problems: readonly RuleProblem[], locale: Locale): AppError {
  return new AppError('VALIDATION_FAILED', {}, translateProblems(problems, translator(locale)));
}

export function throwIfProblems(problems: readonly RuleProblem[], locale: Locale): void {
  if (problems.length > 0) throw rulesError(problems, locale);
}

export function toNewVersion(
  provinceCode: string,
  nationalCode: string,
  input: ProcedureRulesInput,
  effectiveFrom: string,
): NewProcedureVersion {
  return {
    provinceCode,
    nationalCode,
    nameVi: input.nameVi,
    nameEn: input.nameEn,
    field: input.field,
    competentLevel: input.competentLevel,
    timeLimitAmount: input.timeLimitAmount,
    timeLimitUnit: input.timeLimitUnit,
    timeLimitNote: input.timeLimitNote ?? null,
    fee: input.fee,
    feeNote: input.feeNote ?? null,
    onlineLevel: input.onlineLevel,
    paperResult: input.paperResult,
    essentialService: input.essentialService,
    requiredDocuments: input.requiredDocuments,
    workflow: input.workflow,
    sourceTag: input.sourceTag ?? null,
    sourceNote: input.sourceNote ?? null,
    effectiveFrom,
  };
}

/** What the audit log keeps of a version: its rules and dates, not the search column or timestamps. */
export function auditImage(p: NewProcedureVersion | ProcedureRecord) {
  const { provinceCode: _provinceCode, ...rules } = p;
  if ('createdAt' in rules) {
    const { createdAt: _c, updatedAt: _u, ...rest } = rules;
    return rest;
  }
  return rules;
}
