import type { Locale, Translate } from '../../platform/i18n/index.ts';
import { formatNumber } from '../../platform/time/format.ts';
import { codeLabel } from '../units/units.labels.ts';

export const contentTypeLabel = (t: Translate, code: string) => codeLabel(t, 'training.contentType', code);
export const modeLabel = (t: Translate, code: string) => codeLabel(t, 'training.mode', code);
export const fundingLabel = (t: Translate, code: string) => codeLabel(t, 'training.funding', code);
export const courseStatusLabel = (t: Translate, code: string) => codeLabel(t, 'training.status', code);
export const rankLabel = (t: Translate, code: string) => codeLabel(t, 'rank', code);
export const groupLabel = (t: Translate, code: string) => codeLabel(t, 'positions.group', code);
export const workFieldLabel = (t: Translate, code: string) => codeLabel(t, 'field', code);
export const ratingLabel = (t: Translate, code: string) => codeLabel(t, 'reviews.band', code);

/** Whole đồng, grouped the local way (60.000.000). */
export function formatVnd(locale: Locale, amount: number): string {
  return formatNumber(amount, locale);
}
