"""Meetings for the portal tests: published agendas, a closed item full of secrets, minutes.

Built on ``world.build_world`` through the services, as a secretary would. ``SECRETS`` are
the strings that must never reach the public; ``OPEN_TITLE`` is what it may read (with
æ, ø and å, so the PDFs are checked to keep them).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import time_machine

from trepart.meetings import services
from trepart.meetings.models import AgendaItem, Document, Meeting, Minutes
from trepart.meetings.tests.world import World, add_item, at, plan_meeting, upload

# The tests run "on" this day: the meeting is three weeks ahead, its agenda out.
TODAY = datetime.date(2026, 11, 20)
MEETING_DAY = datetime.date(2026, 12, 10)
PUBLISHED_ON = datetime.date(2026, 12, 1)
# The day after the meeting: its minutes can exist only from then on.
AFTER_MEETING = MEETING_DAY + datetime.timedelta(days=1)

OPEN_TITLE = "Budsjett 2027 for Ærfuglvågen skole og Øvre Åsen barnehage"
OPEN_DOCUMENT = "Saksframlegg om budsjettet"
CLOSED_TITLE = "Nedbemanning ved Eikvik skole"
SECRET_DESCRIPTION = "Kommunen kan tilby inntil tre sluttpakker ved Eikvik skole."
SECRET_DOCUMENT = "Lønnsnotat"
SECRET_DISCUSSION = "Rektor la fram tallene fra lønnsforhandlingene."
SECRET_STAND = "Tillitsvalgte godtar ingen oppsigelser før stillingsbanken er prøvd."
EXEMPT_DOCUMENT = "Pristilbud fra Kvitlaks Entreprenør"
SECRETS = (
    CLOSED_TITLE,
    SECRET_DESCRIPTION,
    SECRET_DOCUMENT,
    SECRET_DISCUSSION,
    SECRET_STAND,
    EXEMPT_DOCUMENT,
    # Words of them that a search or a shortened title might still give away.
    "Nedbemanning",
    "Lønnsnotat",
    "sluttpakker",
    "Kvitlaks",
)


@dataclass
class Published:
    meeting: Meeting
    open_item: AgendaItem
    closed_item: AgendaItem
    secret_document: Document
    exempt_document: Document
    public_document: Document


def publish(world: World, meeting: Meeting, day: datetime.date = PUBLISHED_ON) -> Meeting:
    with time_machine.travel(at(day, 9), tick=False):
        return services.meeting_publish_agenda(
            actor=world.secretary, meeting=meeting, version=meeting.version
        )


def published_meeting(
    world: World, day: datetime.date = MEETING_DAY, *, with_closed: bool = True
) -> Published:
    """An open meeting with one open item (a public and an exempt document) and, unless
    ``with_closed`` is false, a closed item with a secret document; the agenda published."""
    meeting = plan_meeting(world, day)
    open_item = add_item(world, meeting, OPEN_TITLE)
    public_document = services.document_add(
        actor=world.secretary, item=open_item, title=OPEN_DOCUMENT, upload=upload()
    )
    exempt_document = services.document_add(
        actor=world.secretary,
        item=open_item,
        title=EXEMPT_DOCUMENT,
        upload=upload("tilbud.pdf"),
        exempt=True,
        legal_basis="OFFL_23",
    )
    closed_item = secret_document = None
    if with_closed:
        closed_item = add_item(
            world,
            meeting,
            CLOSED_TITLE,
            closed=True,
            legal_basis="OFFL_23",
            description=SECRET_DESCRIPTION,
        )
        secret_document = services.document_add(
            actor=world.secretary, item=closed_item, title=SECRET_DOCUMENT, upload=upload()
        )
    meeting = publish(world, meeting, min(PUBLISHED_ON, day - datetime.timedelta(days=1)))
    return Published(
        meeting=meeting,
        open_item=open_item,
        closed_item=closed_item,  # type: ignore[arg-type]
        secret_document=secret_document,  # type: ignore[arg-type]
        exempt_document=exempt_document,
        public_document=public_document,
    )


def minutes_published(world: World, published: Published) -> Minutes:
    """Attendance, the parties' stands, the discussion: minutes approved and published,
    on the evening of the meeting (nothing of it is recorded before it starts)."""
    meeting = Meeting.objects.get(pk=published.meeting.pk)
    with time_machine.travel(meeting.starts_at + datetime.timedelta(hours=3), tick=False):
        return _hold(world, published, meeting)


def _hold(world: World, published: Published, meeting: Meeting) -> Minutes:
    services.attendance_record(
        actor=world.secretary,
        meeting=meeting,
        rows=[
            services.AttendanceRow(person_id=s.person_id, status="PRESENT")
            for party in world.seats.values()
            for s in party
        ],
    )
    discussions = {published.open_item.pk: "Partene drøftet budsjettet grundig."}
    if published.closed_item is not None:
        services.stand_record(
            actor=world.secretary,
            item=AgendaItem.objects.get(pk=published.closed_item.pk),
            party="EMPLOYEE",
            stance="OBJECT",
            statement=SECRET_STAND,
        )
        discussions[published.closed_item.pk] = SECRET_DISCUSSION
    minutes = services.minutes_start(actor=world.secretary, meeting=meeting)
    minutes = services.minutes_save(
        actor=world.secretary,
        minutes=minutes,
        version=minutes.version,
        notes="Møtet ble satt klokka 18.",
        discussions=discussions,
    )
    minutes = services.minutes_approve(actor=world.chair, minutes=minutes, version=minutes.version)
    minutes = services.minutes_approve(actor=world.member, minutes=minutes, version=minutes.version)
    return services.minutes_publish(actor=world.secretary, minutes=minutes, version=minutes.version)
