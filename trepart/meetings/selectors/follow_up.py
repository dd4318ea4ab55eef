"""Follow-up actions: the board and its columns.

The rows are the actions themselves; what a reader sees of each is ``privacy.follow_up_for``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet

from trepart.meetings.models import (
    OPEN_FOLLOW_UP,
    FollowUp,
)
from trepart.organisation.selectors import today

FOLLOW_UP_COLUMNS = (FollowUp.Status.OPEN, FollowUp.Status.IN_PROGRESS, FollowUp.Status.DONE)


DONE_SHOWN_DAYS = 30


def follow_up_rows(
    *, user: Any, body_id: int | None = None, owner_id: int | None = None
) -> QuerySet[FollowUp]:
    """What the board holds: open actions, and those done in the last 30 days."""
    day = today()
    rows = FollowUp.objects.for_user(user).filter(
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
