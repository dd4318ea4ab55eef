"""Follow-up actions: the board and its columns."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from trepart.meetings.models import (
    OPEN_FOLLOW_UP,
    FollowUp,
)
from trepart.organisation.selectors import today


def follow_up_board(
    *,
    municipality_id: int,
    body_id: int | None = None,
    owner_id: int | None = None,
    include_closed: bool = False,
) -> dict[str, list[FollowUp]]:
    """Actions by status column; each has ``is_overdue`` set for today."""
    rows = FollowUp.objects.filter(municipality_id=municipality_id).select_related(
        "owner", "body", "item"
    )
    if body_id is not None:
        rows = rows.filter(body_id=body_id)
    if owner_id is not None:
        rows = rows.filter(owner_id=owner_id)
    if not include_closed:
        day = today()
        rows = rows.filter(
            Q(status__in=OPEN_FOLLOW_UP)
            | Q(status=FollowUp.Status.DONE, done_on__gte=day - datetime.timedelta(days=30))
        )
    board: dict[str, list[FollowUp]] = {status: [] for status in FollowUp.Status.values}
    day = today()
    for follow_up in rows.order_by("due_on", "pk")[:2000]:
        follow_up.is_overdue = (  # type: ignore[attr-defined]
            follow_up.status in OPEN_FOLLOW_UP and follow_up.due_on < day
        )
        board[follow_up.status].append(follow_up)
    return board


FOLLOW_UP_COLUMNS = (FollowUp.Status.OPEN, FollowUp.Status.IN_PROGRESS, FollowUp.Status.DONE)


DONE_SHOWN_DAYS = 30


def follow_up_rows(
    *, municipality_id: int, body_id: int | None = None, owner_id: int | None = None
) -> QuerySet[FollowUp]:
    """What the board holds: open actions, and those done in the last 30 days."""
    day = today()
    rows = FollowUp.objects.filter(municipality_id=municipality_id).filter(
        Q(status__in=OPEN_FOLLOW_UP)
        | Q(status=FollowUp.Status.DONE, done_on__gte=day - datetime.timedelta(DONE_SHOWN_DAYS))
    )
    if body_id is not None:
        rows = rows.filter(body_id=body_id)
    if owner_id is not None:
        rows = rows.filter(owner_id=owner_id)
    return rows


def follow_up_counts(rows: QuerySet[FollowUp]) -> dict[str, int]:
    """How many in each column, and how many are past their due date, in one query."""
    day = today()
    return rows.aggregate(
        OPEN=Count("pk", filter=Q(status=FollowUp.Status.OPEN)),
        IN_PROGRESS=Count("pk", filter=Q(status=FollowUp.Status.IN_PROGRESS)),
        DONE=Count("pk", filter=Q(status=FollowUp.Status.DONE)),
        overdue=Count("pk", filter=Q(status__in=OPEN_FOLLOW_UP, due_on__lt=day)),
    )


def follow_up_column(rows: QuerySet[FollowUp], status: str) -> QuerySet[FollowUp]:
    """One column, soonest due first (the most recently done first for done ones)."""
    order = ("-done_on", "-pk") if status == FollowUp.Status.DONE else ("due_on", "pk")
    # The item's meeting decides who reads the item whole (``privacy.follow_up_for``).
    rows = rows.filter(status=status).select_related("owner", "body", "item__meeting")
    return rows.order_by(*order)
