import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';

/**
 * Monthly dossier history for the staffing projection, grouped in SQL.
 *
 * Months are local months of Asia/Ho_Chi_Minh. As the scorecard does for its periods, the
 * caller turns each month into UTC instants ([start, next start)) and the SQL only compares
 * the stored instant with them (ISO-8601 text on SQLite, timestamptz on PostgreSQL): one
 * `case` picks the month's index, so no date function of either dialect (nor the server's
 * time zone) is involved and the SQL is the same on both.
 *
 * A dossier counts in the month it was RECEIVED (received_at), whatever its status, like the
 * WISN run's workload: processing at the competent unit per procedure, reception at the
 * receiving unit per channel.
 */

export type ProcessingMonthRow = { unitId: number; procedureCode: string; month: number; count: number };
export type ReceptionMonthRow = { unitId: number; channel: number; month: number; count: number };
export type MonthlyHistory = { processing: ProcessingMonthRow[]; reception: ReceptionMonthRow[] };

/**
 * Index i of the month [boundaries[i], boundaries[i + 1]) of `d.received_at` (the row is already
 * inside the window). A balanced `case` tree: about log2(months) comparisons per row instead of
 * months / 2 for a flat chain, which matters over a few million dossiers.
 */
function monthOf(boundaries: readonly string[], lo = 0, hi = boundaries.length - 2): RawBuilder<number> {
  if (lo === hi) return sql<number>`${sql.lit(lo)}`;
  const mid = Math.floor((lo + hi) / 2);
  return sql<number>`(case when d.received_at < ${boundaries[mid + 1] as string} then ${monthOf(boundaries, lo, mid)} else ${monthOf(boundaries, mid + 1, hi)} end)`;
}

/**
 * Dossiers received per local month, in one scan of the window: processing per competent
 * unit × procedure code, reception per receiving unit × channel code (1 in person, 2 online,
 * 3 by post). `unitIds` narrows to those units (null = the whole province). SQL groups by
 * competent unit, receiving unit, procedure, channel and month; the two views are sums of
 * those groups. Months without dossiers have no row.
 */
export async function monthlyHistory(
  db: Db,
  provinceCode: string,
  boundaries: readonly string[],
  unitIds: readonly number[] | null,
): Promise<MonthlyHistory> {
  if (boundaries.length < 2 || (unitIds !== null && unitIds.length === 0)) return { processing: [], reception: [] };
  let q = db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedureId')
    .where('d.provinceCode', '=', provinceCode)
    .where('d.receivedAt', 'is not', null)
    .where('d.receivedAt', '>=', boundaries[0] as string)
    .where('d.receivedAt', '<', boundaries[boundaries.length - 1] as string)
    .select([
      'd.competentUnitId',
      'd.receivingUnitId',
      'p.nationalCode',
      'd.channel',
      monthOf(boundaries).as('month'),
      sql<number>`count(*)`.as('count'),
    ]);
  if (unitIds !== null) {
    const ids = [...unitIds];
    q = q.where((eb) => eb.or([eb('d.competentUnitId', 'in', ids), eb('d.receivingUnitId', 'in', ids)]));
  }
  // By position: PostgreSQL would not match a parameterised `case` in GROUP BY with the one in the select list.
  const rows = await q.groupBy(['d.competentUnitId', 'd.receivingUnitId', 'p.nationalCode', 'd.channel', sql`5`]).execute();
  const wanted = (id: number) => unitIds === null || unitIds.includes(id);
  const processing = new Map<string, ProcessingMonthRow>();
  const reception = new Map<string, ReceptionMonthRow>();
  for (const r of rows) {
    const month = Number(r.month);
    const count = Number(r.count);
    const competent = Number(r.competentUnitId);
    const receiving = Number(r.receivingUnitId);
    const channel = Number(r.channel);
    if (wanted(competent)) {
      const k = `${competent}|${r.nationalCode}|${month}`;
      const row = processing.get(k) ?? { unitId: competent, procedureCode: r.nationalCode, month, count: 0 };
      row.count += count;
      processing.set(k, row);
    }
    if (wanted(receiving)) {
      const k = `${receiving}|${channel}|${month}`;
      const row = reception.get(k) ?? { unitId: receiving, channel, month, count: 0 };
      row.count += count;
      reception.set(k, row);
    }
  }
  return { processing: [...processing.values()], reception: [...reception.values()] };
}

/**
 * When the province's dossier store started: the earliest creation instant of a received
 * dossier (null when none). created_at rather than received_at because (province_code,
 * created_at) is indexed; a dossier is created at or before its reception, so the start can
 * only come earlier, never later.
 */
export async function storeStartedAt(db: Db, provinceCode: string): Promise<string | null> {
  const row = await db
    .selectFrom('dossiers')
    .select((eb) => eb.fn.min('createdAt').as('first'))
    .where('provinceCode', '=', provinceCode)
    .where('receivedAt', 'is not', null)
    .executeTakeFirst();
  const v: unknown = row?.first;
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
}
