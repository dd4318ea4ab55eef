"""The optimiser on hand-made portfolios: the optimal plan, the stored form, capped and
FTE-blocked answers with their numbers, locks, statutory minimums and conflicts."""

from __future__ import annotations

from typing import Any

import pytest

from trepart.development.optimiser import (
    CAPPED,
    FTE_BLOCKED,
    INFEASIBLE,
    OPTIMAL,
    Item,
    Option,
    Problem,
    dominated,
    plain_milp,
    solve,
    synthetic,
)


def task(
    key: str,
    keep: int,
    *,
    lower: int | None = None,
    remove: int | None = None,
    raise_: int | None = None,
    weight: float = 1.0,
    ftes: float = 1.0,
    minimum: str = "",
    locked: str = "",
) -> Item:
    """A task costing ``keep`` today at quality 6; LOWER gives quality 4, REMOVE 0,
    RAISE 8; FTEs in proportion to cost."""
    options = [Option("KEEP", keep, ftes, 6.0)]
    for kind, cost, quality in (
        ("LOWER", lower, 4.0),
        ("REMOVE", remove, 0.0),
        ("RAISE", raise_, 8.0),
    ):
        if cost is not None:
            options.append(Option(kind, cost, round(ftes * cost / keep, 2), quality))
    return Item(key, f"Oppgave {key}", tuple(options), weight, minimum=minimum, locked=locked)


def portfolio(target: int, fte_limit: float | None = None, **changes: Any) -> Problem:
    items: dict[str, dict[str, Any]] = {
        "1": {"keep": 1_000_000, "lower": 600_000, "remove": 0, "weight": 2.0, "ftes": 1.0},
        "2": {"keep": 2_000_000, "lower": 1_500_000, "remove": 100_000, "weight": 1.0, "ftes": 2.0},
        "3": {"keep": 500_000, "lower": 300_000, "remove": 0, "weight": 5.0, "ftes": 0.5},
    }
    for key, change in changes.items():
        items[key.removeprefix("t")].update(change)
    return Problem(tuple(task(key, **values) for key, values in items.items()), target, fte_limit)


def test_optimal_plan_reaches_target_for_least_quality_lost():
    # Lowering task 2 saves 500 000 for 2 points (weight 1); task 1 saves 400 000 for 4.
    solution = solve(portfolio(500_000))
    assert solution.status == OPTIMAL
    assert solution.kinds == {"1": "KEEP", "2": "LOWER", "3": "KEEP"}
    assert solution.saving == 500_000 and solution.quality_lost == 2.0
    assert solution.fte_change == pytest.approx(-0.5)
    assert solution.gap == 0.0 and solution.blockers == ()


def test_as_json_has_the_stored_fields():
    stored = solve(portfolio(500_000, fte_limit=3.0)).as_json()
    assert set(stored) == {
        "status",
        "target",
        "saving",
        "max_saving",
        "fte_change",
        "fte_limit",
        "redundant_ftes",
        "quality_lost",
        "gap",
        "choices",
        "blockers",
    }
    assert stored["max_saving"] == 1_000_000 + 1_900_000 + 500_000
    choice = next(c for c in stored["choices"] if c["key"] == "2")
    assert choice == {
        "key": "2",
        "name": "Oppgave 2",
        "kind": "LOWER",
        "saving": 500_000,
        "fte_change": -0.5,
        "quality_lost": 2.0,
        "locked": False,
        "minimum": "",
    }
    assert stored["fte_limit"] == 3.0 and stored["redundant_ftes"] == 0.0


def test_raise_is_chosen_when_the_target_leaves_room_for_it():
    # Task 3 raised costs 200 000 and gains 2 points x weight 5 = 10.
    solution = solve(portfolio(300_000, t3={"raise_": 700_000}))
    assert solution.kinds == {"1": "KEEP", "2": "LOWER", "3": "RAISE"}
    assert solution.saving == 300_000
    assert solution.quality_lost == pytest.approx(2.0 - 10.0)


def test_target_beyond_the_portfolio_is_capped_at_the_maximum():
    solution = solve(portfolio(5_000_000))
    assert solution.status == CAPPED
    assert solution.saving == solution.max_saving == 3_400_000
    assert solution.kinds == {"1": "REMOVE", "2": "REMOVE", "3": "REMOVE"}
    assert solution.blockers[0] == {
        "constraint": "target",
        "needed": 5_000_000,
        "possible": 3_400_000,
        "short_by": 1_600_000,
    }


def test_statutory_minimum_and_lock_are_honoured_and_blamed_when_they_cap():
    problem = portfolio(3_000_000, t2={"minimum": "LOWER"}, t1={"locked": "KEEP"})
    solution = solve(problem)
    assert solution.status == CAPPED
    assert solution.kinds == {"1": "KEEP", "2": "LOWER", "3": "REMOVE"}
    assert solution.max_saving == 1_000_000
    blockers = {b["constraint"]: b for b in solution.blockers}
    assert blockers["statutory"]["cost"] == 1_400_000 and blockers["statutory"]["keys"] == ["2"]
    assert blockers["locks"]["cost"] == 1_000_000 and blockers["locks"]["keys"] == ["1"]
    assert not blockers["locks"]["enough"] and not blockers["statutory"]["enough"]


def test_fte_limit_that_blocks_gives_the_plan_without_it_and_the_redundant_ftes():
    # 1 500 000 needs task 2 removed (1.9 FTEs) or task 1 removed and 2 lowered (1.5).
    solution = solve(portfolio(1_500_000, fte_limit=1.0))
    assert solution.status == FTE_BLOCKED
    assert solution.saving >= 1_500_000
    assert solution.redundant_ftes == pytest.approx(-solution.fte_change - 1.0)
    fte = solution.blockers[0]
    assert fte["constraint"] == "fte" and fte["possible"] == 1.0
    assert fte["needed"] == pytest.approx(1.5) and fte["short_by"] == pytest.approx(0.5)
    # Within one FTE: remove task 1 (1.0 FTE, 1 000 000) is the most.
    assert fte["best_saving"] == 1_000_000


def test_fte_limit_that_holds_is_kept():
    solution = solve(portfolio(900_000, fte_limit=0.9))
    assert solution.status == OPTIMAL
    assert -solution.fte_change <= 0.9 and solution.saving >= 900_000


def test_lock_below_the_statutory_minimum_is_infeasible_and_named():
    solution = solve(portfolio(100_000, t1={"minimum": "KEEP", "locked": "LOWER"}))
    assert solution.status == INFEASIBLE and solution.choices == ()
    assert solution.blockers[0]["constraint"] == "statutory"
    assert solution.blockers[0]["names"] == ["Oppgave 1"]


def test_a_level_costing_more_for_less_is_allowed_and_flagged():
    item = Item(
        "9",
        "Snømåking",
        (
            Option("KEEP", 100, 1.0, 6.0),
            Option("RAISE", 150, 1.2, 5.0),
            Option("LOWER", 120, 1.0, 4.0),
        ),
        weight=3.0,
    )
    assert dominated(item) == ["LOWER", "RAISE"]
    solution = solve(Problem((item,), target=0, fte_limit=None))
    assert solution.status == OPTIMAL and solution.kinds == {"9": "KEEP"}


def test_a_lock_that_alone_breaks_the_fte_limit_is_named_with_its_cost():
    # Task 1 locked at REMOVE takes away 1.0 FTE; natural attrition allows 0.5.
    solution = solve(portfolio(0, fte_limit=0.5, t1={"locked": "REMOVE"}))
    assert solution.status == FTE_BLOCKED
    assert solution.kinds["1"] == "REMOVE"
    assert solution.redundant_ftes == pytest.approx(0.5)
    blockers = {b["constraint"]: b for b in solution.blockers}
    assert blockers["fte"]["needed"] == 1.0 and blockers["fte"]["short_by"] == 0.5
    assert blockers["fte"]["best_saving"] is None  # no plan keeps the limit with the lock
    locks = blockers["locks"]
    assert locks["unit"] == "FTE" and locks["cost"] == 1.0 and locks["enough"]
    assert locks["keys"] == ["1"]
    assert "statutory" not in blockers


def test_a_lock_on_a_level_the_task_lacks_is_infeasible_and_blamed_on_the_lock():
    solution = solve(portfolio(0, t3={"locked": "RAISE"}))
    assert solution.status == INFEASIBLE
    assert [b["constraint"] for b in solution.blockers] == ["locks"]
    assert solution.blockers[0]["keys"] == ["3"]


def test_an_empty_portfolio_has_an_empty_plan_or_is_capped():
    assert solve(Problem((), 0, None)).status == OPTIMAL
    capped = solve(Problem((), 100, None))
    assert capped.status == CAPPED and capped.blockers[0]["short_by"] == 100


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_solve_matches_the_plain_model_on_a_mid_sized_portfolio(seed: int) -> None:
    problem = synthetic.portfolio(150, seed=seed, locked_share=0.1)
    best, plain = solve(problem), plain_milp(problem)
    assert best.status == OPTIMAL and best.gap == 0.0
    assert best.quality_lost == pytest.approx(plain.quality_lost, abs=1e-6)
    limited = Problem(problem.items, problem.target, round(-best.fte_change * 0.8, 1))
    assert solve(limited).quality_lost == pytest.approx(plain_milp(limited).quality_lost, abs=1e-6)


def test_synthetic_portfolios_look_like_a_service_and_flag_odd_levels():
    problem = synthetic.portfolio(400, seed=4)
    assert all(item.keep.cost >= 50_000 for item in problem.items)
    assert all(
        [o.kind for o in item.options] == ["REMOVE", "LOWER", "KEEP", "RAISE"]
        for item in problem.items
    )
    flagged = [item for item in problem.items if dominated(item)]
    assert 0 < len(flagged) < len(problem.items) * 0.15
    assert any(item.minimum for item in problem.items)
    assert synthetic.portfolio(400, seed=4) == problem  # seeded
    assert solve(problem).status == OPTIMAL
