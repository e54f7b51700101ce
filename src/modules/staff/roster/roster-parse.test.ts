import { describe, expect, it } from 'vitest';
import type { CellRead } from '../../../platform/xlsx/safe-cells.ts';
import { ROSTER_COLUMNS, type RosterField } from './roster.columns.ts';
import {
  ageOn,
  buildVocabulary,
  type ColumnMap,
  columnLetter,
  dataRows,
  detectLegacyEncoding,
  type GridRow,
  mapColumns,
  maskReportValue,
  parseRosterDate,
  type RosterContext,
  validateRows,
} from './roster-parse.ts';

const text = (t: string): CellRead => ({ kind: 'text', text: t });
const LABELS: Record<string, string> = {
  'gender.MALE': 'Nam',
  'gender.FEMALE': 'Nữ',
  'rank.CHUYEN_VIEN_CAO_CAP': 'Chuyên viên cao cấp',
  'rank.CHUYEN_VIEN_CHINH': 'Chuyên viên chính',
  'rank.CHUYEN_VIEN': 'Chuyên viên',
  'rank.CAN_SU': 'Cán sự',
  'rank.NHAN_VIEN': 'Nhân viên',
  'employment.ACTIVE': 'Đang công tác',
  'employment.ON_LEAVE': 'Đang nghỉ phép dài hạn',
};
const vocabulary = buildVocabulary((kind, code) => LABELS[`${kind}.${code}`] ?? code);

const MAP: ColumnMap = { columns: new Map(ROSTER_COLUMNS.map((c, i) => [i + 1, c.key])), dataFrom: 3 };
const colOf = (key: RosterField) => ROSTER_COLUMNS.findIndex((c) => c.key === key) + 1;

const GOOD: Partial<Record<RosterField, CellRead>> = {
  fullName: text('Nguyễn Văn An'),
  gender: text('Nam'),
  birthDate: text('02/09/1985'),
  citizenId: text('046085009999'),
  unitCode: text('10001'),
  positionCode: text('CM.05'),
  title: text('Công chức Địa chính'),
  startDate: text('01/07/2025'),
  rank: text('Chuyên viên'),
  employmentStatus: text('Đang công tác'),
};

function row(n: number, over: Partial<Record<RosterField, CellRead | null>> = {}): GridRow {
  const cells = new Map<number, CellRead>();
  for (const [k, v] of Object.entries({ ...GOOD, ...over })) if (v) cells.set(colOf(k as RosterField), v);
  return { row: n, cells };
}

const ctx = (over: Partial<RosterContext> = {}): RosterContext => ({
  today: '2026-03-02',
  ageMin: 18,
  ageMax: 70,
  units: new Map([
    ['10001', { id: 1 }],
    ['10002', { id: 2 }],
  ]),
  allowedUnitIds: null,
  positions: new Map([
    ['CM.05', { id: 5, requiredRank: 'CHUYEN_VIEN' }],
    ['LD.03', { id: 3, requiredRank: 'CHUYEN_VIEN_CHINH' }],
  ]),
  existingCitizenIds: new Set(['046085001234']),
  vocabulary,
  ...over,
});

const reasons = (rows: GridRow[], c = ctx()) => validateRows(rows, MAP, c).problems.map((p) => [p.row, p.column, p.reason]);

describe('dates', () => {
  it('reads dd/mm/yyyy text and real date cells', () => {
    expect(parseRosterDate(text('02/09/1985'))).toEqual({ ok: true, date: '1985-09-02' });
    expect(parseRosterDate(text('2/9/1985'))).toEqual({ ok: true, date: '1985-09-02' });
    expect(parseRosterDate({ kind: 'date', date: '1985-09-02' })).toEqual({ ok: true, date: '1985-09-02' });
    expect(parseRosterDate(text('29/02/2024'))).toEqual({ ok: true, date: '2024-02-29' });
  });

  it('refuses impossible dates and other formats', () => {
    for (const d of ['31/02/1990', '29/02/2023', '00/01/1990', '12/13/1990', '31/04/1990']) {
      expect(parseRosterDate(text(d))).toEqual({ ok: false, reason: 'DATE_IMPOSSIBLE' });
    }
    for (const d of ['1990-02-01', '1/2/90', 'ngày 1 tháng 2'])
      expect(parseRosterDate(text(d))).toEqual({ ok: false, reason: 'DATE_FORMAT' });
    expect(parseRosterDate({ kind: 'number', value: 32874 })).toEqual({ ok: false, reason: 'DATE_FORMAT' });
  });

  it('counts whole years of age', () => {
    expect(ageOn('2008-03-02', '2026-03-02')).toBe(18);
    expect(ageOn('2008-03-03', '2026-03-02')).toBe(17);
  });
});

describe('legacy Vietnamese encodings', () => {
  it('spots TCVN3 (ABC) and VNI text', () => {
    expect(detectLegacyEncoding('NguyÔn V¨n A')).toBe('TCVN3');
    expect(detectLegacyEncoding('TrÇn ThÞ B×nh')).toBe('TCVN3');
    expect(detectLegacyEncoding('Nguyeãn Vaên An')).toBe('VNI');
    expect(detectLegacyEncoding('Ñoã Thò Thu')).toBe('VNI');
    expect(detectLegacyEncoding('Nguy-ôn')).toBe('VNI');
  });

  it('leaves Unicode Vietnamese and plain ASCII alone', () => {
    for (const s of [
      'Nguyễn Văn Mạnh',
      'Hoàng Thị Xuân',
      'Lê Khuê',
      'Đỗ Thị Thuý',
      'Phạm Quốc Toàn',
      'Trần Thị Ánh Tuyết',
      'B1 tiếng Anh',
      'Nguyễn-Lê Hà',
    ]) {
      expect({ s, r: detectLegacyEncoding(s) }).toEqual({ s, r: null });
    }
  });
});

describe('column mapping', () => {
  it('uses the key row of the template, or the Vietnamese headers without it', () => {
    const keys: GridRow = { row: 2, cells: new Map(ROSTER_COLUMNS.map((c, i) => [i + 1, text(c.key)])) };
    expect(mapColumns(undefined, keys)).toEqual({ map: MAP, problems: [] });
    const header: GridRow = { row: 1, cells: new Map(ROSTER_COLUMNS.map((c, i) => [i + 1, text(c.header)])) };
    expect(mapColumns(header, { row: 2, cells: new Map() }).map.dataFrom).toBe(2);
  });

  it('names every missing required column', () => {
    const header: GridRow = { row: 1, cells: new Map([[1, text('Họ và tên')]]) };
    const { problems } = mapColumns(header, undefined);
    expect(problems.map((p) => p.column)).toEqual([
      'gender',
      'birthDate',
      'citizenId',
      'unitCode',
      'title',
      'startDate',
      'rank',
      'employmentStatus',
    ]);
    expect(problems.every((p) => p.reason === 'COLUMN_MISSING' && p.row === 0)).toBe(true);
  });

  it('skips blank rows and rows above the data', () => {
    const blank: GridRow = { row: 4, cells: new Map([[99, text('stray note outside the columns')]]) };
    expect(dataRows([row(2), row(3), blank], MAP).map((r) => r.row)).toEqual([3]);
  });
});

describe('validateRows', () => {
  it('accepts a good row with the codes behind the Vietnamese labels', () => {
    const r = validateRows([row(3)], MAP, ctx());
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      expect.objectContaining({
        row: 3,
        fullName: 'Nguyễn Văn An',
        gender: 'MALE',
        birthDate: '1985-09-02',
        citizenId: '046085009999',
        unitId: 1,
        positionId: 5,
        rank: 'CHUYEN_VIEN',
        employmentStatus: 'ACTIVE',
        startDate: '2025-07-01',
      }),
    ]);
  });

  it('reports every problem of every row, not only the first', () => {
    const bad = row(3, {
      fullName: null,
      gender: text('Khác'),
      birthDate: text('31/02/1990'),
      citizenId: text('12345'),
      rank: text('Thiếu tướng'),
    });
    const bad2 = row(4, {
      unitCode: text('99999'),
      positionCode: text('XX.01'),
      employmentStatus: text('Đã nghỉ'),
      email: text('not-an-email'),
    });
    expect(reasons([bad, bad2])).toEqual([
      [3, 'fullName', 'REQUIRED'],
      [3, 'gender', 'GENDER_UNKNOWN'],
      [3, 'rank', 'RANK_UNKNOWN'],
      [3, 'birthDate', 'DATE_IMPOSSIBLE'],
      [3, 'citizenId', 'CITIZEN_ID_FORMAT'],
      [4, 'employmentStatus', 'STATUS_UNKNOWN'],
      [4, 'email', 'EMAIL_FORMAT'],
      [4, 'unitCode', 'UNIT_UNKNOWN'],
      [4, 'positionCode', 'POSITION_UNKNOWN'],
    ]);
  });

  it('refuses ages outside 18–70 on the import day', () => {
    const young = row(3, { birthDate: text('03/03/2008') });
    const old = row(4, { birthDate: text('01/01/1955'), citizenId: text('046055000001') });
    const r = validateRows([young, old], MAP, ctx());
    expect(r.problems.map((p) => [p.row, p.reason, p.params?.age])).toEqual([
      [3, 'AGE_OUT_OF_RANGE', 17],
      [4, 'AGE_OUT_OF_RANGE', 71],
    ]);
    expect(r.rows).toEqual([]);
  });

  it('finds duplicate ID numbers within the file and against the registry', () => {
    const a = row(3);
    const b = row(5, { fullName: text('Người Khác') });
    const registered = row(6, { citizenId: text('046085001234') });
    const r = validateRows([a, b, registered], MAP, ctx());
    expect(r.problems.map((p) => [p.row, p.reason, p.params])).toEqual([
      [5, 'DUPLICATE_IN_FILE', { first: 3 }],
      [6, 'DUPLICATE_IN_REGISTRY', undefined],
    ]);
    expect(r.rows.map((x) => x.row)).toEqual([3]);
  });

  it('refuses an ID number stored as a number (its leading zero is gone)', () => {
    expect(reasons([row(3, { citizenId: { kind: 'number', value: 46085009999 } })])).toEqual([[3, 'citizenId', 'NUMBER_CELL']]);
  });

  it('refuses formulas and error values wherever they are, without evaluating them', () => {
    const r = validateRows(
      [row(3, { fullName: { kind: 'formula', formula: 'CONCAT("A","B")' }, decision: { kind: 'error', error: '#REF!' } })],
      MAP,
      ctx(),
    );
    expect(r.problems.map((p) => [p.column, p.reason, p.cell, p.value])).toEqual([
      ['fullName', 'FORMULA', `A3`, '=CONCAT("A","B")'],
      ['decision', 'CELL_ERROR', `${columnLetter(colOf('decision'))}3`, '#REF!'],
    ]);
    expect(r.rows).toEqual([]);
  });

  it('keeps unit_hr to their own unit', () => {
    const other = row(3, { unitCode: text('10002') });
    expect(reasons([other], ctx({ allowedUnitIds: new Set([1]) }))).toEqual([[3, 'unitCode', 'UNIT_NOT_ALLOWED']]);
    expect(reasons([other], ctx({ allowedUnitIds: null }))).toEqual([]);
  });

  it('warns, without refusing, when the rank is below the position’s requirement', () => {
    const r = validateRows([row(3, { positionCode: text('LD.03'), rank: text('Cán sự') })], MAP, ctx());
    expect(r.problems).toEqual([
      expect.objectContaining({
        column: 'rank',
        reason: 'RANK_BELOW_POSITION',
        severity: 'warning',
        params: { required: 'CHUYEN_VIEN_CHINH' },
      }),
    ]);
    expect(r.rows).toHaveLength(1);
  });

  it('refuses legacy-encoded text, naming the cell', () => {
    const r = validateRows(
      [row(3, { fullName: text('NguyÔn V¨n A') }), row(4, { citizenId: text('046085000004'), title: text('C¸n bé') })],
      MAP,
      ctx(),
    );
    expect(r.problems.map((p) => [p.cell, p.reason, p.params?.encoding])).toEqual([
      ['A3', 'LEGACY_ENCODING', 'TCVN3 (ABC)'],
      [`${columnLetter(colOf('title'))}4`, 'LEGACY_ENCODING', 'TCVN3 (ABC)'],
    ]);
  });

  it('keeps text exactly (inner spaces too) and only normalises NFD to NFC, saying so', () => {
    const nfd = 'Nguye\u0302\u0303n  Thi\u0323 Ha\u0300'.normalize('NFD');
    const r = validateRows([row(3, { fullName: text(nfd), qualification: text(' Đại học ') })], MAP, ctx());
    expect(r.rows[0]?.fullName).toBe('Nguyễn  Thị Hà');
    expect(r.rows[0]?.fullName).toBe(nfd.normalize('NFC'));
    expect(r.rows[0]?.qualification).toBe(' Đại học ');
    expect(r.normalisedCells).toBe(1);
    expect(r.problems).toEqual([
      expect.objectContaining({ row: 0, reason: 'TEXT_NORMALISED_NFC', severity: 'warning', params: { count: 1 } }),
    ]);
  });

  it('masks personal values in the report', () => {
    const r = validateRows(
      [row(3, { citizenId: text('04608500999'), birthDate: text('31/02/1985'), phone: { kind: 'number', value: 905123456 } })],
      MAP,
      ctx(),
    );
    expect(r.problems.map((p) => [p.column, p.value])).toEqual([
      ['birthDate', '**/**/1985'],
      ['citizenId', '0460*****99'],
      ['phone', '9*******6'],
    ]);
    expect(maskReportValue('fullName', 'Nguyễn Văn An')).toBe('Nguyễn Văn An');
  });
});
