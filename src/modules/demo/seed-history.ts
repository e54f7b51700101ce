import type { Db } from '../../platform/db/database.ts';
import { getRules } from '../../platform/rules/rules.ts';
import { domainToday } from '../../platform/time/format.ts';
import { addDays } from '../calendar/zoned-time.ts';
import type { Progress } from './demo.repository.ts';
import { insertDemoDossiers, listDemoProcedures } from './demo-dossiers.repository.ts';
import type { DemoUnit } from './generate-dossiers.ts';
import { type HistoryOptions, historyMonths, MAX_HISTORY_MONTHS, planHistoryMonth } from './generate-history.ts';

export type HistorySeed = {
  seed: number;
  provinceCode: string;
  provinceUnitCode: string;
  units: readonly DemoUnit[];
  /** Whole months of history before the regular window (0 = none). */
  months: number;
  /** Days of the regular window ending on `until`'s local day (the history ends the day before it starts). */
  regularDays: number;
  until: Date;
  /** Dossiers per unit and month at the end level; the regular generator's by default. */
  perUnitMonth?: number;
};

/**
 * Writes the opt-in dossier history (generate-history.ts) month by month, so a long history
 * never sits in memory at once. Returns the number of dossiers written.
 */
export async function seedHistory(
  trx: Db,
  h: HistorySeed,
  unitId: (code: string) => number,
  progress: Progress,
  willWrite: (rows: number) => void = () => {},
): Promise<number> {
  if (!Number.isInteger(h.months) || h.months < 0 || h.months > MAX_HISTORY_MONTHS)
    throw new Error(`historyMonths must be a whole number from 0 to ${MAX_HISTORY_MONTHS}`);
  if (h.months === 0) return 0;
  const today = domainToday(h.until);
  // The regular window is its last `regularDays` local days, today included; with none, history ends yesterday.
  const until = addDays(today, 1 - Math.max(1, h.regularDays));
  const [procedures, rules] = await Promise.all([
    listDemoProcedures(trx, h.provinceCode),
    getRules(trx, ['dossier.codeFormat', 'dossier.agencyCodes'], h.provinceCode, today),
  ]);
  const options: HistoryOptions = {
    seed: h.seed,
    units: h.units,
    provinceUnitCode: h.provinceUnitCode,
    procedures,
    until,
    months: h.months,
    codeFormat: rules['dossier.codeFormat'].value,
    agencyCodes: rules['dossier.agencyCodes'].value,
    ...(h.perUnitMonth !== undefined ? { perUnitMonth: h.perUnitMonth } : {}),
  };
  let count = 0;
  for (const month of historyMonths(until, h.months)) {
    const plan = planHistoryMonth(options, month);
    willWrite(plan.dossiers.length + plan.counters.length);
    await insertDemoDossiers(trx, h.provinceCode, plan, unitId, progress);
    count += plan.dossiers.length;
  }
  return count;
}
