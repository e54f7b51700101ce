import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { formatNumber } from '../../../platform/time/format.ts';
import { codeLabel } from '../../units/units.labels.ts';
import type { NeedClosed, PlanSolverSummary, StoredNeed } from './plan-document.ts';

/** Small text helpers shared by the workbook, the PDF and the comparison view. */

export const solverStatusLabel = (t: Translate, status: string) => codeLabel(t, 'planDoc.status', status);

/** A relative gap (0.0123) as "1,23 %"; a dash when unknown. */
export function gapText(gap: number | null, locale: Locale): string {
  return gap === null ? '–' : `${formatNumber(gap * 100, locale, 2)} %`;
}

export function objectiveText(v: number | null, locale: Locale): string {
  return v === null ? '–' : formatNumber(v, locale, 2);
}

/** "Năng lực Luật lên mức 3 (trọng số 2,5); …": the why of one attendance, in one cell. */
export function needsText(t: Translate, locale: Locale, needs: readonly NeedClosed[]): string {
  return needs.map((n) => t('planDoc.need', { label: n.label, weight: formatNumber(n.weight, locale, 2) })).join('; ');
}

export const needsWeight = (needs: readonly NeedClosed[]) => needs.reduce((s, n) => s + n.weight, 0);

/** The solver line printed under the plan (status, objective, gap). */
export function solverLine(t: Translate, locale: Locale, s: PlanSolverSummary): string {
  return t('planDoc.solverLine', {
    status: solverStatusLabel(t, s.status),
    objective: objectiveText(s.objective, locale),
    gap: gapText(s.gap, locale),
  });
}

/**
 * The label of a closed need for the documents: "Năng lực GEN.LAW (Pháp luật): mức 1 → 3" or
 * "Chương trình bắt buộc LAW.01". `competencyName` is the framework's name when the caller has it.
 */
export function closedNeedLabel(t: Translate, need: StoredNeed, competencyName?: string | null): string {
  if (need.kind === 'MANDATORY') return t('planDoc.needLabel.mandatory', { course: need.courseCode ?? '' });
  const code = need.competencyCode ?? '';
  return t('planDoc.needLabel.competency', {
    competency: competencyName ? `${code} (${competencyName})` : code,
    from: need.assessed === null ? '?' : need.assessed,
    to: need.required ?? '?',
  });
}
