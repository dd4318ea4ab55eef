"""What ``solve`` is measured against: a greedy ratio heuristic and a plain ``milp`` model
(every level a binary variable, one equality row per task, no preprocessing).

The greedy also gives the trade-off curve its warm start: per task the lower convex hull of
(saving, quality lost), walked in order of quality lost per krone saved, is the LP
relaxation's path, so one sort answers every target's LP bound."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from trepart.development.optimiser.core import Outcome
from trepart.development.optimiser.model import (
    CAPPED,
    FTE_BLOCKED,
    INFEASIBLE,
    OPTIMAL,
    Problem,
    Solution,
)
from trepart.development.optimiser.solve import solution_of
from trepart.development.optimiser.table import Ints, Table


@dataclass(frozen=True)
class Steps:
    """Per task its starting level (the least quality lost) and the hull steps up from it,
    sorted by quality lost per krone: ``row``, ``origin`` → ``column``, and what each step
    adds to saving, quality lost and FTE reduction."""

    start: Ints
    row: Ints
    origin: Ints
    column: Ints
    d_save: np.ndarray
    d_lost: np.ndarray
    d_red: np.ndarray


def hull_steps(table: Table) -> Steps:
    lost = np.where(table.allowed, table.lost, np.inf)
    # Start at the least quality lost, the largest saving among ties.
    least = lost.min(axis=1, keepdims=True)
    start = np.where(lost <= least + 1e-9, table.saving, -np.inf).argmax(axis=1)
    found: list[tuple[float, int, int, int, float, float, float]] = []
    for row in range(table.size):
        here = int(start[row])
        columns = np.flatnonzero(table.allowed[row])
        while True:
            s0, l0 = table.saving[row, here], table.lost[row, here]
            best, best_slope = -1, np.inf
            for column in columns:
                ds = table.saving[row, column] - s0
                if ds <= 0:
                    continue
                slope = (table.lost[row, column] - l0) / ds
                if slope < best_slope - 1e-12 or (
                    abs(slope - best_slope) <= 1e-12 and ds > table.saving[row, best] - s0
                ):
                    best, best_slope = int(column), slope
            if best < 0:
                break
            found.append(
                (
                    best_slope,
                    row,
                    here,
                    best,
                    table.saving[row, best] - s0,
                    table.lost[row, best] - l0,
                    table.reduction[row, best] - table.reduction[row, here],
                )
            )
            here = best
    # Steps of one task have rising slopes (a convex hull); the stable sort on the slope
    # keeps them in order when slopes tie.
    found.sort(key=lambda step: step[0])
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return Steps(start, empty, empty, empty, np.zeros(0), np.zeros(0), np.zeros(0))
    _slopes, rows, origins, columns, d_save, d_lost, d_red = (
        np.array(x) for x in zip(*found, strict=True)
    )
    return Steps(start, rows, origins, columns, d_save, d_lost, d_red)


def lp_bound(table: Table, steps: Steps, target: float) -> tuple[float, float]:
    """The LP relaxation's least quality lost for ``target`` (no FTE limit), and the price
    of a krone saved at that target (the slope of the step it stops in)."""
    rows = np.arange(table.size)
    base_save = float(table.saving[rows, steps.start].sum())
    base_lost = float(table.lost[rows, steps.start].sum())
    need = target - base_save
    if need <= 0:
        return base_lost, 0.0
    reached = np.cumsum(steps.d_save)
    stop = int(np.searchsorted(reached, need - 1e-9))
    if stop >= len(reached):
        return np.inf, np.inf
    before = reached[stop - 1] if stop else 0.0
    share = (need - before) / steps.d_save[stop]
    lost = base_lost + float(steps.d_lost[:stop].sum()) + share * float(steps.d_lost[stop])
    return lost, float(steps.d_lost[stop] / steps.d_save[stop])


def greedy(problem: Problem) -> Solution:
    """Start every task at its least quality lost, then take hull steps in order of quality
    lost per krone saved until the target is reached (skipping steps the FTE limit does not
    allow). ``gap`` is measured against the LP bound, so it is an upper bound on the true
    gap."""
    table = Table.build(problem)
    if len(table.stuck()):
        return _failed(problem, INFEASIBLE, 0)
    max_saving = table.max_saving()
    steps = hull_steps(table)
    columns = steps.start.copy()
    saving, lost, reduction = table.totals(columns)
    limit = problem.fte_limit
    frozen = np.zeros(table.size, dtype=bool)
    for k in range(len(steps.row)):
        if saving >= problem.target:
            break
        row = int(steps.row[k])
        if frozen[row] or columns[row] != steps.origin[k]:
            continue
        if limit is not None and reduction + steps.d_red[k] > limit + 1e-9:
            frozen[row] = True
            continue
        columns[row] = steps.column[k]
        saving += steps.d_save[k]
        lost += steps.d_lost[k]
        reduction += steps.d_red[k]
    over = limit is not None and reduction > limit + 1e-9
    if saving < problem.target - 1e-6 or over:
        status = CAPPED if problem.target > max_saving else FTE_BLOCKED
        return _failed(problem, status, max_saving)
    bound, _price = lp_bound(table, steps, problem.target)
    return solution_of(
        problem, table, Outcome(columns, lost, bound), status=OPTIMAL, max_saving=max_saving
    )


def _failed(problem: Problem, status: str, max_saving: int) -> Solution:
    return Solution(
        status=status,
        target=problem.target,
        saving=0,
        max_saving=max_saving,
        fte_change=0.0,
        fte_limit=problem.fte_limit,
        redundant_ftes=0.0,
        quality_lost=0.0,
        gap=0.0,
        choices=(),
    )


def plain_milp(problem: Problem, *, gap: float = 0.0, time_limit: float | None = None) -> Solution:
    """The textbook model handed to HiGHS as it is: a binary per level, "exactly one per
    task", the saving and FTE rows, forbidden levels as zero upper bounds."""
    table = Table.build(problem)
    if len(table.stuck()):
        return _failed(problem, INFEASIBLE, 0)
    max_saving = table.max_saving()
    if table.size == 0:
        if problem.target > 0:
            return _failed(problem, CAPPED, 0)
        empty = np.zeros(0, dtype=np.int64)
        return solution_of(problem, table, Outcome(empty, 0.0, 0.0), status=OPTIMAL, max_saving=0)
    width = table.allowed.shape[1]
    present = np.array(
        [[j < len(kinds) for j in range(width)] for kinds in table.kinds], dtype=bool
    ).reshape(table.size, width)
    rows, cols = np.nonzero(present)
    n = len(rows)
    blocks = [sparse.csr_array((np.ones(n), (rows, np.arange(n))), shape=(table.size, n))]
    lower = [np.ones(table.size)]
    upper = [np.ones(table.size)]
    blocks.append(sparse.csr_array(table.saving[rows, cols].reshape(1, -1)))
    lower.append(np.array([float(problem.target)]))
    upper.append(np.array([np.inf]))
    if problem.fte_limit is not None:
        blocks.append(sparse.csr_array(table.reduction[rows, cols].reshape(1, -1)))
        lower.append(np.array([-np.inf]))
        upper.append(np.array([problem.fte_limit]))
    options: dict[str, float] = {"mip_rel_gap": gap}
    if time_limit is not None:
        options["time_limit"] = time_limit
    result = milp(
        table.lost[rows, cols],
        constraints=LinearConstraint(
            sparse.vstack(blocks, format="csr"), np.concatenate(lower), np.concatenate(upper)
        ),
        integrality=np.ones(n),
        bounds=Bounds(0, table.allowed[rows, cols].astype(float)),
        options=options,
    )
    if result.x is None:
        return _failed(problem, INFEASIBLE, max_saving)
    columns = np.zeros(table.size, dtype=np.int64)
    taken = np.asarray(result.x) > 0.5
    columns[rows[taken]] = cols[taken]
    value = float(result.fun)
    bound = getattr(result, "mip_dual_bound", value)
    return solution_of(
        problem,
        table,
        Outcome(columns, value, value if bound is None else float(bound)),
        status=OPTIMAL,
        max_saving=max_saving,
    )
