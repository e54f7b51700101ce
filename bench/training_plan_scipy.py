"""Reference side of bench/training-plan.bench.ts: scipy.optimize.milp (scipy's native HiGHS) on an MPS model.

Usage:  /usr/bin/python3 bench/training_plan_scipy.py <model.mps> [--seconds 600] [--gap 1e-4] [--lp [--ipm]]

--lp solves the model's LP relaxation (every column continuous): the national bound of
bench/training-plan.bench.ts, the unit-free aggregation's LP that large-plan.ts takes as its bound
and that HiGHS-WASM cannot solve at that size. Its "bound" is the LP optimum, reported only when the
LP is solved to optimality (an LP stopped by the time limit gives no bound); "read_seconds" is
the time to read the file (not included in "seconds"). --ipm solves that LP with
scipy.optimize.linprog(method="highs-ipm") (HiGHS's interior point, then crossover) instead of
milp's dual simplex: on the national LP (783,058 columns) the simplex did not finish in 600 s.

The model is the one Cadre solves, exported by the bench with `toMpsFormat` (free MPS as HiGHS
writes it: NAME, OBJSENSE, ROWS, COLUMNS with INTORG/INTEND markers, RHS, BOUNDS, ENDATA). This
reads it into arrays and calls milp with the time limit; reading is not timed.

Prints one JSON line: {"status": <milp status>, "message", "objective": <in the model's own sense,
null without a solution>, "bound": <best dual bound, same sense>, "gap", "seconds", "scipy"}.
"""

import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import vstack
from scipy.sparse import coo_matrix


def read_mps(path: str):
    sense = 1.0
    section = None
    rows: dict[str, int] = {}
    row_type: list[str] = []
    obj_row = None
    cols: dict[str, int] = {}
    integer = False
    integral: list[int] = []
    cost: list[float] = []
    ai: list[int] = []
    aj: list[int] = []
    av: list[float] = []
    rhs: dict[int, float] = {}
    lower: dict[int, float] = {}
    upper: dict[int, float] = {}
    with open(path, encoding="ascii") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("*"):
                continue
            if not line[0].isspace():
                word = line.split()[0]
                section = word
                if word == "OBJSENSE" and len(line.split()) > 1:
                    sense = -1.0 if line.split()[1].upper() in ("MAX", "MAXIMIZE") else 1.0
                continue
            t = line.split()
            if section == "OBJSENSE":
                sense = -1.0 if t[0].upper() in ("MAX", "MAXIMIZE") else 1.0
            elif section == "ROWS":
                if t[0] == "N":
                    if obj_row is None:
                        obj_row = t[1]
                    continue
                rows[t[1]] = len(row_type)
                row_type.append(t[0])
            elif section == "COLUMNS":
                if len(t) >= 3 and t[1] == "'MARKER'":
                    integer = t[2] == "'INTORG'"
                    continue
                name = t[0]
                j = cols.get(name)
                if j is None:
                    j = cols[name] = len(cost)
                    cost.append(0.0)
                    integral.append(1 if integer else 0)
                for k in range(1, len(t) - 1, 2):
                    r, v = t[k], float(t[k + 1])
                    if r == obj_row:
                        cost[j] = v
                    else:
                        ai.append(rows[r])
                        aj.append(j)
                        av.append(v)
            elif section == "RHS":
                pairs = t[1:] if len(t) % 2 == 1 else t
                for k in range(0, len(pairs) - 1, 2):
                    if pairs[k] in rows:
                        rhs[rows[pairs[k]]] = float(pairs[k + 1])
            elif section == "BOUNDS":
                kind, name = t[0], t[2]
                j = cols[name]
                value = float(t[3]) if len(t) > 3 else 0.0
                if kind == "UP":
                    upper[j] = value
                elif kind == "LO":
                    lower[j] = value
                elif kind == "FX":
                    lower[j] = upper[j] = value
                elif kind == "BV":
                    lower[j], upper[j] = 0.0, 1.0
                    integral[j] = 1
                elif kind == "LI":
                    lower[j] = value
                    integral[j] = 1
                elif kind == "UI":
                    upper[j] = value
                    integral[j] = 1
                elif kind == "MI":
                    lower[j] = -np.inf
                elif kind == "PL":
                    upper[j] = np.inf
                elif kind == "FR":
                    lower[j], upper[j] = -np.inf, np.inf
            elif section == "RANGES":
                raise SystemExit("RANGES are not used by the plan models")
    n, m = len(cost), len(row_type)
    lb_col = np.array([lower.get(j, 0.0) for j in range(n)])
    # Integer columns without an UP bound are unbounded above in free MPS as HiGHS writes it.
    ub_col = np.array([upper.get(j, np.inf) for j in range(n)])
    A = coo_matrix((av, (ai, aj)), shape=(m, n)).tocsr()
    b = np.array([rhs.get(i, 0.0) for i in range(m)])
    lo = np.where(np.array([t in ("G", "E") for t in row_type]), b, -np.inf)
    hi = np.where(np.array([t in ("L", "E") for t in row_type]), b, np.inf)
    return sense, np.array(cost), np.array(integral), lb_col, ub_col, A, lo, hi


def main() -> None:
    args = sys.argv[1:]
    seconds, gap = 600.0, 1e-4
    if "--seconds" in args:
        k = args.index("--seconds")
        seconds = float(args[k + 1])
        del args[k : k + 2]
    if "--gap" in args:
        k = args.index("--gap")
        gap = float(args[k + 1])
        del args[k : k + 2]
    relax = "--lp" in args
    if relax:
        args.remove("--lp")
    ipm = "--ipm" in args
    if ipm:
        args.remove("--ipm")
        relax = True
    if len(args) != 1:
        sys.exit("usage: training_plan_scipy.py <model.mps> [--seconds S] [--gap G] [--lp]")
    read_started = time.perf_counter()
    sense, c, integrality, lb, ub, A, lo, hi = read_mps(args[0])
    read_seconds = time.perf_counter() - read_started
    if relax:
        integrality = np.zeros_like(integrality)
    started = time.perf_counter()
    if ipm:
        # linprog wants A_ub x <= b_ub: rows with an upper side as they are, rows with a lower side negated.
        up, down = np.isfinite(hi), np.isfinite(lo)
        a_ub = vstack([A[up], -A[down]]).tocsr()
        b_ub = np.concatenate([hi[up], -lo[down]])
        res = linprog(
            sense * c,
            A_ub=a_ub,
            b_ub=b_ub,
            bounds=np.column_stack([lb, np.where(np.isfinite(ub), ub, np.inf)]),
            method="highs-ipm",
            options={"time_limit": seconds, "disp": False},
        )
    else:
        res = milp(
            sense * c,
            integrality=integrality,
            bounds=Bounds(lb, ub),
            constraints=LinearConstraint(A, lo, hi) if A.shape[0] > 0 else None,
            options={"time_limit": seconds, "mip_rel_gap": gap, "disp": False},
        )
    elapsed = time.perf_counter() - started
    has_x = res.x is not None
    bound = getattr(res, "mip_dual_bound", None)
    if relax:
        # An LP's optimum is its bound; stopped early, the primal value bounds nothing.
        bound = res.fun if has_x and res.status == 0 else None
    print(
        json.dumps(
            {
                "status": int(res.status),
                "message": str(res.message),
                "objective": float(sense * res.fun) if has_x and res.fun is not None else None,
                "bound": float(sense * bound) if bound is not None and np.isfinite(bound) else None,
                "gap": float(res.mip_gap) if getattr(res, "mip_gap", None) is not None else None,
                "seconds": elapsed,
                "columns": int(len(c)),
                "rows": int(A.shape[0]),
                "scipy": scipy.__version__,
                "relaxation": relax,
                "method": "highs-ipm" if ipm else "milp",
                "read_seconds": read_seconds,
            }
        )
    )


if __name__ == "__main__":
    main()
