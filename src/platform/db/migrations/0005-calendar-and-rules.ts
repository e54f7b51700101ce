import type { Kysely } from 'kysely';
import { boolType, dateType, idColumn, instantType, notNull } from '../migration-helpers.ts';

export type HolidaySeed = {
  date: string;
  kind: 'HOLIDAY' | 'COMPENSATORY_DAY_OFF' | 'WORKING_SATURDAY';
  nameVi: string;
  nameEn: string;
  decidingDocument: string;
  /** false: the date is not final (domain.md §8, §12 item 13), shown as provisional. */
  confirmed: boolean;
};

const LC = 'Bộ luật Lao động 2019, Điều 112';
const Y2025 = 'Văn bản 8726/VPCP-KGVX ngày 26/11/2024 (nghỉ Tết Ất Tỵ 25/01–02/02/2025 và các dịp lễ năm 2025)';
const SWAP_APRIL_2025 = 'Hoán đổi ngày làm việc dịp 30/4–1/5/2025, được Thủ tướng đồng ý (en.baochinhphu.vn, 04/3/2025)';
const NEW_YEAR_2026 =
  'Đề xuất của Bộ Nội vụ; báo chí đưa tin được đồng ý tại văn bản 12729/VPCP-KGVX ngày 25/12/2025 — chưa đối chiếu văn bản gốc';
const TET_2026 = 'Phương án nghỉ Tết Bính Ngọ 14/02–22/02/2026 (theo congan.com.vn); số hiệu văn bản cần bổ sung';
const PENDING_2027 = 'Chưa có văn bản cho năm 2027: ngày dự kiến theo Bộ luật Lao động 2019, Điều 112';

const h = (date: string, nameVi: string, nameEn: string, decidingDocument: string, confirmed = true): HolidaySeed => ({
  date,
  kind: 'HOLIDAY',
  nameVi,
  nameEn,
  decidingDocument,
  confirmed,
});
const off = (date: string, nameVi: string, nameEn: string, decidingDocument: string, confirmed = true): HolidaySeed => ({
  ...h(date, nameVi, nameEn, decidingDocument, confirmed),
  kind: 'COMPENSATORY_DAY_OFF',
});
const worked = (date: string, nameVi: string, nameEn: string, decidingDocument: string, confirmed = true): HolidaySeed => ({
  ...h(date, nameVi, nameEn, decidingDocument, confirmed),
  kind: 'WORKING_SATURDAY',
});

const NEW_YEAR = ['Tết Dương lịch', "New Year's Day"] as const;
const TET = ['Tết Nguyên đán', 'Lunar New Year (Tết)'] as const;
const HUNG_KINGS = ['Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hung Kings' Commemoration Day"] as const;
const APRIL_30 = ['Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)'] as const;
const MAY_1 = ['Ngày Quốc tế Lao động (1/5)', 'International Labour Day (1 May)'] as const;
const NATIONAL_DAY = ['Quốc khánh (2/9)', 'National Day (2 September)'] as const;
const NATIONAL_DAY_ADJ = ['Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'] as const;

/**
 * Vietnam's public holidays 2025–2027 as far as known when this was written (domain.md §8).
 * Lunar dates were checked against a Vietnamese lunar-calendar computation (UTC+7): Tết
 * 29/01/2025, 17/02/2026, 06/02/2027; Hung Kings 07/04/2025, 26/04/2026, 16/04/2027.
 * Entries not yet decided by a government document are `confirmed: false`. Later years
 * and corrections are entered on the /calendar page, not in a migration.
 *
 * Provenance beyond domain.md: the 2025 Tết, Hung Kings and National Day dates follow the
 * Labour Code and the 2025 plan (Tết 25/01–02/02/2025, approved by 8726/VPCP-KGVX); the
 * 2026 New Year swap (2 January off, Saturday 10 January worked) was reported approved in
 * news pages but domain.md still lists it as not confirmed, so it stays provisional. The
 * 2026 National Day adjacent day and every lunar or swapped date of 2027 are estimates.
 */
export const HOLIDAY_SEED: readonly HolidaySeed[] = [
  h('2025-01-01', ...NEW_YEAR, LC),
  ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map((d) => h(d, ...TET, Y2025)),
  h('2025-04-07', ...HUNG_KINGS, `${LC}; ${Y2025}`),
  worked('2025-04-26', 'Làm bù cho ngày 02/5/2025', 'Working Saturday in exchange for 2 May 2025', SWAP_APRIL_2025),
  h('2025-04-30', ...APRIL_30, LC),
  h('2025-05-01', ...MAY_1, LC),
  off('2025-05-02', 'Nghỉ (hoán đổi với thứ Bảy 26/4/2025)', 'Day off, swapped with Saturday 26 April 2025', SWAP_APRIL_2025),
  h('2025-09-01', ...NATIONAL_DAY_ADJ, `${LC}; ${Y2025}`),
  h('2025-09-02', ...NATIONAL_DAY, LC),

  h('2026-01-01', ...NEW_YEAR, LC),
  off('2026-01-02', 'Nghỉ (hoán đổi với thứ Bảy 10/01/2026)', 'Day off, swapped with Saturday 10 January 2026', NEW_YEAR_2026, false),
  worked('2026-01-10', 'Làm bù cho ngày 02/01/2026', 'Working Saturday in exchange for 2 January 2026', NEW_YEAR_2026, false),
  ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((d) => h(d, ...TET, TET_2026)),
  h('2026-04-26', ...HUNG_KINGS, LC),
  off('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương', "Compensatory day off for Hung Kings' Day", `${LC}, khoản 3`),
  h('2026-04-30', ...APRIL_30, LC),
  h('2026-05-01', ...MAY_1, LC),
  h('2026-09-01', ...NATIONAL_DAY_ADJ, `${LC}: ngày liền kề trước hoặc sau 2/9 chưa được quyết định`, false),
  h('2026-09-02', ...NATIONAL_DAY, LC),

  h('2027-01-01', ...NEW_YEAR, LC),
  ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'].map((d) => h(d, ...TET, PENDING_2027, false)),
  ...['2027-02-10', '2027-02-11'].map((d) =>
    off(d, 'Nghỉ bù Tết (ngày Tết trùng thứ Bảy, Chủ nhật)', 'Compensatory day off (Tết days on the weekend)', PENDING_2027, false),
  ),
  h('2027-04-16', ...HUNG_KINGS, PENDING_2027, false),
  h('2027-04-30', ...APRIL_30, LC),
  h('2027-05-01', ...MAY_1, LC),
  off('2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động', 'Compensatory day off for Labour Day', `${LC}, khoản 3; ${PENDING_2027}`, false),
  h('2027-09-02', ...NATIONAL_DAY, LC),
  h('2027-09-03', ...NATIONAL_DAY_ADJ, PENDING_2027, false),
];

type SeedSchema = {
  holidays: {
    date: string;
    kind: string;
    name_vi: string;
    name_en: string;
    deciding_document: string;
    confirmed: number;
    created_at: string;
    updated_at: string;
  };
};

/**
 * The versioned rules store (src/platform/rules) and the national holiday calendar, seeded
 * here so every database, the demo and the tests start with the same calendar.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('rule_values'))
    .addColumn('province_code', 'varchar(16)', (c) => c.notNull().defaultTo(''))
    .addColumn('key', 'varchar(100)', notNull)
    .addColumn('value', 'text', notNull)
    .addColumn('effective_from', dateType(db), notNull)
    .addColumn('source_note', 'text', notNull)
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('rule_values_version_uq', ['province_code', 'key', 'effective_from'])
    .execute();
  await db.schema.createIndex('rule_values_key_idx').on('rule_values').columns(['key', 'effective_from']).execute();

  await idColumn(db, db.schema.createTable('holidays'))
    .addColumn('date', dateType(db), (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(32)', notNull)
    .addColumn('name_vi', 'text', notNull)
    .addColumn('name_en', 'text', notNull)
    .addColumn('deciding_document', 'text', notNull)
    .addColumn('confirmed', boolType(db), notNull)
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('updated_at', instantType(db), notNull)
    .execute();

  const at = '2026-11-29T00:00:00.000Z';
  await (db as Kysely<SeedSchema>)
    .insertInto('holidays')
    .values(
      HOLIDAY_SEED.map((s) => ({
        date: s.date,
        kind: s.kind,
        name_vi: s.nameVi,
        name_en: s.nameEn,
        deciding_document: s.decidingDocument,
        // pg sends parameters as text, and '1'/'0' are valid boolean literals.
        confirmed: s.confirmed ? 1 : 0,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('holidays').execute();
  await db.schema.dropTable('rule_values').execute();
}
