import { describe, expect, it } from 'vitest';
import { FIXTURE_UNITS, fixtureLine } from '../run.fixtures.ts';
import { countHolders, type PositionHolders, pageOf, positionRows, splitLine } from './position-view.ts';

const [u1, u2] = FIXTURE_UNITS;
const holder = (staffId: number, unitId: number, field: string, positionId: number, code: string) => ({
  staffId,
  unitId,
  field,
  positionId,
  positionCode: code,
  nameVi: `Vị trí ${code}`,
  nameEn: `Position ${code}`,
});

describe('countHolders', () => {
  it('counts a person once per unit × field, at their first placement, and names positions in the reader’s language', () => {
    const rows = [
      holder(1, 101, 'LAND', 10, 'P.B'),
      holder(2, 101, 'LAND', 10, 'P.B'),
      holder(1, 101, 'LAND', 11, 'P.A'), // a second placement of the same field: not counted again
      holder(1, 102, 'LAND', 11, 'P.A'), // another unit: counted there
      holder(3, 101, 'OFFICE', 12, 'P.O'),
    ];
    expect(countHolders(rows, 'en')).toEqual([
      { unitId: 101, field: 'LAND', positionId: 10, positionCode: 'P.B', positionName: 'Position P.B', holders: 2 },
      { unitId: 102, field: 'LAND', positionId: 11, positionCode: 'P.A', positionName: 'Position P.A', holders: 1 },
      { unitId: 101, field: 'OFFICE', positionId: 12, positionCode: 'P.O', positionName: 'Position P.O', holders: 1 },
    ]);
    expect(countHolders(rows, 'vi')[0]?.positionName).toBe('Vị trí P.B');
  });
});

describe('splitLine', () => {
  const line = fixtureLine(u1, 'LAND', { dossiers: 2000, minutes: 60, actual: 3 });
  const required = line.result?.requiredStaff.value ?? Number.NaN;
  const held = (positionId: number, code: string, holders: number): PositionHolders => ({
    unitId: 101,
    field: 'LAND',
    positionId,
    positionCode: code,
    positionName: code,
    holders,
  });

  it('splits the field’s need by the positions’ share of holders: every position carries the field’s ratio', () => {
    const rows = splitLine(line, [held(11, 'P.B', 1), held(10, 'P.A', 2), { ...held(12, 'P.C', 5), unitId: 999 }]);
    expect(rows.map((r) => [r.positionCode, r.actual, r.share])).toEqual([
      ['P.A', 2, 2 / 3],
      ['P.B', 1, 1 / 3],
    ]);
    expect(rows[0]?.required).toBeCloseTo((required * 2) / 3, 12);
    expect(rows[1]?.required).toBeCloseTo(required / 3, 12);
    expect(rows[0]?.difference).toBeCloseTo(2 - (required * 2) / 3, 12);
    for (const r of rows) {
      expect(r.ratio).toBeCloseTo(line.result?.ratio?.value ?? Number.NaN, 12);
      expect(r.status).toBe(line.status);
      expect(r.differsFromRun).toBe(false);
    }
    // The rows add back up to the line.
    expect(rows.reduce((s, r) => s + (r.required ?? 0), 0)).toBeCloseTo(required, 12);
  });

  it('keeps the line whole when nobody held a position of the field, or when the formulas refused it', () => {
    const [whole] = splitLine(line, []);
    expect(whole).toMatchObject({ positionId: null, actual: 3, share: 1, differsFromRun: false });
    expect(whole?.required).toBe(required);
    const refused = fixtureLine(u2, 'CULTURE_INFORMATION', { dossiers: 400, minutes: 30, actual: 1, refuse: true });
    expect(refused.result).toBeNull();
    expect(splitLine(refused, [{ ...held(10, 'P.A', 1), unitId: 102, field: 'CULTURE_INFORMATION' }])).toEqual([
      expect.objectContaining({ positionId: null, required: null, difference: null, ratio: null, actual: 1 }),
    ]);
  });

  it('flags rows when the appointment history no longer gives what the run counted', () => {
    const rows = splitLine(line, [held(10, 'P.A', 2)]);
    expect(rows).toEqual([expect.objectContaining({ actual: 2, share: 1, lineActual: 3, lineHolders: 2, differsFromRun: true })]);
    expect(rows[0]?.required).toBeCloseTo(required, 12);
  });

  it('keeps the lines’ order over several lines', () => {
    const other = fixtureLine(u2, 'LAND', { dossiers: 1000, minutes: 60, actual: 1 });
    expect(positionRows([other, line], [held(10, 'P.A', 3)]).map((r) => [r.unitId, r.positionCode])).toEqual([
      [102, null],
      [101, 'P.A'],
    ]);
  });
});

describe('pageOf', () => {
  const rows = Array.from({ length: 120 }, (_, i) => i);
  it('cuts pages and clamps the page number', () => {
    expect(pageOf(rows, 1)).toMatchObject({ page: 1, total: 120, items: rows.slice(0, 50) });
    expect(pageOf(rows, 3).items).toEqual(rows.slice(100, 120));
    expect(pageOf(rows, 99).page).toBe(3);
    expect(pageOf([], 5)).toEqual({ items: [], page: 1, total: 0 });
  });
});
