import { hasMessage, type MessageKey, type Translate } from '../../../platform/i18n/index.ts';
import { formatDate, formatInstant, formatNumber } from '../../../platform/time/format.ts';
import { codeLabel, fieldLabel } from '../../units/units.labels.ts';
import type { RecommendationView } from './placement.schemas.ts';

/**
 * The words of a recommendation, shared by the batch page and its XLSX/PDF exports, so the
 * three always say the same thing: what the move fixes, what it costs, the facts checked.
 */

type Explanation = RecommendationView['explanation'];

export const kindLabel = (t: Translate, kind: string) => codeLabel(t, 'placement.kind', kind);
export const recStatusLabel = (t: Translate, status: string) => codeLabel(t, 'placement.status', status);
export const moveKindLabel = (t: Translate, kind: string) => codeLabel(t, 'placement.moveKind', kind);
export const batchStatusLabel = (t: Translate, status: string) => codeLabel(t, 'placement.batchStatus', status);
export const ineligibleLabel = (t: Translate, code: string) => codeLabel(t, 'placement.ineligible', code);
export const ratingLabel = (t: Translate, rating: string) => codeLabel(t, 'reviews.band', rating);

const num = (n: number | null, locale: string, digits = 2) => (n === null ? '–' : formatNumber(n, locale, digits));

/** "Phường B · Đất đai: 1 → 2 of 3 required (ratio 0.33 → 0.67)". */
export function fixesText(t: Translate, locale: string, e: Explanation): string {
  const f = e.fixes;
  const base = t('placement.text.fixes', {
    unit: f.unitName,
    field: fieldLabel(t, f.field),
    before: num(f.actualBefore, locale),
    after: num(f.actualAfter, locale),
    required: num(f.requiredStaff, locale),
    ratioBefore: num(f.ratioBefore, locale),
    ratioAfter: num(f.ratioAfter, locale),
  });
  const gaps = f.gapCompetenciesCovered.length
    ? ` ${t('placement.text.gapsCovered', { list: f.gapCompetenciesCovered.map((g) => `${g.code} ${g.name}`).join('; ') })}`
    : '';
  return `${base}${f.acute ? ` ${t('placement.text.acute')}` : ''}${gaps}`;
}

export function costsText(t: Translate, locale: string, e: Explanation): string {
  const c = e.costs;
  const base = t('placement.text.costs', {
    unit: c.unitName,
    field: fieldLabel(t, c.field),
    before: num(c.actualBefore, locale),
    after: num(c.actualAfter, locale),
    required: num(c.requiredStaff, locale),
    ratioAfter: num(c.ratioAfter, locale),
    move: moveKindLabel(t, c.moveKind),
  });
  return c.originLoss > 0 ? `${base} ${t('placement.text.originLoss')}` : base;
}

/** The facts checked: ratings in the window, discipline, fit to the target position. */
export function eligibilityText(t: Translate, e: Explanation): string {
  const g = e.eligibility;
  const ratings = g.ratings.length
    ? g.ratings.map((r) => `${r.year}: ${ratingLabel(t, r.rating)}`).join(', ')
    : t('placement.text.noRatings');
  const parts = [
    t('placement.text.ratings', { from: g.window.from, to: g.window.to, min: ratingLabel(t, g.minRating), list: ratings }),
    g.disciplinePendingUntil === null
      ? t('placement.text.noDiscipline')
      : t('placement.text.disciplineEnded', { date: formatDate(g.disciplinePendingUntil) }),
    g.fit.meetsPosition === true ? t('placement.text.fitMeets') : t('placement.text.fitUnknown'),
  ];
  for (const r of g.fit.reasons) {
    const key = `fit.reason.${r.code}`;
    if (hasMessage(key)) parts.push(t(key as MessageKey, { subject: r.subject ?? '', required: r.required ?? '', actual: r.actual ?? '' }));
  }
  return parts.join(' · ');
}

export function positionText(r: Pick<RecommendationView, 'toPositionCode' | 'toPositionName'>): string {
  return `${r.toPositionCode} – ${r.toPositionName}`;
}

export function decisionText(t: Translate, r: RecommendationView): string {
  if (r.status === 'PROPOSED') return recStatusLabel(t, r.status);
  const when = r.decidedAt ? formatInstant(r.decidedAt) : '';
  return [recStatusLabel(t, r.status), when, r.reason ?? ''].filter((x) => x !== '').join(' · ');
}
