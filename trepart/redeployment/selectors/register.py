"""Reading the register: the list a member filters and pages, one case with its history, and
the bank's overview. Every read goes through ``redeployment.privacy``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from trepart.meetings.models import Meeting
from trepart.organisation.models import Body
from trepart.organisation.selectors import unit_tree
from trepart.redeployment import privacy
from trepart.redeployment.models import (
    CaseEvent,
    CaseStatus,
    ExpectedRedundancy,
    Offer,
    RedeploymentCase,
    Vacancy,
)


def case_list(
    *, user: Any, status: str = "", kind: str = "", unit_id: int | None = None
) -> QuerySet[RedeploymentCase]:
    """The register for a member, filtered (a unit with the units below it); nothing for
    anyone else."""
    if not privacy.is_member(user):
        return RedeploymentCase.objects.none()
    rows = privacy.cases_for(user).select_related("person", "from_unit", "location")
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    if unit_id:
        below = unit_tree(municipality_id=user.municipality_id).subtree_ids([unit_id])
        rows = rows.filter(from_unit_id__in=below)
    return rows.order_by("person__last_name", "person__first_name", "pk")


def case_get(*, user: Any, pk: int) -> RedeploymentCase:
    """A case the user may see; anything else (another municipality's too) is a 404."""
    case = (
        privacy.cases_for(user)
        .select_related("person", "from_unit", "location", "bank")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def case_history(case: RedeploymentCase) -> QuerySet[CaseEvent]:
    return case.events.select_related("by", "vacancy", "offer").order_by("on", "at", "pk")


@dataclass(frozen=True)
class Overview:
    by_status: list[tuple[str, str, int]]  # (status, label, count), every status
    in_bank: int
    held: int
    open_offers: int
    next_meeting: Meeting | None
    # Redundancies decided plans announced, whose people are not yet registered.
    expected: list[ExpectedRedundancy]


def bank_overview(*, user: Any, now: datetime.datetime | None = None) -> Overview:
    """The bank's page in figures: people by status, vacancies held for the next meeting,
    open offers, and the bank's next meeting (members only)."""
    counts = dict(
        privacy.cases_for(user)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    by_status = [(value, str(label), counts.get(value, 0)) for value, label in CaseStatus.choices]
    # A member follows their own bank; an administrator every bank of the municipality.
    banks = privacy.bank_ids(user) or list(
        Body.objects.filter(
            municipality_id=user.municipality_id, kind=Body.Kind.REDEPLOYMENT
        ).values_list("pk", flat=True)
    )
    meeting = (
        Meeting.objects.filter(body_id__in=banks, starts_at__gte=now or timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("body")
        .order_by("starts_at")
        .first()
    )
    return Overview(
        by_status=by_status,
        in_bank=sum(n for status, n in counts.items() if status != CaseStatus.CLOSED),
        held=privacy.vacancies_for(user).filter(status=Vacancy.Status.HELD).count(),
        open_offers=privacy.offers_for(user).filter(status=Offer.Status.OPEN).count(),
        next_meeting=meeting,
        expected=list(
            ExpectedRedundancy.objects.for_user(user)
            .filter(handled=False)
            .select_related("unit")
            .order_by("-decided_on", "pk")
        ),
    )
