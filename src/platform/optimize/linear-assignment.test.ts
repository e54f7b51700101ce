import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveAssignmentMatrix, solveLinearAssignment, transposeCost } from './linear-assignment.ts';

const INF = Number.POSITIVE_INFINITY;

function flat(rows: number[][]): { cost: Float64Array; nRows: number; nCols: number } {
  const nRows = rows.length;
  const nCols = nRows === 0 ? 0 : (rows[0] as number[]).length;
  return { cost: Float64Array.from(rows.flat()), nRows, nCols };
}

function solve(rows: number[][], nCols?: number) {
  const m = flat(rows);
  return solveLinearAssignment(m.cost, m.nRows, nCols ?? m.nCols);
}

/** Optimal total over every injection of rows into columns (any shape), Infinity when none avoids forbidden pairs. */
function bruteForce(rows: number[][]): number {
  const nRows = rows.length;
  const nCols = nRows === 0 ? 0 : (rows[0] as number[]).length;
  // Rows > columns: every column gets a distinct row, the other rows stay unassigned.
  const byRow = nRows <= nCols;
  const n = byRow ? nRows : nCols;
  const m = byRow ? nCols : nRows;
  const at = (a: number, b: number) => (byRow ? (rows[a] as number[])[b] : (rows[b] as number[])[a]) as number;
  const used = new Array<boolean>(m).fill(false);
  let best = INF;
  const go = (k: number, sum: number) => {
    if (k === n) {
      if (sum < best) best = sum;
      return;
    }
    for (let t = 0; t < m; t++) {
      const c = at(k, t);
      if (used[t] || c === INF) continue;
      used[t] = true;
      go(k + 1, sum + c);
      used[t] = false;
    }
  };
  go(0, 0);
  return best;
}

/** The assignment is valid: every row (or, when rows > columns, every column) covered once, no forbidden pair, total = sum of chosen cells. */
function expectValid(rows: number[][], rowToCol: ArrayLike<number>, totalCost: number) {
  const nRows = rows.length;
  const nCols = nRows === 0 ? 0 : (rows[0] as number[]).length;
  expect(rowToCol.length).toBe(nRows);
  const seen = new Set<number>();
  let sum = 0;
  let assigned = 0;
  for (let i = 0; i < nRows; i++) {
    const j = rowToCol[i] as number;
    if (j === -1) continue;
    assigned++;
    expect(j).toBeGreaterThanOrEqual(0);
    expect(j).toBeLessThan(nCols);
    expect(seen.has(j)).toBe(false);
    seen.add(j);
    const c = (rows[i] as number[])[j] as number;
    expect(c).not.toBe(INF);
    sum += c;
  }
  expect(assigned).toBe(Math.min(nRows, nCols));
  expect(totalCost).toBe(sum);
}

describe('solveLinearAssignment: hand-solved cases', () => {
  it('2×2: the off-diagonal is cheaper', () => {
    // 4+3 = 7 on the diagonal, 1+2 = 3 off it.
    const r = solve([
      [4, 1],
      [2, 3],
    ]);
    expect(r).toEqual({ feasible: true, rowToCol: Int32Array.from([1, 0]), totalCost: 3 });
  });

  it('3×3: the scipy documentation example', () => {
    // Row 1 takes its 0 at column 0 only if row 0 takes its 1 at column 1; row 2 then takes 2 → 1 + 2 + 2 = 5.
    const r = solve([
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ]);
    expect(r).toEqual({ feasible: true, rowToCol: Int32Array.from([1, 0, 2]), totalCost: 5 });
  });

  it('3×3 with ties: either order of the tied block is optimal', () => {
    const rows = [
      [0, 0, 5],
      [0, 0, 5],
      [5, 5, 0],
    ];
    const r = solve(rows);
    if (!r.feasible) throw new Error('expected feasible');
    expect(r.totalCost).toBe(0);
    expect(r.rowToCol[2]).toBe(2);
    expect(new Set([r.rowToCol[0], r.rowToCol[1]])).toEqual(new Set([0, 1]));
    expectValid(rows, r.rowToCol, r.totalCost);
  });

  it('3×3 all equal: any permutation, total 3', () => {
    const rows = [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ];
    const r = solve(rows);
    if (!r.feasible) throw new Error('expected feasible');
    expect(r.totalCost).toBe(3);
    expectValid(rows, r.rowToCol, r.totalCost);
  });

  it('2×4: both rows want column 0; giving it to row 1 is cheaper', () => {
    // r0→c0 + r1→c3 = 1 + 7 = 8; r0→c1 + r1→c0 = 5 + 2 = 7 (best); every other pair ≥ 10.
    const r = solve([
      [1, 5, 9, 9],
      [2, 9, 9, 7],
    ]);
    expect(r).toEqual({ feasible: true, rowToCol: Int32Array.from([1, 0]), totalCost: 7 });
  });

  it('forbidden pairs force the costlier choice', () => {
    // Row 1 can only take column 0, so row 0 pays 10 for column 1: 11, not 1 + ∞.
    expect(
      solve([
        [1, 10],
        [1, INF],
      ]),
    ).toEqual({ feasible: true, rowToCol: Int32Array.from([1, 0]), totalCost: 11 });
    expect(
      solve([
        [INF, 1],
        [2, INF],
      ]),
    ).toEqual({ feasible: true, rowToCol: Int32Array.from([1, 0]), totalCost: 3 });
  });

  it('infeasible when Hall’s condition fails', () => {
    // Two rows share one reachable column.
    expect(
      solve([
        [1, INF],
        [2, INF],
      ]),
    ).toEqual({ feasible: false });
    // A row with no allowed column at all.
    expect(
      solve([
        [1, 2, 3],
        [INF, INF, INF],
      ]),
    ).toEqual({ feasible: false });
    // Rows 0 and 1 only reach column 0; row 2 is fine: detected at the second row.
    expect(
      solve([
        [1, INF, INF],
        [1, INF, INF],
        [1, 1, 1],
      ]),
    ).toEqual({ feasible: false });
  });

  it('negative costs', () => {
    // -5 + -4 = -9 beats -1 + -3 = -4.
    expect(
      solve([
        [-5, -1],
        [-3, -4],
      ]),
    ).toEqual({ feasible: true, rowToCol: Int32Array.from([0, 1]), totalCost: -9 });
  });

  it('large magnitudes stay exact', () => {
    // Diagonal 1e9 + (1e9 + 1) = 2000000001; off-diagonal 2e9 + 2e9 - 1.
    expect(
      solve([
        [1e9, 2e9],
        [2e9 - 1, 1e9 + 1],
      ]),
    ).toEqual({ feasible: true, rowToCol: Int32Array.from([0, 1]), totalCost: 2_000_000_001 });
  });

  it('empty matrices', () => {
    expect(solveLinearAssignment(new Float64Array(0), 0, 0)).toEqual({ feasible: true, rowToCol: new Int32Array(0), totalCost: 0 });
    expect(solveLinearAssignment(new Float64Array(0), 0, 3)).toEqual({ feasible: true, rowToCol: new Int32Array(0), totalCost: 0 });
  });

  it('rejects bad input with a RangeError', () => {
    expect(() => solveLinearAssignment(new Float64Array(6), 3, 2)).toThrow(RangeError); // rows > columns
    expect(() => solveLinearAssignment(new Float64Array(5), 2, 3)).toThrow(RangeError); // wrong length
    expect(() => solveLinearAssignment(new Float64Array(4), 2.5, 2)).toThrow(RangeError);
    expect(() => solveLinearAssignment(Float64Array.from([1, Number.NaN, 2, 3]), 2, 2)).toThrow(RangeError);
    expect(() => solveLinearAssignment(Float64Array.from([1, 2, Number.NEGATIVE_INFINITY, 3]), 2, 2)).toThrow(RangeError);
  });
});

describe('transposeCost', () => {
  it('transposes row-major 2×3 into 3×2', () => {
    expect(transposeCost(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, 3)).toEqual(Float64Array.from([1, 4, 2, 5, 3, 6]));
  });
});

describe('solveAssignmentMatrix', () => {
  it('4×2 is solved transposed; unassigned rows get -1', () => {
    // The transpose of the 2×4 case above: column 0 goes to row 1 (5), column 1 to row 0 (2).
    expect(
      solveAssignmentMatrix([
        [1, 2],
        [5, 9],
        [9, 9],
        [9, 7],
      ]),
    ).toEqual({ feasible: true, rowToCol: [1, 0, -1, -1], totalCost: 7 });
  });

  it('square and wide matrices pass through', () => {
    expect(
      solveAssignmentMatrix([
        [4, 1],
        [2, 3],
      ]),
    ).toEqual({ feasible: true, rowToCol: [1, 0], totalCost: 3 });
    expect(solveAssignmentMatrix([])).toEqual({ feasible: true, rowToCol: [], totalCost: 0 });
  });

  it('infeasible when a column cannot be covered (tall matrix)', () => {
    expect(
      solveAssignmentMatrix([
        [1, INF],
        [2, INF],
        [3, INF],
      ]),
    ).toEqual({ feasible: false });
  });

  it('rejects ragged rows and NaN', () => {
    expect(() => solveAssignmentMatrix([[1, 2], [3]])).toThrow(RangeError);
    expect(() => solveAssignmentMatrix([[1, Number.NaN]])).toThrow(RangeError);
  });
});

/** An r × c matrix of cells drawn from `cell`, with r ≤ maxRows and c ≤ maxCols; `wide` keeps r ≤ c. */
function matrix(cell: fc.Arbitrary<number>, maxRows: number, maxCols: number, wide: boolean): fc.Arbitrary<number[][]> {
  return fc
    .tuple(fc.integer({ min: 0, max: maxRows }), fc.integer({ min: 0, max: maxCols }))
    .filter(([r, c]) => !wide || r <= c)
    .chain(([r, c]) => fc.array(fc.array(cell, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));
}

const withForbidden = (finite: fc.Arbitrary<number>, forbiddenWeight: number) =>
  fc.oneof({ arbitrary: finite, weight: 10 - forbiddenWeight }, { arbitrary: fc.constant(INF), weight: forbiddenWeight });

function checkAgainstBruteForce(rows: number[][]) {
  const best = bruteForce(rows);
  const m = flat(rows);
  const r = solveLinearAssignment(m.cost, m.nRows, m.nCols);
  if (best === INF) {
    expect(r).toEqual({ feasible: false });
    return;
  }
  if (!r.feasible) throw new Error(`solver says infeasible, brute force found ${best}`);
  expect(r.totalCost).toBe(best);
  expectValid(rows, r.rowToCol, r.totalCost);
}

describe('solveLinearAssignment against brute force (up to 7 × 8)', () => {
  it('small integers with ties and forbidden pairs (some infeasible)', () => {
    fc.assert(fc.property(matrix(withForbidden(fc.integer({ min: 0, max: 4 }), 3), 7, 8, true), checkAgainstBruteForce), { numRuns: 300 });
  });

  it('negative and positive costs', () => {
    fc.assert(fc.property(matrix(withForbidden(fc.integer({ min: -50, max: 50 }), 1), 7, 8, true), checkAgainstBruteForce), {
      numRuns: 300,
    });
  });

  it('large magnitudes (±1e9)', () => {
    fc.assert(fc.property(matrix(withForbidden(fc.integer({ min: -1e9, max: 1e9 }), 1), 7, 8, true), checkAgainstBruteForce), {
      numRuns: 200,
    });
  });

  it('the placement shape: n people × (n posts + n stay columns), stay only on the diagonal', () => {
    const placement = fc.integer({ min: 1, max: 4 }).chain((n) =>
      fc
        .tuple(
          fc.array(fc.array(withForbidden(fc.integer({ min: 0, max: 20 }), 3), { minLength: n, maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
          fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
        )
        .map(([posts, stay]) => posts.map((row, i) => [...row, ...stay.map((s, k) => (k === i ? s : INF))])),
    );
    fc.assert(fc.property(placement, checkAgainstBruteForce), { numRuns: 200 });
  });
});

describe('solveAssignmentMatrix against brute force (any shape up to 8 × 8)', () => {
  it('tall, square and wide matrices', () => {
    fc.assert(
      fc.property(matrix(withForbidden(fc.integer({ min: -20, max: 20 }), 2), 8, 7, false), (rows) => {
        const best = bruteForce(rows);
        const r = solveAssignmentMatrix(rows);
        if (best === INF) {
          expect(r).toEqual({ feasible: false });
          return;
        }
        if (!r.feasible) throw new Error(`solver says infeasible, brute force found ${best}`);
        expect(r.totalCost).toBe(best);
        expectValid(rows, r.rowToCol, r.totalCost);
      }),
      { numRuns: 300 },
    );
  });
});
