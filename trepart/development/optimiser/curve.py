"""The trade-off curve: for savings from nothing to the most the portfolio can give, the
least weighted quality lost — the points the group picks a target from.

Every point is an exact solve, but the work is shared: the dominance pruning is done once,
and one sort of the tasks' hull steps (``baselines.hull_steps``) gives each point's LP
bound, its price of a krone and a good plan to start from, so each point only branches on
the few tasks reduced-cost fixing leaves open."""

from __future__ import annotations

import numpy as np

from trepart.development.optimiser.baselines import Steps, hull_steps, lp_bound
from trepart.development.optimiser.core import granularity, optimise, undominated_in
from trepart.development.optimiser.heuristics import Rules, polish
from trepart.development.optimiser.model import Problem
from trepart.development.optimiser.table import Bools, Ints, Table


def curve(problem: Problem, points: int = 20) -> list[tuple[int, float]]:
    """``points`` pairs (saving, least quality lost) at evenly spaced savings from 0 to
    the maximum (within the FTE limit when there is one); savings no plan reaches within
    the limit are left out. The quality lost never falls as the saving rises."""
    table = Table.build(problem)
    if len(table.stuck()) or points < 1:
        return []
    top = _top(problem, table)
    if top is None:
        return []
    if top <= 0 or points == 1:
        savings = [top]
    else:
        savings = [round(top * k / (points - 1)) for k in range(points)]
    allowed = table.allowed & undominated_in(
        table, table.allowed, table.lost, problem.fte_limit is not None
    )
    pruned = Table(table.saving, table.lost, table.reduction, allowed, table.kinds)
    result: list[tuple[int, float]] = []
    steps = hull_steps(pruned) if problem.fte_limit is None else None
    # From the largest saving down: each point's plan also reaches every smaller saving,
    # so it is the next point's first upper bound.
    previous: Ints | None = None
    for saving in reversed(savings):
        candidates = allowed if steps is None else _fixed(pruned, steps, saving, previous)
        outcome = optimise(
            table,
            objective=table.lost,
            target=saving,
            fte_limit=problem.fte_limit,
            candidates=candidates,
            start=previous,
        )
        if outcome.columns is not None:
            result.append((saving, round(outcome.value, 6)))
            previous = outcome.columns
    result.reverse()
    # Equal-cost ties are solved independently; keep the curve monotone to the last digit.
    for k in range(1, len(result)):
        if result[k][1] < result[k - 1][1]:
            result[k] = (result[k][0], result[k - 1][1])
    return result


def _top(problem: Problem, table: Table) -> int | None:
    """The largest saving a plan can reach (within the FTE limit, if any)."""
    if problem.fte_limit is None:
        return table.max_saving()
    best = optimise(table, objective=-table.saving, target=None, fte_limit=problem.fte_limit)
    return None if best.columns is None else round(-best.value)


def _fixed(table: Table, steps: Steps, target: int, previous: Ints | None) -> Bools:
    """The levels that can still be in an optimal plan for ``target``: the hull walk gives
    the LP bound and price, the greedy plan or the previous point's plan, polished, gives
    an upper bound, and every level whose reduced cost exceeds the difference is fixed
    out."""
    bound, price = lp_bound(table, steps, target)
    if not np.isfinite(bound):
        return table.allowed
    plan = _greedy_plan(table, steps, target)
    rules = Rules(table, table.lost, table.allowed, target, None)
    plan = polish(rules, plan)
    if previous is not None:
        plan = min(plan, polish(rules, previous), key=rules.value)
    upper = rules.value(plan)
    reduced = np.where(table.allowed, table.lost - price * table.saving, np.inf)
    cheapest = reduced.min(axis=1, keepdims=True)
    lagrangian = float(cheapest.sum()) + price * target
    room = upper - lagrangian - granularity(table.lost[table.allowed])
    room += 1e-7 * max(1.0, abs(upper))
    keep = table.allowed & (reduced - cheapest <= room)
    keep[np.arange(table.size), plan] = True
    return keep


def _greedy_plan(table: Table, steps: Steps, target: int) -> Ints:
    columns = steps.start.copy()
    rows = np.arange(table.size)
    saving = float(table.saving[rows, columns].sum())
    for k in range(len(steps.row)):
        if saving >= target:
            break
        columns[steps.row[k]] = steps.column[k]
        saving += float(steps.d_save[k])
    return columns
