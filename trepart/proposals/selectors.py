"""Reads of proposals: lists with filters, inboxes, one proposal with its history, figures.

Names and contact details are filtered here, once, for pages, the API and exports alike:
``shown_name`` is what a given user may see of who proposed something.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from trepart.organisation.models import Membership
from trepart.organisation.selectors import active_q, today
from trepart.proposals.models import OPEN_STATUSES, Proposal, Source
from trepart.proposals.search import apply_search


@dataclass(frozen=True)
class ProposalFilters:
    """The filters of the proposal list and ``GET /api/v1/proposals`` (all optional)."""

    status: str = ""
    body_id: int | None = None
    unit_id: int | None = None
    overdue: bool = False
    source: str = ""
    query: str = ""
    mine: bool = False


def overdue_q(day: datetime.date | None = None) -> Q:
    """Open proposals whose answer is past due."""
    return Q(status__in=OPEN_STATUSES, due_on__lt=day or today())


def proposal_queryset(*, municipality_id: int) -> QuerySet[Proposal]:
    return Proposal.objects.filter(municipality_id=municipality_id)


def proposal_list(*, user: Any, filters: ProposalFilters) -> QuerySet[Proposal]:
    """The municipality's proposals matching ``filters``, newest first."""
    proposals = proposal_queryset(municipality_id=user.municipality_id)
    if filters.status:
        proposals = proposals.filter(status=filters.status)
    if filters.body_id:
        proposals = proposals.filter(body_id=filters.body_id)
    if filters.unit_id:
        proposals = proposals.filter(proposalunit__unit_id=filters.unit_id)
    if filters.overdue:
        proposals = proposals.filter(overdue_q())
    if filters.source:
        proposals = proposals.filter(source=filters.source)
    if filters.mine:
        proposals = proposals.filter(submitted_by_id=user.pk)
    if filters.query:
        proposals = apply_search(proposals, filters.query)
    return proposals.select_related("body").order_by("-pk")


def my_body_ids(user: Any) -> set[int]:
    """Bodies the user sits in today (for names and contact details in lists)."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None:
        return set()
    return set(
        Membership.objects.filter(active_q(today()), person=person).values_list(
            "body_id", flat=True
        )
    )


def shown_name(proposal: Proposal, *, user: Any, body_ids: set[int] | None = None) -> str:
    """Who proposed it, as ``user`` may see it; a hidden name reads "Name withheld".

    ``body_ids`` (from ``my_body_ids``) saves a query per row in lists.
    """
    if not proposal.hide_name:
        return proposal.proposer_name or _unnamed(proposal)
    if user.is_authenticated and proposal.submitted_by_id == user.pk:
        return proposal.proposer_name
    mine = my_body_ids(user) if body_ids is None else body_ids
    if proposal.body_id in mine:
        return proposal.proposer_name or _unnamed(proposal)
    return _("Name withheld")


def _unnamed(proposal: Proposal) -> str:
    return _("A citizen") if proposal.source == Source.CITIZEN else _("An employee")


def shown_email(proposal: Proposal, *, user: Any, body_ids: set[int] | None = None) -> str:
    """A proposer's e-mail address, for the handling body and the proposer only."""
    if user.is_authenticated and proposal.submitted_by_id == user.pk:
        return proposal.proposer_email
    mine = my_body_ids(user) if body_ids is None else body_ids
    return proposal.proposer_email if proposal.body_id in mine else ""
