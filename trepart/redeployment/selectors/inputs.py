"""The matching engine's inputs read from the database: the agreed rules, the people the
bank matches this week, the vacancies still to be offered, the travel table (both ways
round) and the pairs excluded by the meeting or by the person's own answer.

The engine (``trepart.redeployment.matching``) is pure; this module is the one place the
register becomes its dataclasses. Keys are the model pks as text; qualifications and
locations are given by their codes, units by their pks as text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from trepart.redeployment.models import (
    MATCHABLE,
    CaseKind,
    CaseStatus,
    MatchingRules,
    Offer,
    OfferPart,
    ProposedPair,
    RedeploymentCase,
    TravelTime,
    Vacancy,
)

if TYPE_CHECKING:
    import trepart.redeployment.matching as matching

# The vacancies the weekly matching may still offer.
OPEN_STATUSES = (Vacancy.Status.HELD, Vacancy.Status.CONSIDERED)


@dataclass(frozen=True)
class Inputs:
    """Everything ``matching.match`` and ``matching.suitability`` take."""

    rules: matching.Rules
    candidates: list[matching.Candidate]
    vacancies: list[matching.Vacancy]
    travel: dict[tuple[str, str], int]
    exclusions: dict[tuple[str, str], str]


def rules_of(municipality_id: int) -> MatchingRules:
    """The municipality's agreed rules, or the defaults while none are stored."""
    found = MatchingRules.objects.filter(municipality_id=municipality_id).first()
    return found or MatchingRules(municipality_id=municipality_id)


def engine_rules(rules: MatchingRules) -> matching.Rules:
    import trepart.redeployment.matching as matching

    return matching.Rules(
        percent_tolerance=rules.percent_tolerance,
        wage_not_lower=rules.wage_not_lower,
        max_travel_minutes=rules.max_travel_minutes,
        selection=str(rules.selection),
    )


def _with_details(rows: QuerySet[RedeploymentCase]) -> QuerySet[RedeploymentCase]:
    return rows.select_related("location").prefetch_related(
        "qualifications", "preferred_units", "preferred_locations"
    )


def matchable_cases(*, municipality_id: int, bank_id: int) -> QuerySet[RedeploymentCase]:
    """The people matched this week: redundant employees first, then part-time employees
    who have said how large a position they wish for (§ 14-3)."""
    rows = RedeploymentCase.objects.filter(
        municipality_id=municipality_id, bank_id=bank_id, status__in=MATCHABLE
    ).filter(Q(kind=CaseKind.REDUNDANT) | Q(kind=CaseKind.PART_TIME, wanted_percent__isnull=False))
    first = Case(
        When(kind=CaseKind.REDUNDANT, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return _with_details(rows).order_by(first, "seniority_date", "pk")


def open_vacancies(*, municipality_id: int) -> QuerySet[Vacancy]:
    """Vacancies held for the bank or considered by it that no open offer holds."""
    offered = OfferPart.objects.filter(vacancy_id=OuterRef("pk"), is_open=True)
    return (
        Vacancy.objects.filter(municipality_id=municipality_id, status__in=OPEN_STATUSES)
        .exclude(Exists(offered))
        .select_related("location")
        .prefetch_related("required", "wanted")
        .order_by("starts_on", "pk")
    )


def candidate_of(case: RedeploymentCase) -> matching.Candidate:
    """A case as the engine sees it (the case's relations prefetched)."""
    import trepart.redeployment.matching as matching

    return matching.Candidate(
        key=str(case.pk),
        percent=case.percent,
        wanted_percent=case.wanted_percent if case.kind == CaseKind.PART_TIME else None,
        wage_level=case.wage_level,
        qualifications=frozenset(q.code for q in case.qualifications.all()),
        location=case.location.code,
        seniority=case.seniority_date,
        social_priority=case.social_priority,
        preferred_units=frozenset(str(unit.pk) for unit in case.preferred_units.all()),
        preferred_locations=frozenset(loc.code for loc in case.preferred_locations.all()),
        max_travel_minutes=case.max_travel_minutes,
        unit=str(case.from_unit_id),
    )


def vacancy_of(vacancy: Vacancy) -> matching.Vacancy:
    import trepart.redeployment.matching as matching

    return matching.Vacancy(
        key=str(vacancy.pk),
        unit=str(vacancy.unit_id),
        percent=vacancy.percent,
        required=frozenset(q.code for q in vacancy.required.all()),
        wanted=frozenset(q.code for q in vacancy.wanted.all()),
        location=vacancy.location.code,
        wage_min=vacancy.wage_min,
        wage_max=vacancy.wage_max,
    )


def travel_table(*, municipality_id: int) -> dict[tuple[str, str], int]:
    """Minutes between locations by code, each pair both ways round (stored once)."""
    table: dict[tuple[str, str], int] = {}
    rows = TravelTime.objects.filter(municipality_id=municipality_id).values_list(
        "origin__code", "destination__code", "minutes"
    )
    for origin, destination, minutes in rows:
        table[(origin, destination)] = minutes
        table[(destination, origin)] = minutes
    return table


def exclusions_of(*, municipality_id: int) -> dict[tuple[str, str], str]:
    """Pairs not to propose again: those the meeting overrode (with its reason), and the
    vacancies a person has declined or let lapse."""
    excluded: dict[tuple[str, str], str] = {}
    overridden = ProposedPair.objects.filter(
        municipality_id=municipality_id, decision=ProposedPair.Decision.OVERRIDDEN
    ).values_list("case_id", "vacancy_id", "reason")
    for case_id, vacancy_id, reason in overridden:
        excluded[(str(case_id), str(vacancy_id))] = reason
    answered = OfferPart.objects.filter(
        municipality_id=municipality_id,
        offer__status__in=(Offer.Status.DECLINED, Offer.Status.EXPIRED),
    ).values_list("offer__case_id", "vacancy_id", "offer__status")
    for case_id, vacancy_id, status in answered:
        excluded.setdefault((str(case_id), str(vacancy_id)), str(Offer.Status(status).label))
    return excluded


def round_inputs(*, municipality_id: int, bank_id: int) -> Inputs:
    """The week's matching: the bank's matchable people and every open vacancy."""
    return Inputs(
        rules=engine_rules(rules_of(municipality_id)),
        candidates=[
            candidate_of(case)
            for case in matchable_cases(municipality_id=municipality_id, bank_id=bank_id)
        ],
        vacancies=[vacancy_of(v) for v in open_vacancies(municipality_id=municipality_id)],
        travel=travel_table(municipality_id=municipality_id),
        exclusions=exclusions_of(municipality_id=municipality_id),
    )


def right_holder_cases(*, municipality_id: int, day: datetime.date) -> QuerySet[RedeploymentCase]:
    """Everyone with a right to be considered before an external hire: the people in the
    bank (also those awaiting an answer), those given notice while their § 14-2 right runs,
    and part-time employees wishing for a larger position (§ 14-3)."""
    in_bank = Q(status__in=(*MATCHABLE, CaseStatus.OFFERED))
    preferential = Q(status=CaseStatus.PREFERENTIAL, preferential_until__gte=day)
    rows = RedeploymentCase.objects.filter(municipality_id=municipality_id).filter(
        in_bank | preferential
    )
    rows = rows.exclude(kind=CaseKind.PART_TIME, wanted_percent__isnull=True)
    return _with_details(rows).select_related("person").order_by("seniority_date", "pk")


@dataclass(frozen=True)
class RightHolder:
    case: RedeploymentCase
    verdict: matching.Verdict


def right_holders(*, vacancy: Vacancy, day: datetime.date) -> list[RightHolder]:
    """Who has a right to ``vacancy`` and is suitable for it, by the engine's rules
    (the meeting's exclusions apply), in seniority order."""
    import trepart.redeployment.matching as matching

    municipality_id = vacancy.municipality_id
    rules = engine_rules(rules_of(municipality_id))
    travel = travel_table(municipality_id=municipality_id)
    exclusions = exclusions_of(municipality_id=municipality_id)
    target = vacancy_of(vacancy)
    found = []
    for case in right_holder_cases(municipality_id=municipality_id, day=day):
        verdict = matching.suitability(candidate_of(case), target, rules, travel, exclusions)
        if verdict.suitable:
            found.append(RightHolder(case=case, verdict=verdict))
    return found
