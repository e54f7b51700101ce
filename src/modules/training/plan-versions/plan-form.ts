import { FUNDING_SOURCES } from '../courses.ts';
import { PLAN_YEARS } from '../plan/plan-model.ts';

/**
 * The generate form (/training/plans) as flat text fields, and its mapping to the API body.
 * Budgets are one field per year × funding source (`budget_2026_STATE_BUDGET`); an empty field
 * is no budget line. The unit share is entered in percent.
 */
export type PlanFormValues = Record<string, string>;

export const budgetField = (year: number, source: string) => `budget_${year}_${source}`;

export function blankPlanForm(): PlanFormValues {
  return { name: '', maxDaysPerPersonYear: '', maxUnitSharePercent: '', timeLimitSeconds: '60', method: 'MIP' };
}

const numberOrText = (v: string | undefined): number | string | undefined => {
  const s = (v ?? '').trim().replace(/[\s.]/g, '');
  if (s === '') return undefined;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : s;
};

/** The API body the form stands for; the API schema then validates it (with translated messages). */
export function formToPlanBody(f: PlanFormValues): Record<string, unknown> {
  const budgets: { year: number; fundingSource: string; amount: unknown }[] = [];
  for (const year of PLAN_YEARS)
    for (const source of FUNDING_SOURCES) {
      const amount = numberOrText(f[budgetField(year, source)]);
      if (amount !== undefined) budgets.push({ year, fundingSource: source, amount });
    }
  const share = numberOrText(f.maxUnitSharePercent);
  return {
    name: f.name ?? '',
    years: [...PLAN_YEARS],
    budgets,
    maxDaysPerPersonYear: numberOrText(f.maxDaysPerPersonYear),
    maxUnitShareAway: typeof share === 'number' ? share / 100 : share,
    timeLimitSeconds: numberOrText(f.timeLimitSeconds),
    method: f.method || 'MIP',
  };
}
