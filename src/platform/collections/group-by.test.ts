import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupBy } from './group-by.ts';

describe('groupBy', () => {
  it('keeps input order within a group and first-appearance order between groups', () => {
    const rows = [
      { staffId: 7, n: 'a' },
      { staffId: 3, n: 'b' },
      { staffId: 7, n: 'c' },
    ];
    const groups = groupBy(rows, (r) => r.staffId);
    expect([...groups.keys()]).toEqual([7, 3]);
    expect(groups.get(7)?.map((r) => r.n)).toEqual(['a', 'c']);
    expect(groups.get(3)?.map((r) => r.n)).toEqual(['b']);
  });

  it('keeps the projection, with the item index, when given one', () => {
    const groups = groupBy(
      ['x', 'y', 'x'],
      (s) => s,
      (_s, i) => i,
    );
    expect(groups.get('x')).toEqual([0, 2]);
    expect(groups.get('y')).toEqual([1]);
  });

  it('has no empty groups, loses nothing and duplicates nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 })), (xs) => {
        const groups = groupBy(xs, (x) => x % 3);
        const flat = [...groups.values()].flat();
        expect(flat.length).toBe(xs.length);
        expect([...flat].sort()).toEqual([...xs].sort());
        for (const [k, g] of groups) {
          expect(g.length).toBeGreaterThan(0);
          expect(g.every((x) => x % 3 === k)).toBe(true);
        }
      }),
    );
  });

  it('reads any iterable once', () => {
    function* gen() {
      yield 1;
      yield 2;
      yield 1;
    }
    expect(groupBy(gen(), (x) => x).get(1)).toEqual([1, 1]);
  });
});
