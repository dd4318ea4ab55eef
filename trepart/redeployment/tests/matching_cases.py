"""Small random stillingsbank instances for the matching's property tests (hypothesis), and
a brute force that tries every matching of one."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from hypothesis import strategies as st

from trepart.redeployment.matching import (
    SENIORITY,
    SOCIAL,
    Candidate,
    Rules,
    Vacancy,
    selection_groups,
    suitability,
)

QUALIFICATIONS = ("nurse", "driver", "teacher")
PLACES = ("Lunner", "Gran", "Jaren")
DATES = tuple(datetime.date(1990 + n, 1, 1) for n in range(4))  # few, so ties happen


@st.composite
def candidate(draw: st.DrawFn, number: int) -> Candidate:
    percent = draw(st.sampled_from([40, 50, 60, 80, 100]))
    wishing = draw(st.booleans()) and percent < 100
    return Candidate(
        key=f"p{number}",
        percent=percent,
        wanted_percent=draw(st.sampled_from([60, 80, 100])) if wishing else None,
        wage_level=draw(st.sampled_from([400, 500, 600])),
        qualifications=frozenset(draw(st.sets(st.sampled_from(QUALIFICATIONS)))),
        location=draw(st.sampled_from(PLACES)),
        seniority=draw(st.sampled_from(DATES)),
        social_priority=draw(st.integers(0, 2)),
        preferred_units=frozenset(draw(st.sets(st.sampled_from(["u1", "u2", "u3"]), max_size=2))),
        preferred_locations=frozenset(draw(st.sets(st.sampled_from(PLACES), max_size=1))),
        max_travel_minutes=draw(st.none() | st.sampled_from([10, 30])),
    )


@st.composite
def vacancy(draw: st.DrawFn, number: int) -> Vacancy:
    return Vacancy(
        key=f"v{number}",
        unit=draw(st.sampled_from(["u1", "u2", "u3"])),
        percent=draw(st.sampled_from([40, 50, 60, 80, 100])),
        required=frozenset(draw(st.sets(st.sampled_from(QUALIFICATIONS), max_size=1))),
        wanted=frozenset(draw(st.sets(st.sampled_from(QUALIFICATIONS), max_size=2))),
        location=draw(st.sampled_from(PLACES)),
        wage_min=300,
        wage_max=draw(st.sampled_from([450, 550, 700])),
    )


@st.composite
def instances(draw: st.DrawFn, most: int = 6):
    people = draw(st.integers(0, most))
    places = draw(st.integers(0, most))
    candidates = [draw(candidate(n)) for n in range(people)]
    vacancies = [draw(vacancy(n)) for n in range(places)]
    rules = Rules(
        percent_tolerance=draw(st.sampled_from([0, 10, 20, 40])),
        wage_not_lower=draw(st.booleans()),
        max_travel_minutes=draw(st.sampled_from([20, 45])),
        selection=draw(st.sampled_from([SENIORITY, SOCIAL])),
    )
    travel = {
        pair: draw(st.sampled_from([5, 15, 25, 40]))
        for pair in [("Lunner", "Gran"), ("Gran", "Jaren"), ("Jaren", "Lunner")]
        if draw(st.booleans())
    }
    exclusions = {}
    if candidates and vacancies and draw(st.booleans()):
        person = draw(st.sampled_from(candidates)).key
        place = draw(st.sampled_from(vacancies)).key
        exclusions[(person, place)] = "Excluded"
    return candidates, vacancies, rules, travel, exclusions


def suitable_scores(case) -> dict[tuple[int, int], int]:
    """(person, vacancy) -> score in tenths, for the suitable pairs."""
    candidates, vacancies, rules, travel, exclusions = case
    scores = {}
    for row, person in enumerate(candidates):
        for col, place in enumerate(vacancies):
            verdict = suitability(person, place, rules, travel, exclusions)
            if verdict.suitable:
                scores[(row, col)] = round(verdict.score * 10)
    return scores


def matchings(
    people: int,
    scores: dict[tuple[int, int], int],
    row: int = 0,
    used: frozenset[int] = frozenset(),
) -> Iterator[dict[int, int]]:
    """Every matching of suitable pairs (person -> vacancy)."""
    if row == people:
        yield {}
        return
    for rest in matchings(people, scores, row + 1, used):
        yield rest
    for r, col in scores:
        if r == row and col not in used:
            for rest in matchings(people, scores, row + 1, used | {col}):
                yield {row: col, **rest}


def quality(case, chosen: dict[int, int], scores) -> tuple[int, tuple[int, ...], int]:
    """What the matching must maximise, in order: people placed, the selection order of the
    placed (their places in the order, sorted, negated: earlier is better), the total score."""
    groups = selection_groups(case[0], case[2])
    ranks = tuple(sorted(-int(groups[row]) for row in chosen))
    return (len(chosen), tuple(reversed(ranks)), sum(scores[(r, c)] for r, c in chosen.items()))


def best_quality(case) -> tuple[int, tuple[int, ...], int]:
    scores = suitable_scores(case)
    return max(quality(case, chosen, scores) for chosen in matchings(len(case[0]), scores))
