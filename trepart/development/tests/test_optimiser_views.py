"""Each party's view of a plan, worked out by hand, and the next-best alternatives."""

from __future__ import annotations

import pytest

from trepart.development.optimiser import (
    Item,
    Option,
    Problem,
    alternatives,
    curve,
    party_views,
    solve,
)

ITEMS = (
    Item(
        "1",
        "Brøyting",
        (Option("KEEP", 1_000_000, 1.0, 6), Option("LOWER", 600_000, 0.6, 4)),
        weight=2.0,
    ),
    Item(
        "2",
        "Feiing",
        (Option("KEEP", 300_000, 0.3, 5), Option("REMOVE", 0, 0.0, 0)),
        weight=1.0,
    ),
    Item(
        "3",
        "Bibliotek",
        (Option("KEEP", 500_000, 0.5, 6), Option("RAISE", 600_000, 0.6, 8)),
        weight=1.0,
    ),
)
PLAN = {"1": "LOWER", "2": "REMOVE", "3": "RAISE"}
WEIGHTS = {
    "POLITICAL": {"1": 5.0, "2": 1.0, "3": 10.0},
    "EMPLOYEE": {"1": 2.0, "2": 8.0, "3": 0.0},
    # No weight for task 3: it counts with the item's own weight.
    "ADMINISTRATION": {"1": 0.0, "2": 0.0},
}


def test_each_party_sees_the_quality_lost_under_its_own_weights():
    problem = Problem(ITEMS, target=600_000, fte_limit=None)
    views = party_views(problem, PLAN, WEIGHTS)
    # 5 x (6-4) + 1 x (5-0) + 10 x (6-8) = 10 + 5 - 20
    assert views["POLITICAL"] == pytest.approx(-5.0)
    # 2 x 2 + 8 x 5 + 0
    assert views["EMPLOYEE"] == pytest.approx(44.0)
    assert views["ADMINISTRATION"] == pytest.approx(-2.0)


def test_party_views_read_a_solution_and_its_stored_form_alike():
    problem = Problem(ITEMS, target=600_000, fte_limit=None)
    solution = solve(problem)
    assert solution.kinds == PLAN
    stored = solution.as_json()["choices"]
    assert party_views(problem, solution, WEIGHTS) == party_views(problem, stored, WEIGHTS)
    assert party_views(problem, stored, WEIGHTS) == party_views(problem, PLAN, WEIGHTS)


def test_alternatives_come_in_order_and_none_beats_the_optimum():
    problem = Problem(ITEMS, target=600_000, fte_limit=None)
    best = solve(problem)
    found = alternatives(problem, best, count=5)
    # Reaching 600 000 needs task 1 lowered and task 2 removed; task 3 may be raised or
    # kept: one other plan.
    assert [a.kinds for a in found] == [{"1": "LOWER", "2": "REMOVE", "3": "KEEP"}]
    assert found[0].quality_lost == pytest.approx(4.0 + 5.0)
    assert best.quality_lost == pytest.approx(4.0 + 5.0 - 2.0)


def test_capped_plans_have_no_alternatives():
    problem = Problem(ITEMS, target=5_000_000, fte_limit=None)
    assert alternatives(problem, solve(problem)) == []


def test_curve_runs_from_nothing_to_the_most_the_portfolio_gives():
    problem = Problem(ITEMS, target=0, fte_limit=None)
    line = curve(problem, points=3)
    assert [saving for saving, _lost in line] == [0, 350_000, 700_000]
    # At 0 raising the library (-2) would need Brøyting lowered (+4) to pay for it, so
    # nothing changes; 350 000 needs Brøyting lowered (4), and then the 100 000 the
    # raise costs is no longer there; 700 000 needs both cuts (4 + 5).
    assert line == [(0, 0.0), (350_000, 4.0), (700_000, 9.0)]
