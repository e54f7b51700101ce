import type { Db } from '../../platform/db/database.ts';
import { domainToday } from '../../platform/time/format.ts';
import { insertEntry } from '../scorecard/supplied/supplied.repository.ts';
import type { PeriodRef, SuppliedIndicator } from '../scorecard/supplied/supplied-counts.ts';
import { createRng, deriveSeed } from './prng.ts';

/**
 * Hand-entered Decision 766 counts for the demo (indicators 1.1–1.3 by the province, 3.5 and
 * 5.2 by each named commune), for the last DEMO_SUPPLIED_MONTHS complete months, so a first
 * start shows complete cards and the "entered by hand" traces. Every row says it is
 * illustrative: a real province replaces them with its own reports.
 */
export const DEMO_SUPPLIED_MONTHS = 6;
export const DEMO_SUPPLIED_SOURCE = 'Số liệu minh họa của bản demo Cadre (không phải báo cáo thật)';

export type DemoSuppliedRow = {
  unitId: number | null;
  period: PeriodRef;
  indicator: SuppliedIndicator;
  numerator: number;
  denominator: number;
};

/** The complete months before `today` (local date), most recent last. */
export function completeMonthsBefore(today: string, count: number): PeriodRef[] {
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  const out: PeriodRef[] = [];
  for (let i = 0; i < count; i++) {
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
    out.unshift({ kind: 'MONTH', year, number: month });
  }
  return out;
}

/** Pure: the rows to store, deterministic for a seed. Shares are high but not perfect, as in published 766 reports. */
export function planDemoSupplied(seed: number, unitIds: readonly number[], today: string): DemoSuppliedRow[] {
  const rng = createRng(deriveSeed(seed, 'supplied-766'));
  const rows: DemoSuppliedRow[] = [];
  const share = (n: number, low: number) => Math.round(n * (low + rng.next() * (1 - low)));
  for (const period of completeMonthsBefore(today, DEMO_SUPPLIED_MONTHS)) {
    for (const indicator of ['1.1', '1.2', '1.3'] as const) {
      const denominator = rng.int(4, 14);
      rows.push({ unitId: null, period, indicator, numerator: share(denominator, 0.7), denominator });
    }
    for (const unitId of unitIds) {
      const fees = rng.int(5, 40);
      rows.push({ unitId, period, indicator: '3.5', numerator: share(fees, 0.2), denominator: fees });
      const pakn = rng.int(0, 6);
      rows.push({ unitId, period, indicator: '5.2', numerator: share(pakn, 0.6), denominator: pakn });
    }
  }
  return rows;
}

export async function seedDemoSupplied(
  trx: Db,
  provinceCode: string,
  unitIds: readonly number[],
  seed: number,
  now: string,
): Promise<number> {
  const rows = planDemoSupplied(seed, unitIds, domainToday(new Date(now)));
  for (const r of rows) {
    await insertEntry(
      trx,
      {
        provinceCode,
        unitId: r.unitId,
        period: r.period,
        indicator: r.indicator,
        numerator: r.numerator,
        denominator: r.denominator,
        sourceNote: DEMO_SUPPLIED_SOURCE,
      },
      now,
      null,
    );
  }
  return rows.length;
}
