import type { MessageKey } from '../../platform/i18n/index.ts';
import { DOMAIN_TIME_ZONE } from '../../platform/time/format.ts';
import { type CalculatorQuery, DEADLINE_UNITS, MAX_AMOUNT } from './calendar.schemas.ts';
import type { DeadlineUnit } from './working-days.ts';
import { isValidDate, timeOfDayMs, zonedInstant } from './zoned-time.ts';

export type CalculatorValues = { fromDate: string; fromTime: string; amount: string; unit: string };
export type CalculatorProblem = { field: keyof CalculatorValues; key: MessageKey; params?: Record<string, string | number> };

export type CalculatorParse =
  | { kind: 'empty'; values: CalculatorValues }
  | { kind: 'invalid'; values: CalculatorValues; problems: CalculatorProblem[] }
  | { kind: 'ok'; values: CalculatorValues; input: { from: Date; amount: number; unit: DeadlineUnit } };

const isUnit = (v: string): v is DeadlineUnit => (DEADLINE_UNITS as readonly string[]).includes(v);

/**
 * Reads the calculator's GET form: a date and a time as seen on a clock in Vietnam, an
 * amount and a unit. Problems come back as message keys, shown next to the form.
 */
export function parseCalculator(q: CalculatorQuery, defaults: CalculatorValues): CalculatorParse {
  const given = [q.fromDate, q.fromTime, q.amount, q.unit].some((v) => v !== undefined);
  const values: CalculatorValues = {
    fromDate: (q.fromDate ?? defaults.fromDate).trim(),
    fromTime: (q.fromTime ?? defaults.fromTime).trim(),
    amount: (q.amount ?? defaults.amount).trim(),
    unit: (q.unit ?? defaults.unit).trim(),
  };
  if (!given) return { kind: 'empty', values };
  const problems: CalculatorProblem[] = [];
  const year = Number(values.fromDate.slice(0, 4));
  if (!isValidDate(values.fromDate) || year < 2000 || year > 2100) problems.push({ field: 'fromDate', key: 'calendar.calc.error.date' });
  if (!/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(values.fromTime)) problems.push({ field: 'fromTime', key: 'calendar.calc.error.time' });
  const unit = isUnit(values.unit) ? values.unit : undefined;
  if (!unit) problems.push({ field: 'unit', key: 'calendar.calc.error.unit' });
  const amount = /^\d{1,6}$/.test(values.amount) ? Number(values.amount) : Number.NaN;
  const max = MAX_AMOUNT[unit ?? 'working_days'];
  if (!Number.isInteger(amount) || amount > max) problems.push({ field: 'amount', key: 'calendar.calc.error.amount', params: { max } });
  if (problems.length > 0 || !unit) return { kind: 'invalid', values, problems };
  const from = zonedInstant(values.fromDate, timeOfDayMs(values.fromTime), DOMAIN_TIME_ZONE);
  return { kind: 'ok', values, input: { from, amount, unit } };
}
