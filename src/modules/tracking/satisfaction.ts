import type { FieldProblem } from '../../platform/errors/app-error.ts';
import type { RuleValue } from '../../platform/rules/rules.ts';

export type SatisfactionConfig = RuleValue<'satisfaction.criteria'>;

/** Dossier status 10: result returned (domain.md §6, the ten statuses). */
export const RETURNED_STATUS = 10;

/**
 * Checks a rating against the criteria in force: at least one answer, every criterion
 * configured, every level on the configured scale. Answers the problems, one per bad entry.
 */
export function ratingProblems(config: SatisfactionConfig, answers: Readonly<Record<string, string>>): FieldProblem[] {
  const criteria = new Set(config.criteria.map((c) => c.code));
  const levels = new Set(config.levels.map((l) => l.code));
  const entries = Object.entries(answers);
  if (entries.length === 0) return [{ path: 'answers', message: 'at least one criterion must be answered' }];
  const problems: FieldProblem[] = [];
  for (const [criterion, level] of entries) {
    if (!criteria.has(criterion)) problems.push({ path: `answers.${criterion}`, message: 'unknown criterion' });
    else if (!levels.has(level)) problems.push({ path: `answers.${criterion}`, message: 'unknown level' });
  }
  return problems;
}

/** A rating counts as unsatisfied (Decision 766 indicator 5.4) when any answer is on an "unsatisfied" level. */
export function isUnsatisfied(config: SatisfactionConfig, answers: Readonly<Record<string, string>>): boolean {
  const bad = new Set(config.levels.filter((l) => l.unsatisfied).map((l) => l.code));
  return Object.values(answers).some((l) => bad.has(l));
}

/** The phone's last four digits, compared on digits only so "0905 111 222" matches "1222". */
export function phoneMatches(phone: string | null, last4: string): boolean {
  if (phone === null) return false;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 && digits.slice(-4) === last4;
}
