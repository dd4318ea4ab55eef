"""A meeting that has not begun cannot be held: no attendance, stands, motions, outcomes or
approval and publication of minutes before its start, and the pages say why."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from trepart.meetings import services
from trepart.meetings.models import AgendaItem, Attendance, ItemStand, Meeting, Minutes, Motion
from trepart.meetings.tests.world import World, add_item, at, build_world, plan_meeting

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)
NEXT_MONTH = datetime.date(2026, 12, 17)
NOT_STARTED = {
    "nb": "Møtet har ikke begynt ennå",
    "nn": "Møtet har ikkje byrja enno",
    "en": "The meeting has not started yet",
}


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(at(TODAY, 12), tick=False):
        yield


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def upcoming(world: World) -> tuple[Meeting, AgendaItem]:
    meeting = plan_meeting(world, NEXT_MONTH)
    item = add_item(world, meeting)
    meeting = services.meeting_publish_agenda(
        actor=world.secretary, meeting=meeting, version=meeting.version
    )
    return meeting, AgendaItem.objects.get(pk=item.pk)


def everyone_present(world: World) -> list[services.AttendanceRow]:
    return [
        services.AttendanceRow(person_id=seat.person_id, status="PRESENT")
        for party in world.seats.values()
        for seat in party
    ]


def posted_present(world: World) -> dict[str, str]:
    """The attendance form as posted with every member present (the deputy not called in)."""
    return {
        f"status_{seat.person_id}": "PRESENT"
        for seat in world.body.memberships.exclude(role="DEPUTY")
    }


def client_for(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["trepart_language"] = language
    return client


def refused(call: Any) -> str:
    with pytest.raises(ValidationError) as refusal:
        call()
    assert refusal.value.code == "not_started"
    return " ".join(refusal.value.messages)


def test_nothing_of_a_meeting_next_month_can_be_recorded(
    world: World, upcoming: tuple[Meeting, AgendaItem]
) -> None:
    meeting, item = upcoming
    with translation.override("en"):
        message = refused(
            lambda: services.attendance_record(
                actor=world.secretary, meeting=meeting, rows=everyone_present(world)
            )
        )
        refused(
            lambda: services.stand_record(
                actor=world.secretary, item=item, party="POLITICAL", stance="AGREE"
            )
        )
        refused(
            lambda: services.motion_add(
                actor=world.secretary, item=item, tabled_by="Per", text="Vi vedtar budsjettet."
            )
        )
        refused(
            lambda: services.item_outcome_record(
                actor=world.secretary,
                item=item,
                version=item.version,
                outcome=AgendaItem.Outcome.NOTED,
                outcome_text="Tatt til orientering.",
            )
        )
    assert message.startswith(NOT_STARTED["en"])
    assert "17.12.2026" in message or "12/17/2026" in message
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    assert not Attendance.objects.filter(meeting=meeting).exists()
    assert not ItemStand.objects.filter(item=item).exists()
    assert not Motion.objects.filter(item=item).exists()
    assert AgendaItem.objects.get(pk=item.pk).outcome == ""


def test_minutes_are_neither_approved_nor_published_before_the_meeting(
    world: World, upcoming: tuple[Meeting, AgendaItem]
) -> None:
    meeting, _item = upcoming
    minutes = services.minutes_start(actor=world.secretary, meeting=meeting)
    refused(
        lambda: services.minutes_approve(
            actor=world.chair, minutes=minutes, version=minutes.version
        )
    )
    # Minutes approved once the meeting was held cannot be published from before it either.
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.APPROVED)
    minutes.refresh_from_db()
    refused(
        lambda: services.minutes_publish(
            actor=world.secretary, minutes=minutes, version=minutes.version
        )
    )
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.APPROVED
    assert not minutes.approvals.exists()


def test_the_meeting_is_held_once_it_has_started(
    world: World, upcoming: tuple[Meeting, AgendaItem]
) -> None:
    meeting, _item = upcoming
    with time_machine.travel(meeting.starts_at, tick=False):
        services.attendance_record(
            actor=world.secretary, meeting=meeting, rows=everyone_present(world)
        )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_pages_say_why_instead_of_offering_the_forms(
    world: World, upcoming: tuple[Meeting, AgendaItem], language: str
) -> None:
    meeting, item = upcoming
    client = client_for(world.secretary, language)

    attendance = client.get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()
    outcome = client.get(reverse("meetings:item-outcome", args=[item.pk])).content.decode()

    assert NOT_STARTED[language] in attendance
    assert 'name="status_' not in attendance
    assert NOT_STARTED[language] in outcome
    assert 'value="stands"' not in outcome and 'value="outcome"' not in outcome


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_a_posted_attendance_before_the_start_is_refused_with_the_reason(
    world: World, upcoming: tuple[Meeting, AgendaItem], language: str
) -> None:
    meeting, _item = upcoming
    client = client_for(world.secretary, language)
    response = client.post(reverse("meetings:attendance", args=[meeting.pk]), posted_present(world))

    assert response.status_code == 400
    assert NOT_STARTED[language] in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_the_minutes_page_offers_no_approval_before_the_meeting(
    world: World, upcoming: tuple[Meeting, AgendaItem]
) -> None:
    meeting, _item = upcoming
    services.minutes_start(actor=world.secretary, meeting=meeting)

    page = client_for(world.chair, "nn").get(reverse("meetings:minutes-detail", args=[meeting.pk]))
    posted = client_for(world.chair, "nn").post(
        reverse("meetings:minutes-approve", args=[meeting.pk]), {"version": "1"}, follow=True
    )

    assert NOT_STARTED["nn"] in page.content.decode()
    assert reverse("meetings:minutes-approve", args=[meeting.pk]) not in page.content.decode()
    assert NOT_STARTED["nn"] in posted.content.decode()


def test_the_public_meeting_page_does_not_call_a_future_meeting_held(
    world: World, upcoming: tuple[Meeting, AgendaItem]
) -> None:
    meeting, _item = upcoming
    secretary = client_for(world.secretary)
    secretary.post(reverse("meetings:attendance", args=[meeting.pk]), posted_present(world))

    public = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        reverse("meetings:meeting-detail", args=[meeting.pk])
    )

    html = public.content.decode()
    assert public.status_code == 200
    assert ">Held<" not in html and "Agenda published" in html


def test_meetings_marked_held_in_advance_are_put_back(
    world: World, upcoming: tuple[Meeting, AgendaItem]
) -> None:
    from django.apps import apps

    meeting, _item = upcoming
    past = plan_meeting(world, TODAY - datetime.timedelta(days=7))
    Meeting.objects.filter(pk__in=[meeting.pk, past.pk]).update(status=Meeting.Status.HELD)
    migration = __import__(
        "trepart.meetings.migrations.0004_future_meetings_not_held", fromlist=["not_held_yet"]
    )

    migration.not_held_yet(apps, None)

    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.PUBLISHED
    assert Meeting.objects.get(pk=past.pk).status == Meeting.Status.HELD


def test_a_held_meeting_cannot_be_moved_to_a_time_to_come(world: World) -> None:
    yesterday = plan_meeting(world, TODAY - datetime.timedelta(days=1))
    add_item(world, yesterday)
    yesterday = services.meeting_publish_agenda(
        actor=world.secretary, meeting=yesterday, version=yesterday.version
    )
    services.attendance_record(
        actor=world.secretary, meeting=yesterday, rows=everyone_present(world)
    )
    held = Meeting.objects.get(pk=yesterday.pk)
    assert held.status == Meeting.Status.HELD

    with pytest.raises(ValidationError, match="cannot be moved to a time to come"):
        services.meeting_update(
            actor=world.secretary,
            meeting=held,
            version=held.version,
            starts_at=at(NEXT_MONTH, 18),
            ends_at=at(NEXT_MONTH, 20),
        )

    held.refresh_from_db()
    assert held.starts_at < at(TODAY, 12)
