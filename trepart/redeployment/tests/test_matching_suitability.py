"""Suitability of one person for one vacancy: each agreed rule at its edges, the score's
parts, and the vectorised table agreeing with the one-pair rules on random instances."""

from __future__ import annotations

import datetime

import numpy as np
import pytest
from hypothesis import given, settings

from trepart.redeployment.matching import Candidate, Rules, Vacancy, suitability, travel_minutes
from trepart.redeployment.matching.gather import suitable_pairs
from trepart.redeployment.matching.synthetic import instance
from trepart.redeployment.matching.table import CHUNK_MIN, COMPILED_CELLS, build_table
from trepart.redeployment.tests.matching_cases import instances

RULES = Rules()
TRAVEL = {("Gran", "Lunner"): 30, ("Lunner", "Jaren"): 50}


def person(**changes: object) -> Candidate:
    values: dict[str, object] = {
        "key": "p1",
        "percent": 80,
        "wanted_percent": None,
        "wage_level": 500_000,
        "qualifications": frozenset({"nurse", "driver"}),
        "location": "Lunner",
        "seniority": datetime.date(2001, 5, 1),
    }
    values.update(changes)
    return Candidate(**values)  # type: ignore[arg-type]


def vacancy(**changes: object) -> Vacancy:
    values: dict[str, object] = {
        "key": "v1",
        "unit": "home-care",
        "percent": 80,
        "required": frozenset({"nurse"}),
        "wanted": frozenset(),
        "location": "Lunner",
        "wage_min": 450_000,
        "wage_max": 550_000,
    }
    values.update(changes)
    return Vacancy(**values)  # type: ignore[arg-type]


def codes(candidate: Candidate, place: Vacancy, rules: Rules = RULES) -> set[str]:
    """The failing rules' codes, or "-" and the score's reasons for a suitable pair."""
    verdict = suitability(candidate, place, rules, TRAVEL, {})
    found = {reason.code for reason in verdict.reasons}
    return {"-"} | found if verdict.suitable else found


def test_a_pair_meeting_every_rule_is_suitable_with_full_marks_for_travel_at_home():
    verdict = suitability(person(), vacancy(), RULES, TRAVEL, {})
    assert verdict.suitable
    # Nothing wanted: all 40 for qualifications; 0 minutes: all 20 for travel.
    assert verdict.score == 60.0
    assert [reason.code for reason in verdict.reasons] == ["shorter_travel"]


def test_the_position_percent_may_differ_by_the_tolerance_and_no_more():
    assert "-" in codes(person(), vacancy(percent=90))
    assert "-" in codes(person(), vacancy(percent=70))
    assert codes(person(), vacancy(percent=100)) == {"percent_out_of_tolerance"}
    assert codes(person(), vacancy(percent=60)) == {"percent_out_of_tolerance"}
    assert "-" in codes(person(), vacancy(percent=100), Rules(percent_tolerance=20))
    assert codes(person(), vacancy(percent=90), Rules(percent_tolerance=0)) == {
        "percent_out_of_tolerance"
    }


def test_a_part_time_employee_is_suited_by_any_larger_position_up_to_the_wish():
    wishing = person(percent=50, wanted_percent=80)
    assert codes(wishing, vacancy(percent=50)) == {"percent_not_larger"}
    assert "-" in codes(wishing, vacancy(percent=60))
    assert "-" in codes(wishing, vacancy(percent=80))
    assert codes(wishing, vacancy(percent=90)) == {"percent_above_wish"}


def test_the_wage_band_top_must_reach_the_persons_wage_when_the_rules_say_so():
    assert "-" in codes(person(wage_level=550_000), vacancy())
    assert codes(person(wage_level=550_001), vacancy()) == {"wage_lower"}
    lenient = Rules(wage_not_lower=False)
    assert "-" in codes(person(wage_level=900_000), vacancy(), lenient)


def test_travel_within_the_agreed_limit_or_the_persons_own_lower_one():
    far = vacancy(location="Gran")  # 30 minutes, given as Gran -> Lunner
    assert "-" in codes(person(), far)
    assert codes(person(max_travel_minutes=29), far) == {"travel_too_long"}
    assert "-" in codes(person(max_travel_minutes=30), far)
    # A person's limit above the agreed one does not raise it.
    assert codes(person(max_travel_minutes=90), vacancy(location="Jaren")) == {"travel_too_long"}
    assert codes(person(), vacancy(location="Jaren"), Rules(max_travel_minutes=50)) >= {"-"}


def test_unknown_travel_is_not_suitable_and_says_so():
    verdict = suitability(person(location="Gran"), vacancy(location="Jaren"), RULES, TRAVEL, {})
    assert not verdict.suitable
    assert verdict.reasons[0].code == "travel_unknown"
    assert verdict.reasons[0].params == {"from": "Gran", "to": "Jaren"}
    assert travel_minutes(TRAVEL, "Lunner", "Gran") == 30
    assert travel_minutes({}, "Gran", "Gran") == 0


def test_a_manual_exclusion_gives_the_bodys_reason():
    verdict = suitability(
        person(), vacancy(), RULES, TRAVEL, {("p1", "v1"): "Conflict at the unit"}
    )
    assert not verdict.suitable and verdict.score == 0.0
    assert [(r.code, r.params) for r in verdict.reasons] == [
        ("excluded", {"reason": "Conflict at the unit"})
    ]


def test_missing_qualifications_are_listed_and_every_failing_rule_is_given():
    place = vacancy(required=frozenset({"nurse", "psychiatry", "bls"}), percent=50, wage_max=1)
    verdict = suitability(person(), place, RULES, TRAVEL, {})
    reasons = {r.code: r.params for r in verdict.reasons}
    assert reasons["missing_qualification"] == {"missing": ["bls", "psychiatry"]}
    assert set(reasons) == {"missing_qualification", "percent_out_of_tolerance", "wage_lower"}


def test_the_score_adds_wanted_qualifications_preferences_and_shorter_travel():
    wishing = person(
        preferred_units=frozenset({"home-care"}), preferred_locations=frozenset({"Gran"})
    )
    place = vacancy(location="Gran", wanted=frozenset({"driver", "bls", "psychiatry"}))
    verdict = suitability(wishing, place, RULES, TRAVEL, {})
    # 1 of 3 wanted: 13.3; unit 25; location 15; 30 of 45 minutes: 20 x 15/45 = 6.7.
    assert verdict.score == 13.3 + 25 + 15 + 6.7
    assert [r.code for r in verdict.reasons] == [
        "wanted_qualification",
        "preferred_unit",
        "preferred_location",
        "shorter_travel",
    ]
    assert verdict.reasons[0].params == {"held": ["driver"], "wanted": 3}


@pytest.mark.parametrize(
    "compiled_cells", [COMPILED_CELLS, 0], ids=["numpy blocks", "compiled gathering"]
)
@settings(max_examples=150, deadline=None)
@given(case=instances())
def test_the_table_agrees_with_the_rules_pair_by_pair(case, compiled_cells):
    candidates, vacancies, rules, travel, exclusions = case
    table = build_table(
        candidates, vacancies, rules, travel, exclusions, compiled_cells=compiled_cells
    )
    found = {
        (int(r), int(c)): int(t)
        for r, c, t in zip(table.rows, table.cols, table.tenths, strict=True)
    }
    for row, candidate in enumerate(candidates):
        for col, place in enumerate(vacancies):
            verdict = suitability(candidate, place, rules, travel, exclusions)
            assert ((row, col) in found) == verdict.suitable
            if verdict.suitable:
                assert found[(row, col)] / 10 == verdict.score
        if not any((row, col) in found for col in range(len(vacancies))):
            expected: dict[str, int] = {}
            for place in vacancies:
                for reason in suitability(candidate, place, rules, travel, exclusions).reasons:
                    expected[reason.code] = expected.get(reason.code, 0) + 1
            assert table.failure_counts(row) == expected


def test_the_compiled_gathering_agrees_on_a_table_built_by_two_threads():
    problem = instance(2 * CHUNK_MIN + 7, 90, seed=5)
    tables = [
        build_table(
            problem.candidates,
            problem.vacancies,
            problem.rules,
            problem.travel,
            problem.exclusions,
            compiled_cells=cells,
        )
        for cells in (10**12, 0)
    ]
    assert len(tables[0].rows) > 1000
    for field in ("rows", "cols", "tenths", "minutes"):
        assert np.array_equal(getattr(tables[0], field), getattr(tables[1], field)), field


def test_the_compiled_gathering_keeps_every_pair_when_nearly_all_suit():
    """Past its first guess of how many pairs there are, the gathering makes room."""
    people, places = 50, 40
    everyone = np.zeros(people, dtype=np.int64)
    suits = np.ones((1, places), dtype=bool)
    wage = np.full(people, 500, dtype=np.int64)
    wage_max = np.where(np.arange(places) == 3, 400, 600).astype(np.int64)
    need_of = np.zeros(places, dtype=np.int64)
    qualified = np.ones((people, 1), dtype=bool)
    args = (everyone, suits, everyone, suits, qualified, need_of, wage, wage_max)
    rows, cols = suitable_pairs(0, people, *args, False)
    assert len(rows) == people * places
    assert np.array_equal(rows, np.repeat(np.arange(people), places))
    assert np.array_equal(cols, np.tile(np.arange(places), people))
    rows, cols = suitable_pairs(10, people, *args, True)
    assert len(rows) == (people - 10) * (places - 1) and 3 not in set(cols.tolist())
