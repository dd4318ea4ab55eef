"""What the tests of the planning pages share: the meeting day and its deadlines, a client
for each kind of visitor, an agenda with a closed item, publication, and the page's text."""

from __future__ import annotations

import datetime
from typing import Any

import time_machine
from django.test import Client
from django.urls import reverse

from trepart.meetings import services
from trepart.meetings.models import AgendaItem, Meeting
from trepart.meetings.tests.world import (
    World,
    add_item,
    at,
    close_item,
    plan_meeting,
    upload,
)

MEETING_DAY = datetime.date(2026, 12, 10)
IN_TIME = at(datetime.date(2026, 12, 1), 9)  # the agenda is due on 3 December
TOO_LATE = at(datetime.date(2026, 12, 5), 9)
CLOSED_TITLE = "Nedbemanning ved Eikvik skole"
NEUTRAL_TITLE = "Exempt from public access, offl. § 23"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def anonymous() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def url(name: str, *args: Any) -> str:
    return reverse(f"meetings:{name}", args=args)


def agenda_with_closed_item(world: World) -> tuple[Meeting, AgendaItem, AgendaItem]:
    meeting = plan_meeting(world, MEETING_DAY)
    item = add_item(world, meeting)
    closed = close_item(world, meeting)
    services.document_add(actor=world.secretary, item=item, title="Saksframlegg", upload=upload())
    services.document_add(
        actor=world.secretary, item=closed, title="Forhandlingsnotat", upload=upload("notat.pdf")
    )
    return meeting, item, closed


def publish(world: World, meeting: Meeting, when: datetime.datetime = IN_TIME) -> Meeting:
    meeting.refresh_from_db()
    with time_machine.travel(when):
        return services.meeting_publish_agenda(
            actor=world.secretary, meeting=meeting, version=meeting.version
        )


def text(response: Any) -> str:
    return response.content.decode()


def main(response: Any) -> str:
    """The page's main content (the layout around it carries a per-visitor CSRF token)."""
    page = text(response)
    return page[page.index("<main") : page.index("</main>")]
