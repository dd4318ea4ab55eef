"""The optimiser against brute force on small portfolios (hypothesis): the same optimum,
feasible plans, statutory minimums and locks never broken, the right numbers when the target
is capped or the FTE limit blocks, and alternatives and the curve consistent with it."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from trepart.development.optimiser import (
    CAPPED,
    FTE_BLOCKED,
    INFEASIBLE,
    OPTIMAL,
    Item,
    Option,
    Problem,
    solve,
)
from trepart.development.optimiser.alternatives import alternatives
from trepart.development.optimiser.baselines import greedy, plain_milp
from trepart.development.optimiser.curve import curve
from trepart.development.optimiser.model import LEVEL_RANK, Solution

FAST = settings(max_examples=60, deadline=None)
TOLERANCE = 1e-6


@st.composite
def items(draw: st.DrawFn, key: int, *, any_weight: bool = False) -> Item:
    kinds = ["KEEP", *draw(st.sets(st.sampled_from(["REMOVE", "LOWER", "RAISE"])))]
    options = tuple(
        Option(
            kind,
            draw(st.integers(0, 40)) * 100_000,
            draw(st.integers(0, 40)) / 10,
            float(draw(st.integers(0, 10))),
        )
        for kind in kinds
    )
    weight = (
        draw(st.floats(0, 10, allow_nan=False)) if any_weight else draw(st.integers(0, 100)) / 10
    )
    minimum = draw(st.sampled_from(["", "", "LOWER", "KEEP", "RAISE"]))
    locked = draw(st.sampled_from(["", "", "", "LOWER", "KEEP"]))
    return Item(str(key), f"Oppgave {key}", options, weight, minimum=minimum, locked=locked)


@st.composite
def problems(draw: st.DrawFn, *, any_weight: bool = False) -> Problem:
    count = draw(st.integers(1, 6))
    tasks = tuple(draw(items(key, any_weight=any_weight)) for key in range(1, count + 1))
    target = draw(st.integers(-5, 60)) * 100_000
    limit = draw(st.one_of(st.none(), st.integers(0, 60).map(lambda tenths: tenths / 10)))
    return Problem(tasks, target, limit)


@dataclass(frozen=True)
class Plan:
    kinds: dict[str, str]
    saving: int
    reduction: float
    lost: float


def every_plan(problem: Problem) -> list[Plan]:
    plans = []
    for combination in itertools.product(*(item.allowed() for item in problem.items)):
        pairs = list(zip(problem.items, combination, strict=True))
        plans.append(
            Plan(
                {item.key: option.kind for item, option in pairs},
                sum(item.saving(option) for item, option in pairs),
                -sum(item.fte_change(option) for item, option in pairs),
                sum(item.quality_lost(option) for item, option in pairs),
            )
        )
    return plans


def reaches(plan: Plan, problem: Problem, *, with_limit: bool = True) -> bool:
    if plan.saving < problem.target:
        return False
    limit = problem.fte_limit
    return not (with_limit and limit is not None and plan.reduction > limit + TOLERANCE)


def rules_kept(problem: Problem, solution: Solution) -> None:
    for item, choice in zip(problem.items, solution.choices, strict=True):
        assert choice.key == item.key
        if item.minimum:
            assert LEVEL_RANK[choice.kind] >= LEVEL_RANK[item.minimum]
        if item.locked:
            assert choice.kind == item.locked


def check_against_brute_force(problem: Problem) -> None:
    solution = solve(problem)
    plans = every_plan(problem)
    if not plans:
        assert solution.status == INFEASIBLE and solution.blockers
        return
    rules_kept(problem, solution)
    assert solution.saving == sum(c.saving for c in solution.choices)
    max_saving = max(plan.saving for plan in plans)
    assert solution.max_saving == max_saving
    if problem.target > max_saving:
        assert solution.status == CAPPED and solution.saving == max_saving
        at_max = min(plan.lost for plan in plans if plan.saving == max_saving)
        assert abs(solution.quality_lost - at_max) < TOLERANCE
        target = solution.blockers[0]
        assert target["short_by"] == problem.target - max_saving
        return
    feasible = [plan for plan in plans if reaches(plan, problem)]
    if feasible:
        assert solution.status == OPTIMAL and solution.gap == 0.0
        assert abs(solution.quality_lost - min(p.lost for p in feasible)) < TOLERANCE
        assert solution.saving >= problem.target
        limit = problem.fte_limit
        assert limit is None or -solution.fte_change <= limit + TOLERANCE
        return
    assert solution.status == FTE_BLOCKED and problem.fte_limit is not None
    free = [plan for plan in plans if reaches(plan, problem, with_limit=False)]
    assert abs(solution.quality_lost - min(p.lost for p in free)) < TOLERANCE
    assert abs(solution.redundant_ftes - (-solution.fte_change - problem.fte_limit)) < 1e-9
    fte = solution.blockers[0]
    fewest = min(plan.reduction for plan in free)
    assert fte["constraint"] == "fte" and abs(fte["needed"] - round(fewest, 2)) < 1e-9
    within = [p.saving for p in plans if p.reduction <= problem.fte_limit + TOLERANCE]
    assert fte["best_saving"] == (max(within) if within else None)


@FAST
@given(problems())
def test_solve_matches_brute_force(problem: Problem) -> None:
    check_against_brute_force(problem)


@FAST
@given(problems(any_weight=True))
def test_solve_matches_brute_force_with_any_real_weights(problem: Problem) -> None:
    check_against_brute_force(problem)


@FAST
@given(problems())
def test_statutory_minimums_and_locks_hold_in_every_answer(problem: Problem) -> None:
    for solution in (solve(problem), greedy(problem)):
        if solution.choices:
            rules_kept(problem, solution)


@FAST
@given(problems())
def test_baselines_are_feasible_and_never_better(problem: Problem) -> None:
    best = solve(problem)
    if best.status != OPTIMAL:
        return
    quick = greedy(problem)
    if quick.status == OPTIMAL:
        assert quick.saving >= problem.target
        limit = problem.fte_limit
        assert limit is None or -quick.fte_change <= limit + TOLERANCE
        assert quick.quality_lost >= best.quality_lost - TOLERANCE
    plain = plain_milp(problem)
    assert abs(plain.quality_lost - best.quality_lost) < TOLERANCE


@FAST
@given(problems())
def test_alternatives_are_distinct_feasible_and_the_next_best(problem: Problem) -> None:
    best = solve(problem)
    found = alternatives(problem, best, count=3)
    if best.status != OPTIMAL:
        return
    seen = [best.kinds] + [alternative.kinds for alternative in found]
    assert all(a != b for a, b in itertools.combinations(seen, 2))
    others = [
        plan for plan in every_plan(problem) if reaches(plan, problem) and plan.kinds != best.kinds
    ]
    assert len(found) == min(3, len(others))
    if others:
        assert abs(found[0].quality_lost - min(p.lost for p in others)) < TOLERANCE
    previous = best.quality_lost
    for alternative in found:
        rules_kept(problem, alternative)
        assert alternative.saving >= problem.target
        assert alternative.quality_lost >= previous - TOLERANCE
        previous = alternative.quality_lost


@FAST
@given(problems(), st.integers(2, 8))
def test_curve_is_monotone_and_exact(problem: Problem, points: int) -> None:
    plans = every_plan(problem)
    line = curve(problem, points)
    if not plans:
        assert line == []
        return
    savings = [saving for saving, _lost in line]
    assert savings == sorted(savings)
    losses = [lost for _saving, lost in line]
    assert all(b >= a - TOLERANCE for a, b in itertools.pairwise(losses))
    for saving, lost in line:
        at = Problem(problem.items, saving, problem.fte_limit)
        reaching = [plan.lost for plan in plans if reaches(plan, at)]
        assert abs(lost - min(reaching)) < TOLERANCE
