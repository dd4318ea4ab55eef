"""Reads for an offer made outside a round: the open vacancies suitable for one person,
best first, judged by the agreed rules as the weekly matching judges them."""

from __future__ import annotations

from dataclasses import dataclass

from trepart.redeployment.models import RedeploymentCase, Vacancy
from trepart.redeployment.selectors.inputs import (
    candidate_of,
    engine_rules,
    exclusions_of,
    open_vacancies,
    rules_of,
    travel_table,
    vacancy_of,
)

# The form offers at most this many of the person's suitable vacancies, the best first.
SHOWN = 50


@dataclass(frozen=True)
class SuitableVacancy:
    vacancy: Vacancy
    score: float


def suitable_vacancies(*, case: RedeploymentCase, limit: int = SHOWN) -> list[SuitableVacancy]:
    """The open vacancies (held or considered, offered to nobody) suitable for ``case``, by
    score, best first; at most ``limit``."""
    from trepart.redeployment.matching import suitability

    municipality_id = case.municipality_id
    person = (
        RedeploymentCase.objects.select_related("location")
        .prefetch_related("qualifications", "preferred_units", "preferred_locations")
        .get(pk=case.pk)
    )
    candidate = candidate_of(person)
    rules = engine_rules(rules_of(municipality_id))
    travel = travel_table(municipality_id=municipality_id)
    exclusions = exclusions_of(municipality_id=municipality_id)
    found = []
    for vacancy in open_vacancies(municipality_id=municipality_id).select_related("unit"):
        verdict = suitability(candidate, vacancy_of(vacancy), rules, travel, exclusions)
        if verdict.suitable:
            found.append(SuitableVacancy(vacancy=vacancy, score=verdict.score))
    found.sort(key=lambda row: (-row.score, row.vacancy.starts_on, row.vacancy.pk))
    return found[:limit]
