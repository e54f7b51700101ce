import { describe, expect, it } from 'vitest';
import { fixtureLine } from '../run.fixtures.ts';
import type { RunLine, WisnStatus } from '../run.schemas.ts';
import { buildMatrix, filterLines, mergeGaps, rankExpertise, rankPressure, shortageWithGaps, sumLines } from './run-view.ts';

/**
 * A line with hand-set figures: the view models only read requiredStaff, actualStaff,
 * difference, status and expertise, so the other computed figures do not matter here.
 */
function line(
  unitId: number,
  unitName: string,
  field: string,
  required: number | null,
  actual: number,
  status: WisnStatus,
  expertise: { placed?: number; notMeeting?: number; gaps?: { code: string; name: string; staffBelow: number }[] } = {},
): RunLine {
  const base = fixtureLine({ unitId, unitCode: String(unitId), unitName, unitKind: 'COMMUNE' }, field, {
    dossiers: 100,
    minutes: 10,
    actual,
  });
  const result =
    required === null || base.result === null
      ? null
      : {
          ...base.result,
          requiredStaff: { value: required, unit: 'staff' as const },
          actualStaff: { value: actual, unit: 'staff' as const },
          difference: { value: actual - required, unit: 'staff' as const },
        };
  return {
    ...base,
    status,
    result,
    refusal: result ? null : 'support: casTotalTooHigh',
    expertise: { placed: expertise.placed ?? 0, notMeeting: expertise.notMeeting ?? 0, gapCompetencies: expertise.gaps ?? [] },
  };
}

const LAW = { code: 'C.LAW', name: 'Pháp luật', staffBelow: 1 };
const IT = { code: 'C.IT', name: 'Tin học', staffBelow: 2 };

// Field A: required 2.5 + 1.5 = 4, actual 2 + 1 = 3 (plus a refused line with 3 staff) → gap 1, ratio 0.75, pressure 0.25.
// Field B: required 2, actual 3 → gap −1. Field C: required 1, actual 0 → gap 1, ratio 0, pressure 1.
const lines: RunLine[] = [
  line(1, 'Xã Bình Điền', 'A', 2.5, 2, 'SHORTAGE', { placed: 2, notMeeting: 1, gaps: [LAW] }),
  line(2, 'Phường An Cựu', 'A', 1.5, 1, 'SHORTAGE'),
  line(3, 'Xã Cư Chánh', 'A', null, 3, 'REFUSED'),
  line(1, 'Xã Bình Điền', 'B', 2, 3, 'SURPLUS', { placed: 3, notMeeting: 2, gaps: [IT, LAW] }),
  line(2, 'Phường An Cựu', 'C', 1, 0, 'SHORTAGE'),
];

describe('sumLines', () => {
  it('sums required and actual over lines with a result, and counts the refused ones apart', () => {
    expect(sumLines(lines.filter((l) => l.field === 'A'))).toEqual({
      required: 4,
      actual: 3,
      difference: -1,
      ratio: 0.75,
      refused: 1,
      lines: 3,
    });
  });

  it('gives no ratio when nothing is required', () => {
    expect(sumLines([]).ratio).toBeNull();
    expect(sumLines([line(9, 'X', 'A', 0, 2, 'NO_WORKLOAD')])).toMatchObject({ required: 0, actual: 2, difference: 2, ratio: null });
  });
});

describe('buildMatrix', () => {
  it('puts units in Vietnamese name order, fields in the given order, and leaves missing cells empty', () => {
    const m = buildMatrix(lines, ['B', 'A', 'C']);
    expect(m.rows.map((r) => r.unitName)).toEqual(['Phường An Cựu', 'Xã Bình Điền', 'Xã Cư Chánh']);
    const an = m.rows[0];
    expect(an?.cells.map((c) => c?.field ?? null)).toEqual([null, 'A', 'C']);
    // Phường An Cựu: required 1.5 + 1 = 2.5, actual 1 + 0 = 1.
    expect(an?.sums).toMatchObject({ required: 2.5, actual: 1, difference: -1.5 });
    expect(m.fieldSums.map((s) => [s.required, s.actual])).toEqual([
      [2, 3],
      [4, 3],
      [1, 0],
    ]);
    expect(m.sums).toMatchObject({ required: 7, actual: 6, refused: 1, lines: 5 });
  });
});

describe('filterLines', () => {
  it('keeps the lines matching every given criterion', () => {
    expect(filterLines(lines, { status: 'SHORTAGE' })).toHaveLength(3);
    expect(filterLines(lines, { unitId: 1, field: 'B' }).map((l) => l.status)).toEqual(['SURPLUS']);
    expect(filterLines(lines, {})).toHaveLength(5);
  });
});

describe('rankPressure', () => {
  it('ranks fields by staff gap, then by pressure', () => {
    const r = rankPressure(lines);
    expect(r.map((p) => p.field)).toEqual(['C', 'A', 'B']);
    expect(r[0]).toMatchObject({ field: 'C', gap: 1, ratio: 0, pressure: 1, shortageUnits: 1 });
    expect(r[1]).toMatchObject({ field: 'A', gap: 1, ratio: 0.75, pressure: 0.25, shortageUnits: 2, refused: 1 });
    expect(r[2]).toMatchObject({ field: 'B', gap: -1, ratio: 1.5 });
    expect(r[2]?.pressure).toBeCloseTo(-0.5, 12);
  });
});

describe('rankExpertise', () => {
  it('puts fields short of both staff and expertise first and leaves out fields with no one missing expertise', () => {
    const e = rankExpertise(lines);
    expect(e.map((x) => [x.field, x.both])).toEqual([
      ['A', true],
      ['B', false],
    ]);
    expect(e[0]).toMatchObject({ placed: 2, notMeeting: 1, share: 0.5, gap: 1 });
    expect(e[1]).toMatchObject({ placed: 3, notMeeting: 2, gap: -1 });
    expect(e[1]?.gaps.map((g) => g.code)).toEqual(['C.IT', 'C.LAW']);
  });

  it('merges gap competencies by code, most staff below first', () => {
    expect(mergeGaps([[LAW], [IT, { ...LAW, staffBelow: 3 }]])).toEqual([
      { code: 'C.LAW', name: 'Pháp luật', staffBelow: 4 },
      { code: 'C.IT', name: 'Tin học', staffBelow: 2 },
    ]);
  });
});

describe('shortageWithGaps', () => {
  it('lists the short lines whose placed staff miss competencies', () => {
    expect(shortageWithGaps(lines).map((l) => `${l.unitId}/${l.field}`)).toEqual(['1/A']);
  });
});
