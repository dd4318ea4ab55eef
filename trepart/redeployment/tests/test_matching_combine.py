"""§ 14-3 combined offers: part-time vacancies of nearby units offered together as one
larger position, within the wish and above the present position, in the selection order."""

from __future__ import annotations

import datetime

from trepart.redeployment.matching import Candidate, Rules, Vacancy, combine, match

RULES = Rules()
TRAVEL = {("Lunner", "Gran"): 20, ("Gran", "Jaren"): 25, ("Lunner", "Jaren"): 50}


def wishing(key: str = "p1", **changes: object) -> Candidate:
    values: dict[str, object] = {
        "key": key,
        "percent": 50,
        "wanted_percent": 100,
        "wage_level": 500_000,
        "qualifications": frozenset({"assistant"}),
        "location": "Lunner",
        "seniority": datetime.date(2010, 1, 1),
    }
    values.update(changes)
    return Candidate(**values)  # type: ignore[arg-type]


def part(key: str, percent: int, location: str = "Lunner", **changes: object) -> Vacancy:
    values: dict[str, object] = {
        "key": key,
        "unit": f"unit-{key}",
        "percent": percent,
        "required": frozenset({"assistant"}),
        "wanted": frozenset(),
        "location": location,
        "wage_min": 400_000,
        "wage_max": 600_000,
    }
    values.update(changes)
    return Vacancy(**values)  # type: ignore[arg-type]


def test_two_nearby_part_time_vacancies_make_one_full_position():
    offers = combine([wishing()], [part("a", 50), part("b", 50, "Gran")], RULES, TRAVEL, {})
    assert len(offers) == 1
    offer = offers[0]
    assert (offer.candidate, offer.vacancies, offer.percent) == ("p1", ("a", "b"), 100)
    combined, between = offer.reasons
    assert combined.code == "combined_positions"
    assert combined.params["current"] == 50 and combined.params["percent"] == 100
    assert between.params == {"minutes": 20, "limit": 45}
    assert offer.as_json()["vacancies"] == ["a", "b"]


def test_parts_too_far_apart_or_of_unknown_travel_are_not_combined():
    far = [part("a", 50, "Lunner"), part("b", 50, "Jaren")]
    # From Gran both parts are near (20 and 25 minutes), but 50 minutes from each other.
    from_gran = wishing(location="Gran")
    assert combine([from_gran], far, RULES, TRAVEL, {}) == []
    (offer,) = combine([from_gran], far, Rules(max_travel_minutes=50), TRAVEL, {})
    assert offer.reasons[1].params == {"minutes": 50, "limit": 50}
    unknown = [part("a", 50, "Gran"), part("b", 50, "Oslo")]
    assert combine([wishing()], unknown, RULES, {**TRAVEL, ("Lunner", "Oslo"): 30}, {}) == []


def test_the_parts_must_add_up_to_more_than_today_and_at_most_the_wish():
    small = [part("a", 20), part("b", 30)]
    assert combine([wishing()], small, RULES, TRAVEL, {}) == []
    big = [part("a", 60), part("b", 60), part("c", 30)]
    (offer,) = combine([wishing()], big, RULES, TRAVEL, {})
    # 60 + 60 is above the wish; of the two equal 90 % offers the earlier parts are taken.
    assert offer.percent == 90 and offer.vacancies == ("a", "c")


def test_every_part_must_suit_on_qualifications_wage_and_exclusions():
    parts = [part("a", 50), part("b", 50, required=frozenset({"nurse"})), part("c", 40)]
    (offer,) = combine([wishing()], parts, RULES, TRAVEL, {})
    assert offer.vacancies == ("a", "c") and offer.percent == 90
    assert combine([wishing()], parts, RULES, TRAVEL, {("p1", "c"): "No"}) == []
    poor = [part("a", 50, wage_max=450_000), part("c", 40)]
    assert combine([wishing()], poor, RULES, TRAVEL, {}) == []


def test_the_senior_person_gets_the_parts_and_redundant_employees_get_none():
    junior = wishing("junior", seniority=datetime.date(2015, 1, 1))
    senior = wishing("senior", seniority=datetime.date(2001, 1, 1))
    redundant = wishing("redundant", wanted_percent=None, seniority=datetime.date(1990, 1, 1))
    parts = [part("a", 50), part("b", 50)]
    offers = combine([junior, redundant, senior], parts, RULES, TRAVEL, {})
    assert [offer.candidate for offer in offers] == ["senior"]


def test_three_parts_when_allowed():
    parts = [part("a", 20), part("b", 20), part("c", 30)]
    three = wishing(percent=40, wanted_percent=80)
    (two,) = combine([three], parts, RULES, TRAVEL, {})
    assert two.percent == 50 and len(two.vacancies) == 2
    (offer,) = combine([three], parts, RULES, TRAVEL, {}, max_parts=3)
    assert offer.percent == 70 and len(offer.vacancies) == 3


def test_match_combines_only_for_people_left_unplaced_from_vacancies_left_free():
    redundant = wishing(
        "redundant", percent=50, wanted_percent=None, seniority=datetime.date(1990, 1, 1)
    )
    raised = wishing("raised")
    vacancies = [part("a", 50), part("b", 50), part("c", 50, "Gran")]
    matching = match([redundant, raised], vacancies, RULES, TRAVEL, {}, combine=True)
    assert [(p.candidate, p.vacancy) for p in matching.pairs] == [("redundant", "a")]
    assert [(o.candidate, o.vacancies) for o in matching.combined] == [("raised", ("b", "c"))]
    assert matching.as_json()["combined"][0]["percent"] == 100
    assert match([redundant, raised], vacancies, RULES, TRAVEL, {}).combined == []
