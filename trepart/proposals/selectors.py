"""Reads of proposals: lists with filters, inboxes, one proposal with its history, figures.

Names and contact details are filtered here, once, for pages, the API and exports alike:
``shown_name`` is what a given user may see of who proposed something.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from trepart.organisation.models import Body, Membership, Party
from trepart.organisation.selectors import active_q, today
from trepart.proposals.models import (
    OPEN_STATUSES,
    AnswerKind,
    Event,
    Position,
    Proposal,
    Source,
    Status,
)
from trepart.proposals.rules import median
from trepart.proposals.search import apply_search, newest_first


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


def proposal_queryset(*, user: Any) -> QuerySet[Proposal]:
    return Proposal.objects.for_user(user)


def proposal_list(*, user: Any, filters: ProposalFilters) -> QuerySet[Proposal]:
    """The municipality's proposals matching ``filters``, newest first."""
    proposals = proposal_queryset(user=user)
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
    return newest_first(proposals.select_related("body"), searching=bool(filters.query))


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


# ---------------------------------------------------------------------------------------
# Pages for handling proposals

# What a row of the proposal list (and the CSV export) reads: no description, no e-mail.
LIST_FIELDS = (
    "id",
    "municipality_id",
    "title",
    "status",
    "source",
    "body_id",
    "body__id",
    "body__name",
    "arrived_on",
    "due_on",
    "answered_on",
    "answer",
    "hide_name",
    "submitted_by_id",
    "proposer_name",
)


def proposal_rows(*, user: Any, filters: ProposalFilters) -> QuerySet[Proposal]:
    """``proposal_list`` reading only what a list row shows."""
    return proposal_list(user=user, filters=filters).only(*LIST_FIELDS)


def proposal_get(*, user: Any, pk: int) -> Proposal:
    """One proposal of the user's municipality (``Proposal.DoesNotExist`` otherwise)."""
    return (
        Proposal.objects.for_user(user)
        .select_related("body", "recommendation_body", "merged_into", "proposer")
        .get(pk=pk)
    )


def is_overdue(proposal: Proposal, day: datetime.date | None = None) -> bool:
    return proposal.status in OPEN_STATUSES and proposal.due_on < (day or today())


def proposal_history(proposal: Proposal) -> list[Event]:
    """The proposal's steps, oldest first, each with the names of the bodies its data names."""
    events = list(proposal.events.select_related("actor", "body").order_by("created_at", "pk"))
    ids = {
        value
        for event in events
        for key in ("from_body", "to_body", "recommendation_body")
        if isinstance(value := event.data.get(key), int)
    }
    names = dict(Body.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    for event in events:
        _describe(event, names)
    return events


def _label(choices: Any, value: Any) -> str:
    return str(choices(value).label) if value in choices.values else str(value or "")


def _describe(event: Event, names: dict[int, str]) -> None:
    """Read the event's data as words: body names, party, stance and answer labels."""
    data: dict[str, Any] = event.data or {}
    shown: Any = event
    shown.from_body_name = names.get(data.get("from_body"), "")  # type: ignore[arg-type]
    shown.to_body_name = names.get(data.get("to_body"), "")  # type: ignore[arg-type]
    shown.party_label = _label(Party, data.get("party"))
    shown.stance_label = _label(Position.Stance, data.get("stance"))
    shown.answer_label = _label(AnswerKind, data.get("answer"))
    shown.view_rows = [
        (_label(Party, party), text) for party, text in (data.get("views") or {}).items()
    ]


def inbox_q(body_id: int) -> Q:
    """Open proposals the body handles, or on which its recommendation is awaited.

    The status test sits in each branch and no municipality test is added (the body
    implies it), so each branch is answered from its own index; otherwise the busiest
    inbox reads every open proposal of the municipality (oslo: 26 ms to 7 ms a query).
    """
    return Q(body_id=body_id, status__in=OPEN_STATUSES) | Q(
        recommendation_body_id=body_id, recommendation_recorded=False, status__in=OPEN_STATUSES
    )


def inbox(*, body: Body) -> QuerySet[Proposal]:
    """A body's inbox, the nearest answer date first."""
    return (
        Proposal.objects.filter(inbox_q(body.pk))
        .select_related("body")
        .only(*LIST_FIELDS, "recommendation_body_id", "recommendation_recorded")
        .order_by("due_on", "pk")
    )


@dataclass(frozen=True)
class InboxCounts:
    open: int
    overdue: int


def inbox_counts(*, body: Body) -> InboxCounts:
    counts = Proposal.objects.filter(inbox_q(body.pk)).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today()))
    )
    return InboxCounts(open=counts["open"], overdue=counts["overdue"])


def overdue_counts(*, body_ids: set[int]) -> dict[int, int]:
    """How many proposals past their answer date each body handles (bodies with none left out)."""
    if not body_ids:
        return {}
    rows = (
        Proposal.objects.filter(overdue_q(), body_id__in=body_ids)
        .order_by()
        .values("body_id")
        .annotate(count=Count("pk"))
    )
    return {row["body_id"]: row["count"] for row in rows}


def my_latest(*, user: Any, limit: int = 5) -> list[Proposal]:
    """The user's own latest proposals."""
    return list(
        Proposal.objects.filter(submitted_by_id=user.pk)
        .only("id", "title", "status", "due_on", "created_at")
        .order_by("-id")[:limit]
    )


# ---------------------------------------------------------------------------------------
# Figures


@dataclass(frozen=True)
class FigureRow:
    """What became of the proposals that arrived at one body or concerned one unit."""

    key: int | None
    name: str
    received: int
    answered: int
    answered_in_time: int
    median_days: float | None
    implemented: int

    @property
    def share_in_time(self) -> float | None:
        return self.answered_in_time / self.answered if self.answered else None

    @property
    def share_implemented(self) -> float | None:
        return self.implemented / self.answered if self.answered else None

    @property
    def percent_in_time(self) -> float | None:
        share = self.share_in_time
        return None if share is None else share * 100

    @property
    def percent_implemented(self) -> float | None:
        share = self.share_implemented
        return None if share is None else share * 100


@dataclass
class _Tally:
    name: str
    received: int = 0
    answered: int = 0
    in_time: int = 0
    implemented: int = 0
    days: list[int] = field(default_factory=list)

    def add(self, *, first_answer: str, in_time: bool | None, days: int | None, done: bool) -> None:
        self.received += 1
        if not first_answer:
            return
        self.answered += 1
        self.in_time += bool(in_time)
        if days is not None:
            self.days.append(days)
        self.implemented += done

    def row(self, key: int | None) -> FigureRow:
        return FigureRow(
            key=key,
            name=self.name,
            received=self.received,
            answered=self.answered,
            answered_in_time=self.in_time,
            median_days=median(self.days),
            implemented=self.implemented,
        )


def proposal_figures(
    municipality_id: int, start: datetime.date, end: datetime.date, by: str = "body"
) -> list[FigureRow]:
    """Received, answered, answered in time, median days and implemented, per body or unit,
    for proposals that arrived between ``start`` and ``end`` (both included).

    By unit, a proposal concerning several units counts for each; one concerning none is
    left out.
    """
    if by not in ("body", "unit"):
        raise ValueError(f"figures by {by!r}")
    proposals = Proposal.objects.filter(
        municipality_id=municipality_id, arrived_on__gte=start, arrived_on__lte=end
    )
    if by == "body":
        key, name = "body_id", "body__name"
    else:
        key, name = "proposalunit__unit_id", "proposalunit__unit__name"
        proposals = proposals.filter(proposalunit__isnull=False)
    tallies: dict[int, _Tally] = {}
    rows = proposals.order_by().values_list(
        key, name, "first_answer", "answered_in_time", "answer_days", "answer", "status"
    )
    for group, group_name, first, in_time, days, answer, status in rows.iterator(chunk_size=5000):
        tally = tallies.get(group)
        if tally is None:
            tally = tallies[group] = _Tally(name=group_name)
        tally.add(
            first_answer=first,
            in_time=in_time,
            days=days,
            done=answer == AnswerKind.IMPLEMENTED or status == Status.DONE,
        )
    return sorted(
        (tally.row(group) for group, tally in tallies.items()), key=lambda row: row.name.lower()
    )


def figures_total(municipality_id: int, start: datetime.date, end: datetime.date) -> FigureRow:
    """The whole municipality's line (by body, each proposal counts once)."""
    tally = _Tally(name=_("All bodies"))
    values = Proposal.objects.filter(
        municipality_id=municipality_id, arrived_on__gte=start, arrived_on__lte=end
    ).values_list("first_answer", "answered_in_time", "answer_days", "answer", "status")
    for first, in_time, days, answer, status in values.iterator(chunk_size=5000):
        tally.add(
            first_answer=first,
            in_time=in_time,
            days=days,
            done=answer == AnswerKind.IMPLEMENTED or status == Status.DONE,
        )
    return tally.row(None)
