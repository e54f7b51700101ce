import { describe, expect, it } from 'vitest';
import { comparePlans } from './plan-compare.ts';
import { docA, docB } from './plan-documents.fixtures.ts';

/** Plans A and B of the fixtures; every expected figure is worked out in their comments. */
describe('comparePlans', () => {
  const d = comparePlans(docA(), docB());

  it('gives both sides and the differences B − A of objective, gap and totals', () => {
    expect(d.a).toMatchObject({ planId: 11, planName: 'Phương án A', status: 'OPTIMAL', objective: 11.75, gap: 0, people: 5 });
    expect(d.b).toMatchObject({ planId: 12, status: 'TIME_LIMIT', objective: 10.25, people: 5 });
    expect(d.objectiveDelta).toBe(-1.5);
    expect(d.gapDelta).toBeCloseTo(0.0243902, 7);
    expect(d.all).toEqual({
      budgetA: 205_000_000,
      budgetB: 160_000_000,
      a: { classes: 4, participants: 8, cost: 64_000_000 },
      b: { classes: 3, participants: 5, cost: 43_000_000 },
      delta: { classes: -1, participants: -3, cost: -21_000_000 },
    });
  });

  it('pairs every year × funding source of either plan, zero where a plan has none', () => {
    expect(d.byYearSource.map((l) => [l.year, l.fundingSource, l.a.cost, l.b.cost, l.delta.cost, l.budgetA, l.budgetB])).toEqual([
      [2026, 'STATE_BUDGET', 46_000_000, 23_000_000, -23_000_000, 100_000_000, 60_000_000],
      [2026, 'EMPLOYER', 6_000_000, 0, -6_000_000, 20_000_000, 0],
      [2027, 'STATE_BUDGET', 12_000_000, 8_000_000, -4_000_000, 80_000_000, 50_000_000],
      [2027, 'EMPLOYER', 0, 0, 0, 5_000_000, 0],
      [2028, 'STATE_BUDGET', 0, 12_000_000, 12_000_000, 0, 50_000_000],
    ]);
    expect(d.byYear.map((y) => [y.year, y.delta])).toEqual([
      [2026, { classes: -2, participants: -4, cost: -29_000_000 }],
      [2027, { classes: 0, participants: -1, cost: -4_000_000 }],
      [2028, { classes: 1, participants: 2, cost: 12_000_000 }],
    ]);
  });

  it('finds courses added, removed and changed in classes per year', () => {
    expect(d.courses.map((c) => [c.courseCode, c.kind, c.a.byYear, c.b.byYear])).toEqual([
      ['DIG.01', 'REMOVED', [{ year: 2026, classes: 1 }], []],
      ['ETH.01', 'CHANGED', [{ year: 2027, classes: 1 }], [{ year: 2028, classes: 1 }]],
      ['LAW.01', 'CHANGED', [{ year: 2026, classes: 2 }], [{ year: 2026, classes: 1 }]],
      ['SEC.01', 'ADDED', [], [{ year: 2027, classes: 1 }]],
    ]);
    expect(d.courseCounts).toEqual({ added: 1, removed: 1, changed: 2, same: 0 });
  });

  it('finds people only in A, only in B, moved to another year or another course', () => {
    expect(d.people.onlyA.map((p) => p.fullName)).toEqual(['Phạm Thị Dung']);
    expect(d.people.onlyB.map((p) => p.fullName)).toEqual(['Đỗ Thị Giang']);
    // Sorted by Vietnamese collation of the full name: Hoàng, Nguyễn, Trần.
    expect(d.people.moved).toEqual([
      {
        staffId: 5,
        fullName: 'Hoàng Văn Em',
        unitName: 'Xã Phú Vang',
        kind: 'YEAR',
        a: [{ courseCode: 'ETH.01', year: 2027 }],
        b: [{ courseCode: 'ETH.01', year: 2028 }],
      },
      {
        staffId: 1,
        fullName: 'Nguyễn Văn An',
        unitName: 'Phường Thuận Hóa',
        kind: 'COURSE',
        a: [{ courseCode: 'DIG.01', year: 2026 }],
        b: [],
      },
      {
        staffId: 2,
        fullName: 'Trần Thị Bình',
        unitName: 'Phường Thuận Hóa',
        kind: 'COURSE',
        a: [
          { courseCode: 'ETH.01', year: 2027 },
          { courseCode: 'LAW.01', year: 2026 },
        ],
        b: [{ courseCode: 'ETH.01', year: 2028 }],
      },
    ]);
    expect(d.people.counts).toEqual({ onlyA: 1, onlyB: 1, movedYear: 1, movedCourse: 2, same: 1 });
  });

  it('reports nothing changed for a plan against itself', () => {
    const same = comparePlans(docA(), docA());
    expect(same.courses).toEqual([]);
    expect(same.courseCounts).toEqual({ added: 0, removed: 0, changed: 0, same: 3 });
    expect(same.people.counts).toEqual({ onlyA: 0, onlyB: 0, movedYear: 0, movedCourse: 0, same: 5 });
    expect(same.all.delta).toEqual({ classes: 0, participants: 0, cost: 0 });
    expect(same.objectiveDelta).toBe(0);
  });

  it('is antisymmetric: B against A swaps the sides and negates the differences', () => {
    const back = comparePlans(docB(), docA());
    expect(back.all.delta).toEqual({ classes: 1, participants: 3, cost: 21_000_000 });
    expect(back.people.onlyA.map((p) => p.staffId)).toEqual([7]);
    expect(back.courses.find((c) => c.courseCode === 'SEC.01')?.kind).toBe('REMOVED');
  });

  it('leaves the objective difference unknown when a side has none', () => {
    const a = docA();
    expect(comparePlans({ ...a, solver: { ...a.solver, objective: null, gap: null } }, docB())).toMatchObject({
      objectiveDelta: null,
      gapDelta: null,
    });
  });
});
