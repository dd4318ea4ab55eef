"""Reads for the weekly meeting and the offers: the bank a member works for, its coming
meetings, the rounds and their pairs explained in words, the offers a user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from trepart.meetings.models import Meeting
from trepart.organisation.models import Body, Unit
from trepart.redeployment import privacy
from trepart.redeployment.explain_text import Names, PairText, pair_text, reason_text
from trepart.redeployment.models import (
    Location,
    MatchRound,
    Offer,
    ProposedPair,
    Qualification,
    RedeploymentCase,
    Vacancy,
)


def coming_meetings(bank: Body) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(body=bank, starts_at__gte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
    )


def rounds_for(user: Any) -> QuerySet[MatchRound]:
    """The rounds the user may see: members only."""
    if not privacy.is_member(user):
        return MatchRound.objects.none()
    return MatchRound.objects.for_user(user).select_related("meeting", "item")


def names_for(municipality_id: int, result: dict[str, Any]) -> Names:
    """The names the reasons of one round refer to."""
    cases = RedeploymentCase.objects.filter(
        municipality_id=municipality_id, pk__in=[int(k) for k in result.get("candidates", [])]
    ).select_related("person")
    vacancies = Vacancy.objects.filter(
        municipality_id=municipality_id, pk__in=[int(k) for k in result.get("vacancies", [])]
    )
    units = Unit.objects.filter(municipality_id=municipality_id).values_list("pk", "name")
    locations = Location.objects.filter(municipality_id=municipality_id)
    qualifications = Qualification.objects.filter(municipality_id=municipality_id)
    return Names(
        people={str(c.pk): c.person.full_name for c in cases},
        vacancies={str(v.pk): v.title for v in vacancies},
        units={str(pk): name for pk, name in units},
        locations={loc.code: loc.name for loc in locations},
        qualifications={q.code: q.name for q in qualifications},
    )


@dataclass(frozen=True)
class PairRow:
    pair: ProposedPair
    text: PairText
    extra: list[Vacancy]
    offer: Offer | None


@dataclass(frozen=True)
class Unplaced:
    name: str
    reasons: list[str]


def round_rows(match_round: MatchRound) -> tuple[list[PairRow], list[Unplaced]]:
    """The round's pairs with their explanations in words, and the people left unplaced."""
    names = names_for(match_round.municipality_id, match_round.result)
    pairs = (
        ProposedPair.objects.filter(round=match_round)
        .select_related("case__person", "vacancy__unit", "decided_by")
        .prefetch_related("extra_vacancies")
    )
    offers = {
        offer.pair_id: offer
        for offer in Offer.objects.filter(pair__round=match_round).order_by("pk")
    }
    rows = [
        PairRow(
            pair=pair,
            text=pair_text(pair.explanation, names),
            extra=list(pair.extra_vacancies.all()),
            offer=offers.get(pair.pk),
        )
        for pair in pairs
    ]
    unplaced = [
        Unplaced(
            name=names.people.get(str(row.get("candidate")), str(row.get("candidate"))),
            reasons=[
                reason_text(r.get("code"), r.get("params"), names) for r in row.get("reasons", [])
            ],
        )
        for row in match_round.result.get("unplaced", [])
    ]
    return rows, unplaced


def offers_shown(user: Any) -> QuerySet[Offer]:
    """The offers the user may see (``privacy.offers_for``), with what the list shows."""
    return (
        privacy.offers_for(user)
        .select_related("case__person")
        .prefetch_related("parts__vacancy__unit")
        .order_by("-made_on", "-pk")
    )
