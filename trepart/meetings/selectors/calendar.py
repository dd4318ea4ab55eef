"""Which meetings a person or a visitor may see: calendars, feeds and reach."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from trepart.meetings import permissions
from trepart.meetings.models import (
    AgendaItem,
    Meeting,
    Minutes,
)
from trepart.meetings.privacy import PUBLIC_ITEMS
from trepart.organisation.models import Body, Membership, Person
from trepart.organisation.selectors import active_q, today
from trepart.platform.tenancy import is_municipal_admin


def meeting_queryset(*, municipality_id: int) -> QuerySet[Meeting]:
    return Meeting.objects.filter(municipality_id=municipality_id).select_related("body")


def public_meetings(*, municipality_id: int) -> QuerySet[Meeting]:
    """Open meetings whose agenda is out: what the portal, feeds and outsiders may list."""
    return (
        meeting_queryset(municipality_id=municipality_id)
        .filter(is_open=True, published_at__isnull=False)
        .exclude(status=Meeting.Status.CANCELLED)
    )


def meeting_get(*, user: Any, pk: int) -> Meeting:
    """The meeting if ``user`` may see it (anyone may see a public one), else 404."""
    meeting = Meeting.objects.select_related("body", "municipality").filter(pk=pk).first()
    if meeting is None or not permissions.can_view_meeting(user, meeting):
        raise Http404
    return meeting


def calendar(
    *,
    municipality_id: int,
    start: datetime.date,
    end: datetime.date,
    body_id: int | None = None,
    public: bool = True,
) -> QuerySet[Meeting]:
    """Meetings between ``start`` and ``end`` (local days, both included)."""
    rows = (
        public_meetings(municipality_id=municipality_id)
        if public
        else meeting_queryset(municipality_id=municipality_id)
    )
    if body_id is not None:
        rows = rows.filter(body_id=body_id)
    zone = timezone.get_current_timezone()
    after = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    before = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return rows.filter(starts_at__gte=after, starts_at__lt=before).order_by("starts_at", "pk")


def meetings_of_person(
    *,
    person: Person,
    start: datetime.date,
    before: datetime.datetime | None = None,
    cancelled: bool = False,
) -> QuerySet[Meeting]:
    """Meetings of the bodies a person sits in (for their own calendar feed), from ``start``
    (and, given ``before``, starting before that moment); ``cancelled`` keeps cancelled ones."""
    body_ids = Membership.objects.filter(active_q(today()), person=person).values("body_id")
    zone = timezone.get_current_timezone()
    after = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    rows = meeting_queryset(municipality_id=person.municipality_id).filter(
        body_id__in=body_ids, starts_at__gte=after
    )
    if before is not None:
        rows = rows.filter(starts_at__lt=before)
    if not cancelled:
        rows = rows.exclude(status=Meeting.Status.CANCELLED)
    return rows.order_by("starts_at", "pk")


def portal_calendar(
    *,
    municipality_id: int,
    start: datetime.date,
    end: datetime.date,
    body_id: int | None = None,
    search: str = "",
) -> QuerySet[Meeting]:
    """The public calendar, each meeting with ``minutes_published``. ``search`` matches
    body names and the titles of open items only: a closed item's real title is never
    searched, so a hit cannot confirm a guess at it."""
    rows = calendar(municipality_id=municipality_id, start=start, end=end, body_id=body_id)
    if search:
        # SQLite compares only ASCII letters without case: "ærfugl" finds "Ærfugl" through
        # the spellings a word is usually written in.
        spellings = {search, search.lower(), search.capitalize(), search.upper()}
        titles, names = Q(), Q()
        for spelling in spellings:
            titles |= Q(title__icontains=spelling)
            names |= Q(body__name__icontains=spelling)
        public_items = AgendaItem.objects.filter(titles, PUBLIC_ITEMS)
        rows = rows.filter(Q(pk__in=public_items.values("meeting_id")) | names)
    published = Minutes.objects.filter(meeting=OuterRef("pk"), status=Minutes.Status.PUBLISHED)
    return rows.annotate(minutes_published=Exists(published))


def public_feed(*, body: Body, start: datetime.date) -> QuerySet[Meeting]:
    """A body's open meetings with a published agenda, from ``start``, for its public iCal
    feed; cancelled ones stay in so a subscriber's calendar shows the cancellation."""
    zone = timezone.get_current_timezone()
    after = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    return (
        meeting_queryset(municipality_id=body.municipality_id)
        .filter(body=body, is_open=True, published_at__isnull=False, starts_at__gte=after)
        .order_by("starts_at", "pk")
    )


def bodies_with_meetings(*, municipality_id: int) -> QuerySet[Body]:
    return Body.objects.filter(municipality_id=municipality_id).order_by("name")


@dataclass(frozen=True)
class Reach:
    """The bodies whose meetings a user sees beyond the public ones, read once, so a list
    of meetings asks ``permissions.can_see_internal`` of each without a query per row."""

    municipality_id: int | None
    admin: bool
    prepares: frozenset[int]
    sits_in: frozenset[int]

    def internal(self, meeting: Meeting) -> bool:
        """The same answer as ``permissions.can_see_internal`` for this user."""
        if meeting.municipality_id != self.municipality_id:
            return False
        if self.admin or meeting.body_id in self.prepares:
            return True
        return meeting.is_published and meeting.body_id in self.sits_in


def reach_of(user: Any) -> Reach:
    municipality_id = getattr(user, "municipality_id", None)
    if not getattr(user, "is_authenticated", False) or municipality_id is None:
        return Reach(None, False, frozenset(), frozenset())
    person_id = permissions.person_id_of(user)
    seats = (
        list(
            Membership.objects.filter(
                active_q(today()), person_id=person_id, municipality_id=municipality_id
            ).values_list("body_id", "role")
        )
        if person_id
        else []
    )
    return Reach(
        municipality_id=municipality_id,
        admin=is_municipal_admin(user),
        prepares=frozenset(b for b, role in seats if role in ("CHAIR", "SECRETARY")),
        sits_in=frozenset(b for b, _role in seats),
    )


def meetings_visible(*, reach: Reach, municipality_id: int) -> QuerySet[Meeting]:
    """The meetings of ``municipality_id`` a reader may list: the public ones, and for the
    municipality's own people those of their bodies (all of them for administrators), as
    ``permissions.can_view_meeting`` decides for one."""
    public = Q(is_open=True, published_at__isnull=False) & ~Q(status=Meeting.Status.CANCELLED)
    rows = meeting_queryset(municipality_id=municipality_id)
    if reach.municipality_id != municipality_id:
        return rows.filter(public)
    if reach.admin:
        return rows
    return rows.filter(public | Q(body_id__in=reach.prepares | reach.sits_in))
