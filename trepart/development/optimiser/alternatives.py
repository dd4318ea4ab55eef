"""The next-best plans after the optimum: each is the best plan that differs from all
plans found so far in at least one task (a no-good cut per plan found)."""

from __future__ import annotations

import numpy as np

from trepart.development.optimiser.core import optimise
from trepart.development.optimiser.model import FTE_BLOCKED, OPTIMAL, Problem, Solution
from trepart.development.optimiser.solve import solution_of
from trepart.development.optimiser.table import Table


def alternatives(problem: Problem, solution: Solution, count: int = 3) -> list[Solution]:
    """Up to ``count`` distinct plans, each the best one left, in order, none better than
    ``solution``. They keep its rules: for an FTE-blocked plan the FTE limit is left out as
    it was there; capped and infeasible plans have no alternatives."""
    if solution.status not in (OPTIMAL, FTE_BLOCKED) or count < 1:
        return []
    table = Table.build(problem)
    limit = problem.fte_limit if solution.status == OPTIMAL else None
    chosen = solution.kinds
    first = np.array(
        [
            kinds.index(chosen[item.key])
            for item, kinds in zip(problem.items, table.kinds, strict=True)
        ]
    )
    cuts = [first]
    found: list[Solution] = []
    for _number in range(count):
        outcome = optimise(
            table, objective=table.lost, target=problem.target, fte_limit=limit, cuts=cuts
        )
        if outcome.columns is None:
            break
        cuts.append(outcome.columns)
        found.append(
            solution_of(
                problem,
                table,
                outcome,
                status=solution.status,
                max_saving=solution.max_saving,
                blockers=solution.blockers,
            )
        )
    return found
