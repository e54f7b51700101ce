import type { Db } from '../../platform/db/database.ts';
import { fromDbBool, toDbBool } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { formatDate } from '../../platform/time/format.ts';
import type { CalendarEntryKind } from './working-days.ts';

export type HolidayRecord = {
  id: number;
  date: string;
  kind: CalendarEntryKind;
  nameVi: string;
  nameEn: string;
  decidingDocument: string;
  confirmed: boolean;
  createdAt: string;
  updatedAt: string;
};

export type HolidayInput = Omit<HolidayRecord, 'id' | 'createdAt' | 'updatedAt'>;

const COLUMNS = ['id', 'date', 'kind', 'nameVi', 'nameEn', 'decidingDocument', 'confirmed', 'createdAt', 'updatedAt'] as const;

type RawHoliday = Omit<HolidayRecord, 'confirmed' | 'kind'> & { kind: string; confirmed: boolean | number };

function toHoliday(r: RawHoliday): HolidayRecord {
  return { ...r, id: Number(r.id), kind: r.kind as CalendarEntryKind, confirmed: fromDbBool(r.confirmed) };
}

/** Holidays between two dates (inclusive, 'YYYY-MM-DD'; either end open), in date order. */
export async function listHolidays(db: Db, range: { from?: string | undefined; to?: string | undefined }): Promise<HolidayRecord[]> {
  let q = db.selectFrom('holidays').select(COLUMNS);
  if (range.from) q = q.where('date', '>=', range.from);
  if (range.to) q = q.where('date', '<=', range.to);
  const rows = await q.orderBy('date').execute();
  return rows.map(toHoliday);
}

/** The first and last years the calendar holds, for the year switcher. */
export async function holidayYearRange(db: Db): Promise<{ first: number; last: number } | undefined> {
  const r = await db
    .selectFrom('holidays')
    .select((eb) => [eb.fn.min('date').as('first'), eb.fn.max('date').as('last')])
    .executeTakeFirst();
  if (!r?.first || !r.last) return undefined;
  return { first: Number(String(r.first).slice(0, 4)), last: Number(String(r.last).slice(0, 4)) };
}

export async function findHoliday(db: Db, id: number): Promise<HolidayRecord | undefined> {
  const r = await db.selectFrom('holidays').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toHoliday(r) : undefined;
}

export async function findHolidayByDate(db: Db, date: string): Promise<HolidayRecord | undefined> {
  const r = await db.selectFrom('holidays').select(COLUMNS).where('date', '=', date).executeTakeFirst();
  return r ? toHoliday(r) : undefined;
}

/** A unique-key violation on either dialect (SQLite's extended code, PostgreSQL's SQLSTATE). */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/** One entry per date: a second one for the same date answers CALENDAR_HOLIDAY_EXISTS, even under a race. */
export async function insertHoliday(db: Db, h: HolidayInput, now: string): Promise<HolidayRecord> {
  const { id } = await db
    .insertInto('holidays')
    .values({
      date: h.date,
      kind: h.kind,
      nameVi: h.nameVi,
      nameEn: h.nameEn,
      decidingDocument: h.decidingDocument,
      confirmed: toDbBool(h.confirmed),
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((e: unknown) => {
      if (isUniqueViolation(e)) throw new AppError('CALENDAR_HOLIDAY_EXISTS', { date: formatDate(h.date) });
      throw e;
    });
  return { ...h, id: Number(id), createdAt: now, updatedAt: now };
}

/** True when a row was deleted. */
export async function deleteHoliday(db: Db, id: number): Promise<boolean> {
  const r = await db.deleteFrom('holidays').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
