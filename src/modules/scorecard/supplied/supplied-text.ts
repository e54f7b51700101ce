import type { Translate } from '../../../platform/i18n/index.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import type { SuppliedEntryView } from './supplied.schemas.ts';
import { parsePeriodToken } from './supplied-counts.ts';

/** 'tháng 1/2026', 'quý 1/2026', 'năm 2026' from a stored period token. */
export function periodLabel(t: Translate, token: string): string {
  const p = parsePeriodToken(token);
  return p ? t(`scorecard.supplied.period.${p.kind}`, { number: p.number, year: p.year }) : token;
}

/** One entry as a line (page and XLSX): whose counts, which period, the counts, the source, who entered them and when. */
export function entryLine(t: Translate, e: SuppliedEntryView): string {
  return t('scorecard.supplied.entry', {
    unit: e.unit?.name ?? t('scorecard.supplied.province'),
    period: periodLabel(t, e.period),
    numerator: e.numerator,
    denominator: e.denominator,
    source: e.sourceNote,
    by: e.enteredBy.name ?? t('scorecard.supplied.unknownUser'),
    at: formatInstant(e.enteredAt),
  });
}
