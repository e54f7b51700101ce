import { describe, expect, it } from 'vitest';
import { ancestorsOf, currentUnitsOf, descendantsOf, lineageEdgesOf } from './lineage.ts';

// 1, 2 → 10 (2025 merger); 3 split between 10 and 11; 0 → 1 (an earlier merger).
const edges = [
  { predecessorId: 1, successorId: 10 },
  { predecessorId: 2, successorId: 10 },
  { predecessorId: 3, successorId: 10 },
  { predecessorId: 3, successorId: 11 },
  { predecessorId: 0, successorId: 1 },
];

describe('currentUnitsOf', () => {
  it('maps a current unit to itself', () => {
    expect(currentUnitsOf(edges, 10)).toEqual([10]);
    expect(currentUnitsOf(edges, 99)).toEqual([99]);
  });

  it('maps a pre-merger unit to the unit it merged into', () => {
    expect(currentUnitsOf(edges, 2)).toEqual([10]);
  });

  it('follows several mergers in a row', () => {
    expect(currentUnitsOf(edges, 0)).toEqual([10]);
  });

  it('maps a split unit to every unit that received part of it', () => {
    expect(currentUnitsOf(edges, 3)).toEqual([10, 11]);
  });

  it('terminates on a cycle in corrupt data', () => {
    const cyclic = [
      { predecessorId: 5, successorId: 6 },
      { predecessorId: 6, successorId: 5 },
    ];
    expect(currentUnitsOf(cyclic, 5)).toEqual([]);
    expect(ancestorsOf(cyclic, 5)).toEqual([6]);
  });
});

describe('ancestorsOf and descendantsOf', () => {
  it('lists every unit that flowed into a unit, through earlier mergers too', () => {
    expect(ancestorsOf(edges, 10)).toEqual([0, 1, 2, 3]);
    expect(ancestorsOf(edges, 11)).toEqual([3]);
    expect(ancestorsOf(edges, 2)).toEqual([]);
  });

  it('lists the units a former unit flowed into', () => {
    expect(descendantsOf(edges, 0)).toEqual([1, 10]);
    expect(descendantsOf(edges, 10)).toEqual([]);
  });
});

describe('lineageEdgesOf', () => {
  it('gives a current unit the mergers that formed it, not its neighbours', () => {
    expect(lineageEdgesOf(edges, 11)).toEqual([{ predecessorId: 3, successorId: 11 }]);
  });

  it('gives a former unit the merger it went into, with the units merged alongside it', () => {
    const got = lineageEdgesOf(edges, 2).map((e) => `${e.predecessorId}>${e.successorId}`);
    expect(got).toEqual(['1>10', '2>10', '3>10']);
  });
});
