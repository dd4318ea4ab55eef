"""What the tests of the conduct pages share: yesterday's meeting with its agenda published,
a logged-in client, and everyone present."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from trepart.meetings import services
from trepart.meetings.models import AgendaItem, Meeting
from trepart.meetings.tests.world import World, add_item, plan_meeting


def meeting_day() -> datetime.date:
    # Yesterday's meeting: what happened in it is recorded only once it has begun.
    return timezone.localdate() - datetime.timedelta(days=1)


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def published(world: World, **fields: Any) -> tuple[Meeting, AgendaItem]:
    meeting = plan_meeting(world, meeting_day(), **fields)
    item = add_item(world, meeting)
    meeting = services.meeting_publish_agenda(
        actor=world.secretary, meeting=meeting, version=meeting.version
    )
    return meeting, AgendaItem.objects.get(pk=item.pk)


def everyone_present(world: World) -> dict[str, str]:
    """Every seat present, as the form starts; the deputy, as it starts, not called in."""
    return {
        f"status_{seat.person_id}": "PRESENT"
        for seat in world.body.memberships.exclude(role="DEPUTY")
    }


def record_everyone_present(world: World, meeting: Meeting) -> None:
    services.attendance_record(
        actor=world.secretary,
        meeting=meeting,
        rows=[
            services.AttendanceRow(person_id=seat.person_id, status="PRESENT")
            for party in world.seats.values()
            for seat in party
        ],
    )
