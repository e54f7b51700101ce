import { hasMessage, type Locale, type Translate } from '../../platform/i18n/index.ts';
import { formatNumber } from '../../platform/time/format.ts';

/**
 * Codes stored in the data are translated when a catalogue entry exists; an unknown code
 * (say, a field added by a later decree before the catalogue catches up) shows as itself.
 */
function codeLabel(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return hasMessage(key) ? t(key) : code;
}

export const fieldLabel = (t: Translate, code: string) => codeLabel(t, 'procedureField', code);
export const levelLabel = (t: Translate, code: string) => codeLabel(t, 'procedureLevel', code);
export const onlineLabel = (t: Translate, code: string) => codeLabel(t, 'procedureOnline', code);
export const stepLabel = (t: Translate, code: string) => codeLabel(t, 'procedureStep', code);
export const roleLabel = (t: Translate, role: string) => codeLabel(t, 'role', role);
export const unitLabel = (t: Translate, unit: string) => codeLabel(t, 'procedureUnit', unit);

/** "5 ngày làm việc", "8 giờ làm việc", "Trong ngày"; English says "1 working day" but "5 working days". */
export function formatTimeLimit(t: Translate, locale: Locale, amount: number, unit: string): string {
  if (unit === 'IMMEDIATE') return t('procedures.timeLimit.IMMEDIATE');
  const n = formatNumber(amount, locale, 1);
  const key = `procedures.timeLimit.${unit}${amount === 1 ? '.one' : ''}`;
  return hasMessage(key) ? t(key, { n }) : `${n} ${unit}`;
}

/** Fees in đồng, grouped the local way ("50.000 đ"); 0 reads "Không thu". */
export function formatFee(t: Translate, locale: Locale, fee: number): string {
  return fee === 0 ? t('procedures.fee.free') : t('procedures.fee.amount', { amount: formatNumber(fee, locale) });
}

export function formatDays(locale: Locale, days: number | undefined): string {
  return days === undefined ? '' : formatNumber(days, locale, 2);
}
