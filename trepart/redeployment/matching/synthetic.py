"""Seeded synthetic stillingsbank instances for the bench and the tests: eight professions
of five qualification codes each (40 codes; the first of each an authorisation most of the
profession hold), 25 work locations in a municipality some 60 x 40 km with a travel table
(a few pairs unknown), 60 units, position percents in steps of 10 (many full-time), wages
spread by profession and seniority, some people with their own travel limit and
preferences, a share of part-time employees wishing for more (§ 14-3) and a few manual
exclusions. Roughly two or three pairs in a hundred are suitable.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np

from trepart.redeployment.matching.model import Candidate, Rules, Vacancy

PROFESSIONS = 8
CODES_PER_PROFESSION = 5
LOCATIONS = 25
UNITS = 60
PERCENTS = np.array([20, 30, 40, 50, 60, 70, 80, 90, 100])
PERCENT_WEIGHTS = np.array([1, 1, 2, 4, 3, 3, 6, 2, 12], dtype=float)
BASE_WAGES = np.array([480, 520, 560, 600, 640, 700, 560, 760]) * 1_000


@dataclass(frozen=True)
class Instance:
    candidates: list[Candidate]
    vacancies: list[Vacancy]
    rules: Rules
    travel: dict[tuple[str, str], int]
    exclusions: dict[tuple[str, str], str]


def _code(profession: int, number: int) -> str:
    return f"Q{profession}{number}"


def _codes(rng: np.random.Generator, profession: int, base_share: float, extra: int) -> set[str]:
    codes = {_code(profession, 0)} if rng.random() < base_share else set()
    others = rng.choice(np.arange(1, CODES_PER_PROFESSION), size=extra, replace=False)
    return codes | {_code(profession, int(n)) for n in others}


def instance(people: int, places: int, *, seed: int = 0, part_time_share: float = 0.15) -> Instance:
    """``people`` candidates and ``places`` vacancies, the same for the same seed."""
    rng = np.random.default_rng(seed)
    points = rng.uniform((0, 0), (60, 40), size=(LOCATIONS, 2))
    locations = [f"L{n:02d}" for n in range(LOCATIONS)]
    travel: dict[tuple[str, str], int] = {}
    for a in range(LOCATIONS):
        for b in range(a + 1, LOCATIONS):
            if rng.random() < 0.04:
                continue  # unknown: no road data for the pair
            km = float(np.hypot(*(points[a] - points[b])))
            travel[(locations[a], locations[b])] = round(6 + 1.1 * km)
    unit_place = rng.integers(0, LOCATIONS, size=UNITS)
    unit_profession = rng.integers(0, PROFESSIONS, size=UNITS)
    profession_weights = rng.uniform(0.5, 1.5, size=PROFESSIONS)
    profession_weights /= profession_weights.sum()
    percent_p = PERCENT_WEIGHTS / PERCENT_WEIGHTS.sum()

    candidates = []
    start = datetime.date(1985, 1, 1).toordinal()
    for number in range(people):
        profession = int(rng.choice(PROFESSIONS, p=profession_weights))
        codes = _codes(rng, profession, 0.85, int(rng.integers(1, 3)))
        if rng.random() < 0.2:
            other = int(rng.integers(0, PROFESSIONS))
            codes |= _codes(rng, other, 0.5, 1)
        part_time = rng.random() < part_time_share
        percent = int(
            rng.choice(PERCENTS[:-3] if part_time else PERCENTS, p=None if part_time else percent_p)
        )
        wanted = min(100, percent + int(rng.choice([20, 30, 40, 50]))) if part_time else None
        seniority = datetime.date.fromordinal(start + int(rng.integers(0, 39 * 365)))
        years = (datetime.date(2025, 1, 1) - seniority).days / 365
        wage = int(
            round(BASE_WAGES[profession] * (1 + 0.006 * years) * rng.uniform(0.92, 1.05), -3)
        )
        own_limit = int(rng.choice([20, 30, 40])) if rng.random() < 0.3 else None
        home = int(unit_place[rng.integers(0, UNITS)])
        candidates.append(
            Candidate(
                key=f"P{number:05d}",
                percent=percent,
                wanted_percent=wanted,
                wage_level=wage,
                qualifications=frozenset(codes),
                location=locations[home],
                seniority=seniority,
                social_priority=int(rng.choice([0, 0, 0, 1, 2])),
                preferred_units=frozenset(
                    f"U{int(u):02d}" for u in rng.integers(0, UNITS, size=int(rng.integers(0, 3)))
                ),
                preferred_locations=frozenset(
                    locations[int(p)]
                    for p in rng.integers(0, LOCATIONS, size=int(rng.integers(0, 3)))
                ),
                max_travel_minutes=own_limit,
                unit=f"U{int(rng.integers(0, UNITS)):02d}",
            )
        )

    vacancies = []
    for number in range(places):
        unit = int(rng.integers(0, UNITS))
        profession = (
            int(unit_profession[unit])
            if rng.random() < 0.6
            else int(rng.choice(PROFESSIONS, p=profession_weights))
        )
        required = {_code(profession, 0)} if rng.random() < 0.8 else set()
        if rng.random() < 0.25:
            required.add(_code(profession, int(rng.integers(1, CODES_PER_PROFESSION))))
        wanted_codes = {
            _code(profession, int(n))
            for n in rng.integers(1, CODES_PER_PROFESSION, size=int(rng.integers(0, 3)))
        } - required
        low = int(round(BASE_WAGES[profession] * rng.uniform(0.9, 1.05), -3))
        vacancies.append(
            Vacancy(
                key=f"V{number:05d}",
                unit=f"U{unit:02d}",
                percent=int(rng.choice(PERCENTS, p=percent_p)),
                required=frozenset(required),
                wanted=frozenset(wanted_codes),
                location=locations[int(unit_place[unit])],
                wage_min=low,
                wage_max=int(round(low * rng.uniform(1.1, 1.35), -3)),
            )
        )
    exclusions = (
        {
            (
                candidates[int(rng.integers(0, people))].key,
                vacancies[int(rng.integers(0, places))].key,
            ): "Excluded by the body"
            for _ in range(max(1, people // 200))
        }
        if people and places
        else {}
    )
    return Instance(candidates, vacancies, Rules(), travel, exclusions)
