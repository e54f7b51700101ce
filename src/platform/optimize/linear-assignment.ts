/**
 * Exact rectangular linear sum assignment (minimise total cost): the problem of
 * scipy.optimize.linear_sum_assignment, solved with the same shortest-augmenting-path
 * Jonker–Volgenant variant (D. F. Crouse, "On implementing 2D rectangular assignment
 * algorithms", IEEE TAES 52(4), 2016): one Dijkstra-like search per row over reduced costs,
 * duals u (rows) and v (columns) updated after each augmentation. O(nRows² · nCols) worst case.
 *
 * Pure and dependency-free. All working memory is allocated once per call as typed arrays; the
 * per-row search allocates nothing. See ADR 0008 for why Cadre carries its own solver.
 */

export type AssignmentResult = { feasible: true; rowToCol: Int32Array; totalCost: number } | { feasible: false };

function checkShape(cost: ArrayLike<number>, nRows: number, nCols: number): void {
  if (!Number.isInteger(nRows) || !Number.isInteger(nCols) || nRows < 0 || nCols < 0) {
    throw new RangeError(`assignment: dimensions must be non-negative integers (got ${nRows} × ${nCols})`);
  }
  if (cost.length !== nRows * nCols) {
    throw new RangeError(`assignment: cost has ${cost.length} entries, expected ${nRows} × ${nCols} = ${nRows * nCols}`);
  }
}

/**
 * Rejects NaN and -Infinity. NaN makes every comparison false (the search would silently pick
 * garbage); -Infinity makes the optimum unbounded. +Infinity is allowed: it marks a forbidden pair.
 */
function checkValues(cost: Float64Array): void {
  for (let k = 0; k < cost.length; k++) {
    const c = cost[k] as number;
    if (Number.isNaN(c) || c === Number.NEGATIVE_INFINITY) {
      throw new RangeError(`assignment: cost entry ${k} is ${c}; only finite numbers and +Infinity (forbidden) are allowed`);
    }
  }
}

/** The nCols × nRows row-major transpose of a row-major nRows × nCols matrix. */
export function transposeCost(cost: Float64Array, nRows: number, nCols: number): Float64Array {
  checkShape(cost, nRows, nCols);
  const t = new Float64Array(nRows * nCols);
  for (let i = 0; i < nRows; i++) {
    const off = i * nCols;
    for (let j = 0; j < nCols; j++) t[j * nRows + i] = cost[off + j] as number;
  }
  return t;
}

/**
 * cost is row-major nRows × nCols; +Infinity marks a forbidden pair. nRows ≤ nCols required
 * (throw a RangeError otherwise; callers transpose). Every row is assigned to a distinct column.
 */
export function solveLinearAssignment(cost: Float64Array, nRows: number, nCols: number): AssignmentResult {
  checkShape(cost, nRows, nCols);
  if (nRows > nCols) {
    throw new RangeError(`assignment: needs nRows ≤ nCols (got ${nRows} × ${nCols}); transpose the matrix (transposeCost)`);
  }
  checkValues(cost);
  const nr = nRows;
  const nc = nCols;
  if (nr === 0) return { feasible: true, rowToCol: new Int32Array(0), totalCost: 0 };

  const INF = Number.POSITIVE_INFINITY;
  const u = new Float64Array(nr); // row duals
  const v = new Float64Array(nc); // column duals
  const shortest = new Float64Array(nc); // shortest reduced path cost to each column in this search
  const path = new Int32Array(nc).fill(-1); // predecessor row of each column on the shortest path
  const col4row = new Int32Array(nr).fill(-1);
  const row4col = new Int32Array(nc).fill(-1);
  // Columns settled in the current search (scipy's SC), in order, with their dual and path cost at settling.
  const settled = new Int32Array(nc);
  const settledV = new Float64Array(nc);
  const settledCost = new Float64Array(nc);

  for (let curRow = 0; curRow < nr; curRow++) {
    // --- shortest augmenting path from curRow (Crouse 2016, Algorithm 2) ---
    let minVal = 0;
    let nSettled = 0;
    shortest.fill(INF);
    let sink = -1;
    let i = curRow;
    while (sink === -1) {
      const off = i * nc;
      const base = minVal - (u[i] as number);
      let lowest = INF;
      let index = -1;
      // scipy walks a swap-removed list of unsettled columns. Here every column is scanned in
      // order (sequential memory access), and a settled column is parked with v = -Infinity and
      // shortest = +Infinity so that it can neither improve nor be picked, without a branch in
      // this loop; its real values wait in `settled*`. Measured faster in V8 (bench/RESULTS.md).
      for (let j = 0; j < nc; j++) {
        const r = base + (cost[off + j] as number) - (v[j] as number);
        let s = shortest[j] as number;
        if (r < s) {
          path[j] = i;
          shortest[j] = r;
          s = r;
        }
        // Prefer a free column on ties: the search ends there instead of growing the tree.
        if (s < lowest || (s === lowest && row4col[j] === -1)) {
          lowest = s;
          index = j;
        }
      }
      minVal = lowest;
      // Every unsettled column is forbidden from the tree: Hall's condition fails, no complete assignment.
      if (minVal === INF) return { feasible: false };
      if (row4col[index] === -1) sink = index;
      else i = row4col[index] as number;
      settled[nSettled] = index;
      settledV[nSettled] = v[index] as number;
      settledCost[nSettled] = lowest;
      nSettled++;
      v[index] = -INF;
      shortest[index] = INF;
    }

    // --- dual update keeps reduced costs non-negative on the tree ---
    // The rows scanned besides curRow are exactly the owners of the settled columns other than the sink.
    u[curRow] = (u[curRow] as number) + minVal;
    for (let k = 0; k < nSettled; k++) {
      const c = settled[k] as number;
      const d = settledCost[k] as number;
      v[c] = (settledV[k] as number) - minVal + d;
      if (c !== sink) {
        const r = row4col[c] as number;
        u[r] = (u[r] as number) + minVal - d;
      }
    }

    // --- augment along the path back to curRow ---
    let j = sink;
    for (;;) {
      const r = path[j] as number;
      row4col[j] = r;
      const previous = col4row[r] as number;
      col4row[r] = j;
      j = previous;
      if (r === curRow) break;
    }
  }

  // The total is summed from the cost matrix itself (not the duals), so integer costs give an exact integer total.
  let totalCost = 0;
  for (let r = 0; r < nr; r++) totalCost += cost[r * nc + (col4row[r] as number)] as number;
  return { feasible: true, rowToCol: col4row, totalCost };
}

/**
 * Convenience over a nested array, any shape: a matrix with more rows than columns is solved
 * transposed, and the rows left without a column get -1. Ragged rows throw a RangeError.
 */
export function solveAssignmentMatrix(
  rows: number[][],
): { feasible: true; rowToCol: (number | -1)[]; totalCost: number } | { feasible: false } {
  const nRows = rows.length;
  const nCols = nRows === 0 ? 0 : (rows[0] as number[]).length;
  const cost = new Float64Array(nRows * nCols);
  for (let i = 0; i < nRows; i++) {
    const row = rows[i] as number[];
    if (row.length !== nCols) throw new RangeError(`assignment: row ${i} has ${row.length} entries, expected ${nCols}`);
    for (let j = 0; j < nCols; j++) cost[i * nCols + j] = row[j] as number;
  }
  if (nRows <= nCols) {
    const result = solveLinearAssignment(cost, nRows, nCols);
    if (!result.feasible) return result;
    return { feasible: true, rowToCol: Array.from(result.rowToCol), totalCost: result.totalCost };
  }
  const result = solveLinearAssignment(transposeCost(cost, nRows, nCols), nCols, nRows);
  if (!result.feasible) return result;
  const rowToCol: (number | -1)[] = new Array(nRows).fill(-1);
  for (let c = 0; c < nCols; c++) rowToCol[result.rowToCol[c] as number] = c;
  return { feasible: true, rowToCol, totalCost: result.totalCost };
}
