"""Reads for the weekly meeting and the offers: the bank a member works for, its coming
meetings, the rounds and their pairs explained in words, the offers a user may see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Case as DbCase
from django.db.models import QuerySet, When
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


def _referred(node: Any, found: dict[str, set[str]]) -> None:
    """The keys of people, vacancies and units a stored explanation or reason refers to."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("other", "candidate") and value is not None:
                found["people"].add(str(value))
            elif key == "next_best" and value is not None:
                found["vacancies"].add(str(value))
            elif key == "unit" and value is not None:
                found["units"].add(str(value))
            else:
                _referred(value, found)
    elif isinstance(node, list):
        for value in node:
            _referred(value, found)


def _ids(keys: set[str]) -> list[int]:
    return [int(key) for key in keys if key.isdigit()]


def names_for(
    municipality_id: int,
    result: dict[str, Any],
    *,
    pairs: Sequence[ProposedPair],
    unplaced: bool = True,
) -> Names:
    """The names the reasons of ``pairs`` (and, with ``unplaced``, of the people the round
    left without a vacancy) refer to: only those are read, so a page of a large round reads
    a handful of rows."""
    found: dict[str, set[str]] = {"people": set(), "vacancies": set(), "units": set()}
    _referred([pair.explanation for pair in pairs], found)
    if unplaced:
        _referred(result.get("unplaced", []), found)
    cases = RedeploymentCase.objects.filter(
        municipality_id=municipality_id, pk__in=_ids(found["people"])
    ).select_related("person")
    vacancies = Vacancy.objects.filter(
        municipality_id=municipality_id, pk__in=_ids(found["vacancies"])
    ).values_list("pk", "title")
    units = Unit.objects.filter(
        municipality_id=municipality_id, pk__in=_ids(found["units"])
    ).values_list("pk", "name")
    locations = Location.objects.filter(municipality_id=municipality_id)
    qualifications = Qualification.objects.filter(municipality_id=municipality_id)
    return Names(
        people={str(c.pk): c.person.full_name for c in cases},
        vacancies={str(pk): title for pk, title in vacancies},
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


def round_pairs(match_round: MatchRound, *, decision: str = "") -> QuerySet[ProposedPair]:
    """The round's pairs, those awaiting the meeting's decision first (only those of one
    ``decision``, if given)."""
    rows = ProposedPair.objects.filter(round=match_round)
    if decision:
        rows = rows.filter(decision=decision)
    return rows.annotate(
        decided=DbCase(When(decision=ProposedPair.Decision.PENDING, then=0), default=1)
    ).order_by("decided", "pk")


def round_rows(
    match_round: MatchRound, *, pairs: Sequence[ProposedPair] | None = None
) -> tuple[list[PairRow], list[Unplaced]]:
    """The pairs (a page of the round's, or all) with their explanations in words, and the
    people left unplaced."""
    keys = (
        [pair.pk for pair in pairs]
        if pairs is not None
        else list(
            ProposedPair.objects.filter(round=match_round)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    )
    order = {pk: index for index, pk in enumerate(keys)}
    shown = sorted(
        ProposedPair.objects.filter(pk__in=list(order))
        .select_related("case__person", "vacancy__unit", "decided_by")
        .prefetch_related("extra_vacancies"),
        key=lambda pair: order[pair.pk],
    )
    names = names_for(match_round.municipality_id, match_round.result, pairs=shown)
    offers = {
        offer.pair_id: offer for offer in Offer.objects.filter(pair__in=list(order)).order_by("pk")
    }
    rows = [
        PairRow(
            pair=pair,
            text=pair_text(pair.explanation, names),
            extra=list(pair.extra_vacancies.all()),
            offer=offers.get(pair.pk),
        )
        for pair in shown
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
