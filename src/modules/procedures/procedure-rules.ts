import { isRole, STAFF_ROLES } from '../../platform/auth/roles.ts';
import type { FieldProblem } from '../../platform/errors/app-error.ts';
import type { MessageKey, Translate } from '../../platform/i18n/index.ts';
import { formatDate } from '../../platform/time/format.ts';

/** What the rules read of a version: the API input, a stored row or a seed row alike. */
export type RulesSubject = {
  timeLimitAmount: number;
  timeLimitUnit: string;
  fee: number;
  onlineLevel: string;
  essentialService: boolean;
  requiredDocuments: readonly { copies: number }[];
  workflow: readonly { code: string; roles: readonly string[]; workingDays?: number | undefined }[];
};

/** A broken rule, still untranslated: `path` follows the API body (workflow.1.roles). */
export type RuleProblem = { path: string; key: MessageKey; params?: Record<string, string | number> };

/**
 * Working-day equivalent of a time limit, to check the steps' planned days against it.
 * Hours count as 8 per working day (the convention one-stop systems use, domain.md §6.2);
 * a limit in calendar days contains at most as many working days.
 */
export function limitInWorkingDays(amount: number, unit: string): number {
  if (unit === 'IMMEDIATE') return 0;
  if (unit === 'WORKING_HOURS') return amount / 8;
  return amount;
}

/** Letters, digits and dots, starting and ending with a letter or digit: 1.001193, 2.000635.000.00.00.H56, DEMO.LAND.01. */
const NATIONAL_CODE = /^[0-9A-Z]+(\.[0-9A-Z]+)+$/;

export function checkNationalCode(code: string): RuleProblem[] {
  return NATIONAL_CODE.test(code) ? [] : [{ path: 'nationalCode', key: 'procedures.rule.nationalCode' }];
}

function checkTimeLimit(p: RulesSubject): RuleProblem[] {
  if (p.timeLimitUnit === 'IMMEDIATE') {
    return p.timeLimitAmount === 0 ? [] : [{ path: 'timeLimitAmount', key: 'procedures.rule.immediateAmount' }];
  }
  return p.timeLimitAmount > 0 ? [] : [{ path: 'timeLimitAmount', key: 'procedures.rule.timeLimitPositive' }];
}

function checkDocuments(p: RulesSubject): RuleProblem[] {
  return p.requiredDocuments.flatMap((d, i) =>
    d.copies >= 1 && d.copies <= 20 ? [] : [{ path: `requiredDocuments.${i}.copies`, key: 'procedures.rule.copies', params: { n: i + 1 } }],
  );
}

function checkSteps(p: RulesSubject, isLimitValid: boolean): RuleProblem[] {
  const steps = p.workflow;
  const problems: RuleProblem[] = [];
  if (steps.length < 2) return [{ path: 'workflow', key: 'procedures.rule.workflowTooShort' }];
  if (steps[0]?.code !== 'RECEIVE') problems.push({ path: 'workflow.0.code', key: 'procedures.rule.workflowFirst' });
  const last = steps.length - 1;
  if (steps[last]?.code !== 'RETURN') problems.push({ path: `workflow.${last}.code`, key: 'procedures.rule.workflowLast' });
  steps.forEach((s, i) => {
    const n = i + 1;
    if (i > 0 && i < last && (s.code === 'RECEIVE' || s.code === 'RETURN')) {
      problems.push({ path: `workflow.${i}.code`, key: 'procedures.rule.workflowMiddle', params: { n } });
    }
    if (s.roles.length === 0) problems.push({ path: `workflow.${i}.roles`, key: 'procedures.rule.stepNoRole', params: { n } });
    for (const role of s.roles) {
      // Citizens file dossiers but never act on a processing step.
      if (!isRole(role) || !STAFF_ROLES.includes(role)) {
        problems.push({ path: `workflow.${i}.roles`, key: 'procedures.rule.stepUnknownRole', params: { n, role } });
      }
    }
    if (s.workingDays !== undefined && s.workingDays < 0) {
      problems.push({ path: `workflow.${i}.workingDays`, key: 'procedures.rule.stepDaysNegative', params: { n } });
    }
  });
  // Against an invalid time limit the sum says nothing new; that problem is already reported.
  if (!isLimitValid) return problems;
  const planned = steps.reduce((sum, s) => sum + Math.max(0, s.workingDays ?? 0), 0);
  const limit = limitInWorkingDays(p.timeLimitAmount, p.timeLimitUnit);
  // A small tolerance: 0.1 + 0.2 must not fail a plan that adds up exactly.
  if (planned > limit + 1e-9) {
    problems.push({
      path: 'workflow',
      key: 'procedures.rule.stepDaysOverLimit',
      params: { total: round2(planned), limit: round2(limit) },
    });
  }
  return problems;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The business rules of one version of a procedure, beyond what the schema's types say.
 * Returns every problem at once, so a form can show them all.
 */
export function checkProcedureRules(p: RulesSubject): RuleProblem[] {
  const limitProblems = checkTimeLimit(p);
  const problems = [...limitProblems];
  if (p.fee < 0) problems.push({ path: 'fee', key: 'procedures.rule.feeNegative' });
  // Directive 24/CT-TTg: no paper dossier is accepted for an essential service, so it must be fully online.
  if (p.essentialService && p.onlineLevel !== 'FULL') {
    problems.push({ path: 'onlineLevel', key: 'procedures.rule.essentialNeedsFullOnline' });
  }
  return [...problems, ...checkDocuments(p), ...checkSteps(p, limitProblems.length === 0)];
}

export function translateProblems(problems: readonly RuleProblem[], t: Translate): FieldProblem[] {
  return problems.map((p) => ({ path: p.path, message: t(p.key, p.params) }));
}

// ---- Versioning by effective date -------------------------------------------------

/** 'YYYY-MM-DD' minus one calendar day, without passing through any time zone. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export type VersionSpan = { effectiveFrom: string; effectiveTo: string | null };

/** A version is in force from its first day to its last day, both included. */
export function isInForce(v: VersionSpan, onDate: string): boolean {
  return v.effectiveFrom <= onDate && (v.effectiveTo === null || v.effectiveTo >= onDate);
}

export function versionInForce<T extends VersionSpan>(versions: readonly T[], onDate: string): T | undefined {
  return versions.find((v) => isInForce(v, onDate));
}

/**
 * A new version must start after the latest one did: the latest then ends the day before,
 * and the chain stays without gaps or overlaps. Returns the closing date of the latest
 * version, or the problem with the requested date.
 */
export function planNewVersion(latest: VersionSpan, effectiveFrom: string): { closeLatestOn: string } | { problem: RuleProblem } {
  if (effectiveFrom <= latest.effectiveFrom) {
    return {
      problem: { path: 'effectiveFrom', key: 'procedures.rule.effectiveFromAfter', params: { date: formatDate(latest.effectiveFrom) } },
    };
  }
  return { closeLatestOn: dayBefore(effectiveFrom) };
}
