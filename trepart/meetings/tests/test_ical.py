"""The iCal feeds (RFC 5545), read back with the icalendar library."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import icalendar
import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from trepart.meetings import services
from trepart.meetings.models import Meeting
from trepart.meetings.tests.portal_world import (
    OPEN_TITLE,
    SECRETS,
    TODAY,
    publish,
    published_meeting,
)
from trepart.meetings.tests.world import OSLO, World, add_item, at, build_world, plan_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(at(TODAY, 12), tick=False):
        yield


@pytest.fixture
def world() -> World:
    return build_world()


def body_feed(world: World, body: Any = None) -> Any:
    url = reverse("meetings:ical-body", args=[(body or world.body).pk])
    return Client(HTTP_ACCEPT_LANGUAGE="en").get(url)


def person_feed(world: World, user: Any) -> Any:
    feed = services.calendar_feed_get(person=world.person(user))
    return Client().get(reverse("meetings:ical-person", args=[feed.token]))


def events(response: Any) -> list[Any]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def test_a_body_feed_holds_its_public_meetings_in_oslo_time(world: World) -> None:
    meeting = published_meeting(world).meeting

    response = body_feed(world)

    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Trepartsutvalget – Eikvik kommune"
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    [event] = events(response)
    start = event.decoded("DTSTART")
    assert start == datetime.datetime(2026, 12, 10, 18, tzinfo=OSLO)
    assert str(start.tzinfo) == "Europe/Oslo"
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert event.decoded("DTEND") == datetime.datetime(2026, 12, 10, 20, tzinfo=OSLO)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    # Calendar programs send no language: the feed speaks the municipality's (bokmål here).
    assert str(event["SUMMARY"]) == "Trepartsutvalget: møte"
    assert str(event["LOCATION"]) == "Kommunestyresalen"
    assert str(event["URL"]).endswith(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert str(event["STATUS"]) == "CONFIRMED"


def test_the_description_lists_public_titles_only(world: World) -> None:
    published = published_meeting(world)
    [event] = events(body_feed(world))
    description = str(event["DESCRIPTION"])
    assert f"{published.open_item.case_number} {OPEN_TITLE}" in description
    assert f"{published.closed_item.case_number} Unntatt offentlighet, offl. § 23" in description
    for secret in SECRETS:
        assert secret not in description


def test_summer_time_meetings_keep_their_wall_clock_time(world: World) -> None:
    meeting = plan_meeting(world, datetime.date(2027, 6, 10))
    add_item(world, meeting)
    publish(world, meeting, TODAY)
    [event] = events(body_feed(world))
    start = event.decoded("DTSTART")
    assert start.hour == 18 and start.utcoffset() == datetime.timedelta(hours=2)


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled(world: World) -> None:
    meeting = published_meeting(world, with_closed=False).meeting
    services.meeting_cancel(actor=world.secretary, meeting=meeting, version=meeting.version)
    [event] = events(body_feed(world))
    assert str(event["STATUS"]) == "CANCELLED"
    # The cancelled meeting's agenda is no longer offered.
    assert OPEN_TITLE not in str(event["DESCRIPTION"])


def test_unpublished_and_closed_meetings_are_not_in_the_public_feed(world: World) -> None:
    planned = plan_meeting(world, datetime.date(2026, 12, 17))
    add_item(world, planned)
    closed_doors = plan_meeting(world, datetime.date(2026, 12, 3), is_open=False)
    add_item(world, closed_doors)
    publish(world, closed_doors, TODAY)
    assert events(body_feed(world)) == []


def test_a_meeting_keeps_its_uid_and_a_change_raises_its_sequence(world: World) -> None:
    meeting = published_meeting(world, with_closed=False).meeting
    [first] = events(body_feed(world))
    [again] = events(body_feed(world))
    assert first["UID"] == again["UID"]
    assert str(first["UID"]).startswith(f"meeting-{meeting.pk}@")

    services.meeting_update(
        actor=world.secretary, meeting=meeting, version=meeting.version, place="Rådhuset"
    )
    [moved] = events(body_feed(world))
    assert moved["UID"] == first["UID"]
    assert moved.decoded("SEQUENCE") > first.decoded("SEQUENCE")
    assert str(moved["LOCATION"]) == "Rådhuset"
    # The same meeting in a member's own feed is the same event.
    [mine] = events(person_feed(world, world.member))
    assert mine["UID"] == first["UID"]


def test_an_unknown_body_has_no_feed(world: World) -> None:
    response = Client().get(reverse("meetings:ical-body", args=[987654]))
    assert response.status_code == 404


def test_a_person_feed_holds_the_meetings_of_their_bodies(world: World) -> None:
    public = published_meeting(world).meeting
    planned = plan_meeting(world, datetime.date(2026, 12, 17))
    lmu_meeting = plan_meeting(world, datetime.date(2026, 12, 18), body=world.lmu, is_open=False)

    uids = {str(e["UID"]).split("@")[0] for e in events(person_feed(world, world.member))}

    assert uids == {f"meeting-{public.pk}", f"meeting-{planned.pk}"}
    lmu_uids = {str(e["UID"]).split("@")[0] for e in events(person_feed(world, world.lmu_chair))}
    assert lmu_uids == {f"meeting-{lmu_meeting.pk}"}


def test_a_person_feed_shows_only_public_fields_even_to_the_chair(world: World) -> None:
    published_meeting(world)
    response = person_feed(world, world.chair)
    [event] = events(response)
    text = response.content.decode()
    assert OPEN_TITLE in str(event["DESCRIPTION"])
    for secret in SECRETS:
        assert secret not in text
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_closed_meetings_agenda_stays_out_of_a_person_feed(world: World) -> None:
    meeting = plan_meeting(world, datetime.date(2026, 12, 3), is_open=False)
    add_item(world, meeting, "Intern sak om turnus")
    publish(world, meeting, TODAY)
    response = person_feed(world, world.member)
    [event] = events(response)
    assert "Intern sak om turnus" not in response.content.decode()
    assert str(event["URL"]).endswith(reverse("meetings:meeting-detail", args=[meeting.pk]))


def test_a_person_feed_shows_cancellations(world: World) -> None:
    meeting = plan_meeting(world, datetime.date(2026, 12, 17))
    services.meeting_cancel(actor=world.secretary, meeting=meeting, version=meeting.version)
    [event] = events(person_feed(world, world.member))
    assert str(event["STATUS"]) == "CANCELLED"


def test_a_wrong_token_finds_no_feed(world: World) -> None:
    services.calendar_feed_get(person=world.person(world.member))
    response = Client().get(reverse("meetings:ical-person", args=["not-a-token"]))
    assert response.status_code == 404


def test_meetings_from_over_a_year_ago_drop_out_of_the_feeds(world: World) -> None:
    old = plan_meeting(world, datetime.date(2025, 9, 1))
    add_item(world, old)
    publish(world, old, datetime.date(2025, 8, 20))
    assert Meeting.objects.filter(pk=old.pk, published_at__isnull=False).exists()
    assert events(body_feed(world)) == []


def _components(response: Any) -> list[str]:
    assert response.status_code == 200
    return [
        str(component.name)
        for component in icalendar.Calendar.from_ical(response.content).subcomponents
    ]


def test_a_body_feed_without_meetings_is_still_a_valid_calendar(world: World) -> None:
    # RFC 5545 § 3.6: a VCALENDAR holds at least one component.
    response = body_feed(world)

    assert _components(response) == ["VTIMEZONE"]
    [zone] = icalendar.Calendar.from_ical(response.content).walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Oslo"
    assert b"BEGIN:VTIMEZONE" in response.content


def test_a_person_feed_without_meetings_is_still_a_valid_calendar(world: World) -> None:
    response = person_feed(world, world.member)

    assert events(response) == []
    assert _components(response) == ["VTIMEZONE"]
