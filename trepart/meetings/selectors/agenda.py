"""The agenda as each reader may see it, and what is drafted from it (minutes, access log).

Each item reaches its reader through ``privacy.item_for``, the one place where a closed
item is reduced to its number, a neutral title and its legal basis, so pages, PDFs, feeds
and the API cannot disagree about what is public.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Prefetch, QuerySet

from trepart.meetings import permissions
from trepart.meetings.models import (
    AgendaItem,
    Attendance,
    Document,
    DocumentAccess,
    DocumentVersion,
    FollowUp,
    Meeting,
    Minutes,
)
from trepart.meetings.privacy import ShownItem, item_for
from trepart.organisation.models import Membership, Person
from trepart.organisation.selectors import active_q


def agenda_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    return (
        meeting.items.select_related("case_officer")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=Document.objects.order_by("created_at", "pk").prefetch_related(
                    Prefetch("versions", queryset=DocumentVersion.objects.order_by("number"))
                ),
            ),
            "stands",
            "motions",
            "proposals",
        )
        .order_by("position", "pk")
    )


def agenda(meeting: Meeting, *, internal: bool, drafts: bool = False) -> list[ShownItem]:
    """The agenda for a reader. ``internal``: a member after publication, or whoever
    prepares the meeting; ``drafts``: include documents not yet released (preparers)."""
    return [item_for(item, internal=internal, drafts=drafts) for item in agenda_items(meeting)]


def agenda_for(user: Any, meeting: Meeting) -> list[ShownItem]:
    return agenda(
        meeting,
        internal=permissions.can_see_internal(user, meeting),
        drafts=permissions.can_prepare(user, meeting.body),
    )


def minutes_of(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).prefetch_related("approvals__person").first()


def attendance_of(meeting: Meeting) -> list[Attendance]:
    return list(
        meeting.attendance.select_related("person", "substitute_for", "membership").order_by(
            "party", "person__last_name", "person__first_name"
        )
    )


def people_for_attendance(meeting: Meeting) -> list[Membership]:
    """Every seat held on the meeting day, deputies included, by party."""
    return list(
        Membership.objects.filter(active_q(meeting.starts_at.date()), body_id=meeting.body_id)
        .select_related("person")
        .order_by("party", "role", "person__last_name", "person__first_name")
    )


@dataclass(frozen=True)
class AccessRow:
    person: Person
    party: str
    opened: dict[int, datetime.datetime]  # document id -> first opened
    times: dict[int, int]  # document id -> how many times


def access_log(meeting: Meeting) -> tuple[list[Document], list[AccessRow]]:
    """Each member against each released document: when they first opened it."""
    documents = list(
        Document.objects.filter(item__meeting=meeting, released_at__isnull=False).order_by(
            "item__position", "created_at", "pk"
        )
    )
    seats = (
        Membership.objects.filter(active_q(meeting.starts_at.date()), body_id=meeting.body_id)
        .select_related("person")
        .order_by("party", "person__last_name", "person__first_name")
    )
    opened: dict[int, dict[int, datetime.datetime]] = defaultdict(dict)
    times: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        DocumentAccess.objects.filter(document__in=[d.pk for d in documents])
        .values("user_id", "document_id")
        .annotate(first=Min("opened_at"), times=Count("pk"))
    ):
        opened[row["user_id"]][row["document_id"]] = row["first"]
        times[row["user_id"]][row["document_id"]] = row["times"]
    rows = []
    seen: set[int] = set()
    for seat in seats:
        if seat.person_id in seen:
            continue
        seen.add(seat.person_id)
        user_id = seat.person.user_id
        rows.append(
            AccessRow(
                person=seat.person,
                party=seat.party,
                opened=opened.get(user_id, {}) if user_id else {},
                times=times.get(user_id, {}) if user_id else {},
            )
        )
    return documents, rows


def minutes_parts(meeting: Meeting, *, internal: bool) -> dict[str, Any]:
    """Everything the minutes' body shows (``meetings/partials/_minutes_body.html``):
    the items through ``agenda`` so a closed item stays masked for outsiders, attendance,
    the minutes and the follow-up actions of the items the reader may see whole (a masked
    item's actions are left out: the minutes name an action only by its title)."""
    items = agenda(meeting, internal=internal)
    shown = [item.pk for item in items if not item.masked]
    follow_ups = list(
        FollowUp.objects.filter(item_id__in=shown).select_related("owner").order_by("due_on", "pk")
    )
    return {
        "meeting": meeting,
        "items": items,
        "attendance": attendance_of(meeting),
        "minutes": minutes_of(meeting),
        "follow_ups": follow_ups,
        "follow_up_items": {follow_up.item_id for follow_up in follow_ups},
    }
