"""The matching on small stories: the selection order (ansiennitet or social grounds), as
many placed as possible before anyone's seniority, preferences deciding between equals,
and the explanations a meeting reads."""

from __future__ import annotations

import datetime
import gc

import pytest

from trepart.redeployment.matching import SOCIAL, Candidate, Rules, Vacancy, match

RULES = Rules()


def person(key: str, year: int, social: int = 0, **changes: object) -> Candidate:
    values: dict[str, object] = {
        "key": key,
        "percent": 100,
        "wanted_percent": None,
        "wage_level": 500_000,
        "qualifications": frozenset({"nurse"}),
        "location": "Lunner",
        "seniority": datetime.date(year, 1, 1),
        "social_priority": social,
    }
    values.update(changes)
    return Candidate(**values)  # type: ignore[arg-type]


def job(key: str, **changes: object) -> Vacancy:
    values: dict[str, object] = {
        "key": key,
        "unit": f"unit-{key}",
        "percent": 100,
        "required": frozenset({"nurse"}),
        "wanted": frozenset(),
        "location": "Lunner",
        "wage_min": 400_000,
        "wage_max": 600_000,
    }
    values.update(changes)
    return Vacancy(**values)  # type: ignore[arg-type]


def test_the_senior_person_gets_the_only_vacancy_and_the_other_is_told_why():
    junior, senior = person("junior", 2015), person("senior", 1998, social=2)
    matching = match([junior, senior], [job("a")], RULES, {}, {})
    assert [(p.candidate, p.vacancy) for p in matching.pairs] == [("senior", "a")]
    ((key, (reason,)),) = matching.unplaced
    assert key == "junior"
    assert (reason.code, reason.params) == (
        "suitable_vacancies_taken",
        {"vacancies": 1, "by_higher_rank": 1},
    )


def test_social_grounds_first_when_the_municipality_agreed_so():
    junior = person("junior", 2015, social=2)
    senior = person("senior", 1998, social=0)
    matching = match([junior, senior], [job("a")], Rules(selection=SOCIAL), {}, {})
    assert [p.candidate for p in matching.pairs] == ["junior"]


def test_as_many_placed_as_possible_before_seniority_and_the_reason_given():
    # The senior person prefers a, the only vacancy the junior one can take.
    junior = person("junior", 2015)
    vacancies = [job("a"), job("b", required=frozenset({"nurse", "driver"}))]
    senior = person(
        "senior",
        1998,
        qualifications=frozenset({"nurse", "driver"}),
        preferred_units=frozenset({"unit-a"}),
    )
    matching = match([senior, junior], vacancies, RULES, {}, {})
    pairs = {p.candidate: p for p in matching.pairs}
    assert (pairs["senior"].vacancy, pairs["junior"].vacancy) == ("b", "a")
    explanation = pairs["senior"].explanation
    assert explanation.next_best == "a"
    assert explanation.why_not is not None
    assert (explanation.why_not.code, explanation.why_not.params) == (
        "would_leave_someone_unplaced",
        {"other": "junior"},
    )
    assert pairs["junior"].explanation.next_best is None


def test_between_people_equal_by_the_rules_the_preferences_decide():
    first = person("first", 2005, preferred_units=frozenset({"unit-b"}))
    second = person("second", 2005, preferred_units=frozenset({"unit-a"}))
    matching = match([first, second], [job("a"), job("b")], RULES, {}, {})
    assert {(p.candidate, p.vacancy) for p in matching.pairs} == {("first", "b"), ("second", "a")}
    by_key = {p.candidate: p for p in matching.pairs}
    assert [r.code for r in by_key["first"].explanation.why] == ["preferred_unit", "shorter_travel"]
    why_not = by_key["first"].explanation.why_not
    assert why_not is not None and why_not.code == "lower_score"


def test_a_vacancy_taken_by_someone_senior_is_explained_so():
    senior = person("senior", 1990)
    junior = person("junior", 2010, preferred_units=frozenset({"unit-a"}))
    # The junior person would score a higher; the body excluded b for the senior one.
    vacancies = [job("a"), job("b", location="Gran")]
    travel = {("Lunner", "Gran"): 40}
    matching = match([senior, junior], vacancies, RULES, travel, {("senior", "b"): "Agreed"})
    pairs = {p.candidate: p for p in matching.pairs}
    assert pairs["senior"].vacancy == "a" and pairs["junior"].vacancy == "b"
    why_not = pairs["junior"].explanation.why_not
    assert why_not is not None
    assert (why_not.code, why_not.params) == ("taken_by_senior", {"other": "senior"})


def test_people_and_vacancies_need_keys_of_their_own_and_rules_a_known_order():
    with pytest.raises(ValueError, match="same key"):
        match([person("p", 2000), person("p", 2001)], [], RULES, {}, {})
    with pytest.raises(ValueError, match="same key"):
        match([], [job("a"), job("a")], RULES, {}, {})
    with pytest.raises(ValueError, match="selection"):
        Rules(selection="LOTTERY")


def test_nothing_to_match_gives_an_empty_proposal():
    matching = match([], [job("a")], RULES, {}, {})
    assert matching.pairs == [] and matching.unplaced == []
    lonely = match([person("p", 2000)], [], RULES, {}, {})
    assert lonely.unplaced[0][1][0].code == "no_suitable_vacancy"
    assert lonely.unplaced[0][1][0].params == {"counts": {}}


def test_the_garbage_collector_is_as_it_was_after_a_matching() -> None:
    """``match`` pauses the collector while it works and gives it back as it found it, also
    when the input is refused."""
    assert gc.isenabled()
    match([person("a", 2000)], [job("x")], RULES, {}, {})
    assert gc.isenabled()
    with pytest.raises(ValueError):
        match([person("a", 2000), person("a", 2001)], [job("x")], RULES, {}, {})
    assert gc.isenabled()
    gc.disable()
    try:
        match([person("a", 2000)], [job("x")], RULES, {}, {})
        assert not gc.isenabled()
    finally:
        gc.enable()
