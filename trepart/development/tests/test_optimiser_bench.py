"""The optimiser's bench steps: registered, compared once with the baselines, and the
comparison printed as the step's note."""

from __future__ import annotations

import pytest

from trepart.accounts.tests.factories import MunicipalityFactory
from trepart.development.bench import (
    FULL_SIZE_UNITS,
    _Step,
    bench_steps,
    compare_curve,
    compare_solve,
)
from trepart.development.optimiser import solve
from trepart.development.optimiser.synthetic import portfolio
from trepart.organisation.tests.factories import UnitFactory
from trepart.platform.bench_registry import BenchContext, step_sources


def _context(units: int) -> BenchContext:
    municipality = MunicipalityFactory.create()
    UnitFactory.create_batch(units, municipality=municipality)
    return BenchContext(municipality=municipality, users={})


@pytest.mark.django_db
def test_the_three_optimiser_steps_are_registered_at_full_size_for_a_large_municipality():
    names = [step.name for step in bench_steps(_context(FULL_SIZE_UNITS))]
    assert names == [
        "Optimiser: 1,000 tasks x 4 levels, proven optimal",
        "Optimiser: 10,000 tasks x 4 levels, within 0.1 %",
        "Optimiser: trade-off curve of 1,000 tasks, 20 points",
    ]
    # ``trepart bench`` finds them through the app registry.
    assert bench_steps in step_sources()


@pytest.mark.django_db
def test_a_small_municipality_times_a_tenth_and_says_so():
    names = [step.name for step in bench_steps(_context(3))]
    assert names == [
        "Optimiser: 100 tasks x 4 levels, proven optimal",
        "Optimiser: 1,000 tasks x 4 levels, within 0.1 %",
        "Optimiser: trade-off curve of 100 tasks, 20 points",
    ]


def test_comparisons_give_ratios_and_the_greedy_gap():
    problem = portfolio(40, seed=5)
    line = compare_solve(problem, gap=0.0)
    assert line.startswith("gap 0.0000%; plain milp ")
    assert "x ours" in line and "greedy" in line
    assert "quality points" in compare_curve(problem, points=3)


def test_a_step_compares_once_then_only_times_the_optimiser():
    made = []

    def make():
        made.append(1)
        return portfolio(30, seed=1)

    step = _Step(make=make, timed=solve, compare=lambda problem: f"{len(problem.items)} tasks")
    assert step().bench_note == "30 tasks"
    assert step().bench_note == "30 tasks" and len(made) == 1
