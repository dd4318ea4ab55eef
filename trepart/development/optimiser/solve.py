"""``solve``: one level per task so that the saving reaches the target while the weighted
quality lost is least, within statutory minimums, locks and the FTE limit — or, when no
such plan exists, the nearest useful plan and what blocks the target, by how much."""

from __future__ import annotations

from typing import Any

from trepart.development.optimiser.core import Outcome, optimise
from trepart.development.optimiser.model import (
    CAPPED,
    FTE_BLOCKED,
    INFEASIBLE,
    LEVEL_RANK,
    OPTIMAL,
    Problem,
    Solution,
    plan_of,
)
from trepart.development.optimiser.table import Ints, Table

# The rules a plan keeps, named as in the blockers, and how to leave each out.
RULES: dict[str, dict[str, bool]] = {
    "statutory": {"minimums": False, "locks": True},
    "locks": {"minimums": True, "locks": False},
}


def solve(problem: Problem, *, gap: float = 0.0, time_limit: float | None = None) -> Solution:
    """The plan losing the least weighted quality for the target (see the package's
    contract); ``gap`` is the relative optimality gap accepted, ``time_limit`` seconds."""
    table = Table.build(problem)
    stuck = table.stuck()
    if len(stuck):
        return _conflict(problem, stuck)
    max_saving = table.max_saving()
    if problem.target > max_saving:
        return _capped(problem, table, max_saving)
    outcome = optimise(
        table,
        objective=table.lost,
        target=problem.target,
        fte_limit=problem.fte_limit,
        gap=gap,
        time_limit=time_limit,
    )
    if outcome.columns is not None:
        return solution_of(problem, table, outcome, status=OPTIMAL, max_saving=max_saving)
    return _fte_blocked(problem, table, max_saving, gap=gap, time_limit=time_limit)


def solution_of(
    problem: Problem,
    table: Table,
    outcome: Outcome,
    *,
    status: str,
    max_saving: int,
    blockers: tuple[dict[str, Any], ...] = (),
) -> Solution:
    assert outcome.columns is not None
    return _solution(problem, table, outcome.columns, status, max_saving, blockers, gap=outcome.gap)


def _solution(
    problem: Problem,
    table: Table,
    columns: Ints,
    status: str,
    max_saving: int,
    blockers: tuple[dict[str, Any], ...],
    *,
    gap: float = 0.0,
) -> Solution:
    kinds = {item.key: table.kinds[i][int(columns[i])] for i, item in enumerate(problem.items)}
    choices, saving, fte_change, lost = plan_of(problem, kinds)
    redundant = 0.0
    if problem.fte_limit is not None:
        redundant = max(0.0, -fte_change - problem.fte_limit)
    return Solution(
        status=status,
        target=problem.target,
        saving=saving,
        max_saving=max_saving,
        fte_change=fte_change,
        fte_limit=problem.fte_limit,
        redundant_ftes=redundant,
        quality_lost=lost,
        gap=gap,
        choices=choices,
        blockers=blockers,
    )


def _conflict(problem: Problem, stuck: Ints) -> Solution:
    """Some task has no level a plan may choose: locked below its statutory minimum, or
    locked at a level it does not have."""
    blockers = []
    by_rule: dict[str, list[int]] = {"statutory": [], "locks": []}
    for row in stuck:
        item = problem.items[int(row)]
        below = item.minimum and LEVEL_RANK.get(item.locked, 0) < LEVEL_RANK.get(item.minimum, 0)
        by_rule["statutory" if below else "locks"].append(int(row))
    for rule, rows in by_rule.items():
        if rows:
            blockers.append(
                {
                    "constraint": rule,
                    "needed": problem.target,
                    "possible": 0,
                    "short_by": problem.target,
                    "conflict": True,
                    "keys": [problem.items[row].key for row in rows],
                    "names": [problem.items[row].name for row in rows],
                }
            )
    return Solution(
        status=INFEASIBLE,
        target=problem.target,
        saving=0,
        max_saving=0,
        fte_change=0.0,
        fte_limit=problem.fte_limit,
        redundant_ftes=0.0,
        quality_lost=0.0,
        gap=0.0,
        choices=(),
        blockers=tuple(blockers),
    )


def _restricted(problem: Problem, rule: str) -> list[int]:
    """Rows where ``rule`` takes levels away."""
    return [
        row
        for row, item in enumerate(problem.items)
        if len(item.allowed(**RULES[rule])) > len(item.allowed())
    ]


def _capped(problem: Problem, table: Table, max_saving: int) -> Solution:
    """The target is more than the portfolio can give: the plan at the maximum saving."""
    short_by = problem.target - max_saving
    blockers: list[dict[str, Any]] = [
        {
            "constraint": "target",
            "needed": problem.target,
            "possible": max_saving,
            "short_by": short_by,
        }
    ]
    for rule in RULES:
        without = Table.build(problem, **RULES[rule]).max_saving()
        if without > max_saving:
            rows = _restricted(problem, rule)
            blockers.append(
                {
                    "constraint": rule,
                    "needed": problem.target,
                    "possible": max_saving,
                    "short_by": short_by,
                    # How much more the portfolio could give without the rule.
                    "cost": without - max_saving,
                    "unit": "NOK",
                    "enough": without >= problem.target,
                    "keys": [problem.items[row].key for row in rows],
                    "names": [problem.items[row].name for row in rows],
                }
            )
    columns = table.max_saving_plan()
    _saving, _lost, reduction = table.totals(columns)
    if problem.fte_limit is not None and reduction > problem.fte_limit + 1e-9:
        blockers.append(_fte_blocker(problem, table, needed=reduction))
    return _solution(problem, table, columns, CAPPED, max_saving, tuple(blockers))


def _fte_blocker(
    problem: Problem, table: Table, *, needed: float, time_limit: float | None = None
) -> dict[str, Any]:
    limit = problem.fte_limit
    assert limit is not None
    within = optimise(
        table,
        objective=-table.saving,
        target=None,
        fte_limit=limit,
        time_limit=time_limit,
    )
    best = None if within.columns is None else round(-within.value)
    return {
        "constraint": "fte",
        "needed": round(needed, 2),
        "possible": round(limit, 2),
        "short_by": round(max(0.0, needed - limit), 2),
        "best_saving": best,
    }


def _fte_blocked(
    problem: Problem,
    table: Table,
    max_saving: int,
    *,
    gap: float,
    time_limit: float | None,
) -> Solution:
    """The target needs more FTE reduction than the limit: the plan without the limit,
    the least FTE reduction the target needs and the best saving within the limit."""
    free = optimise(
        table,
        objective=table.lost,
        target=problem.target,
        fte_limit=None,
        gap=gap,
        time_limit=time_limit,
    )
    fewest = optimise(table, objective=table.reduction, target=problem.target, fte_limit=None)
    assert free.columns is not None and fewest.columns is not None
    blockers = [_fte_blocker(problem, table, needed=fewest.value, time_limit=time_limit)]
    limit = problem.fte_limit
    assert limit is not None
    for rule in RULES:
        looser = Table.build(problem, **RULES[rule])
        least = optimise(looser, objective=looser.reduction, target=problem.target, fte_limit=None)
        if least.columns is not None and least.value < fewest.value - 1e-9:
            rows = _restricted(problem, rule)
            blockers.append(
                {
                    "constraint": rule,
                    "needed": round(fewest.value, 2),
                    "possible": round(limit, 2),
                    "short_by": round(fewest.value - limit, 2),
                    # How many fewer FTEs the target would need without the rule.
                    "cost": round(fewest.value - least.value, 2),
                    "unit": "FTE",
                    "enough": bool(least.value <= limit + 1e-9),
                    "keys": [problem.items[row].key for row in rows],
                    "names": [problem.items[row].name for row in rows],
                }
            )
    return solution_of(
        problem, table, free, status=FTE_BLOCKED, max_saving=max_saving, blockers=tuple(blockers)
    )
