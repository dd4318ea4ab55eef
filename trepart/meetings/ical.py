"""Meetings as an iCalendar feed (RFC 5545), for subscribing in Outlook and other calendars.

A feed address travels: it is pasted into calendar programs, shared and forwarded. So a
feed holds public fields only, whoever it is for — the time, the place, the address of the
meeting page and, for a public meeting, its agenda as the public sees it (closed items by
number and neutral title, as ``privacy.item_heading(internal=False)`` gives them).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.meetings import permissions
from trepart.meetings.models import Meeting
from trepart.meetings.privacy import item_heading
from trepart.platform.urls import absolute_url, site_host

PRODID = "-//Trepart//Meetings//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# How far back a feed reaches: last year's meetings stay in the subscriber's calendar.
HISTORY_DAYS = 365


def feed_start() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=HISTORY_DAYS)


def meeting_url(meeting: Meeting) -> str:
    return absolute_url(reverse("meetings:meeting-detail", args=[meeting.pk]))


def meeting_uid(meeting: Meeting) -> str:
    """The same for a meeting in every feed and every download, so calendars update it."""
    host = site_host()
    return f"meeting-{meeting.pk}@{host}"


def _description(meeting: Meeting) -> str:
    lines = [meeting_url(meeting)]
    if permissions.is_public(meeting):
        items = [
            item_heading(item, internal=False) for item in meeting.items.order_by("position", "pk")
        ]
        if items:
            lines += ["", _("Agenda:")]
            lines += [f"{item.case_number} {item.title}" for item in items]
    return "\n".join(lines)


def meeting_event(meeting: Meeting, *, stamp: datetime.datetime) -> icalendar.Event:
    zone = timezone.get_default_timezone()
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    if meeting.ends_at is not None:
        event.add("dtend", meeting.ends_at.astimezone(zone))
    # Each saved change counts up the meeting's version: calendars take the newest.
    event.add("sequence", meeting.version)
    event.add("summary", _("%(body)s: meeting") % {"body": meeting.body.name})
    if meeting.place:
        event.add("location", meeting.place)
    event.add("url", meeting_url(meeting))
    event.add("description", _description(meeting))
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def feed(meetings: Iterable[Meeting], *, name: str) -> bytes:
    """The calendar ``name`` holding ``meetings``, as the bytes of an .ics file."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    events = [meeting_event(meeting, stamp=stamp) for meeting in meetings]
    days = [event.decoded("dtstart").date() for event in events] or [timezone.localdate()]
    # The events' local times need their zone. It goes in even when there is no event:
    # RFC 5545 wants a calendar to hold at least one component. The zone's rules cover the
    # years the feed spans, not 1970 on.
    calendar.add_component(
        icalendar.Timezone.from_tzid(
            settings.TIME_ZONE,
            first_date=min(days) - datetime.timedelta(days=366),
            last_date=max(days) + datetime.timedelta(days=366),
        )
    )
    for event in events:
        calendar.add_component(event)
    return bytes(calendar.to_ical())
