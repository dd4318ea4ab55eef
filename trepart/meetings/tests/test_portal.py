"""The public meeting calendar and my calendar address, through the pages."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.meetings import services
from trepart.meetings.models import CalendarFeed
from trepart.meetings.tests.portal_world import (
    AFTER_MEETING,
    CLOSED_TITLE,
    OPEN_TITLE,
    TODAY,
    minutes_published,
    publish,
    published_meeting,
)
from trepart.meetings.tests.world import World, add_item, at, build_world, plan_meeting
from trepart.organisation.tests.factories import BodyFactory

pytestmark = pytest.mark.django_db

CALENDAR = reverse("meetings:calendar")


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(at(TODAY, 12), tick=False):
        yield


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def anonymous() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def logged_in(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def visit(client: Client, world: World, **params: Any) -> Any:
    """The calendar as a visitor reaches it from the municipality's site: the installation
    serves several municipalities (the world's ``stranger`` belongs to another)."""
    return client.get(CALENDAR, {"kommune": world.municipality.organisation_number, **params})


def shown(response: Any) -> list[int]:
    return [meeting.pk for meeting in response.context["page_obj"].object_list]


def simple_meeting(world: World, day: datetime.date, title: str = "Årsplan", **fields: Any) -> Any:
    meeting = plan_meeting(world, day, **fields)
    add_item(world, meeting, title)
    return publish(world, meeting, min(day - datetime.timedelta(days=1), TODAY))


def test_a_visitor_sees_the_open_meetings_whose_agenda_is_out(
    world: World, anonymous: Client
) -> None:
    public = published_meeting(world).meeting
    unpublished = plan_meeting(world, datetime.date(2026, 12, 17))
    add_item(world, unpublished)
    closed_doors = simple_meeting(world, datetime.date(2026, 12, 3), is_open=False)

    response = visit(anonymous, world)

    assert response.status_code == 200
    assert shown(response) == [public.pk]
    assert unpublished.pk not in shown(response) and closed_doors.pk not in shown(response)
    page = response.content.decode()
    assert reverse("meetings:meeting-detail", args=[public.pk]) in page
    assert "Trepartsutvalget" in page and "Kommunestyresalen" in page
    assert reverse("meetings:ical-body", args=[world.body.pk]) in page


def test_a_cancelled_meeting_leaves_the_calendar(world: World, anonymous: Client) -> None:
    meeting = published_meeting(world, with_closed=False).meeting
    services.meeting_cancel(actor=world.secretary, meeting=meeting, version=meeting.version)
    assert shown(visit(anonymous, world)) == []


def test_with_several_municipalities_a_visitor_chooses_one(world: World, anonymous: Client) -> None:
    mine = published_meeting(world, with_closed=False).meeting
    other = MunicipalityFactory.create(name="Nabokommune")

    choose = anonymous.get(CALENDAR)
    assert choose.status_code == 200
    assert f"?kommune={world.municipality.organisation_number}" in choose.content.decode()
    assert "Nabokommune" in choose.content.decode()

    assert shown(visit(anonymous, world, kommune=world.municipality.organisation_number)) == [
        mine.pk
    ]
    assert shown(visit(anonymous, world, kommune=other.organisation_number)) == []
    assert visit(anonymous, world, kommune="123456789").status_code == 404


def test_a_logged_in_user_sees_their_own_municipality(world: World) -> None:
    mine = published_meeting(world, with_closed=False).meeting
    other = MunicipalityFactory.create()
    neighbour = UserFactory.create(municipality=other)
    response = logged_in(world.outsider).get(CALENDAR, {"kommune": other.organisation_number})
    assert shown(response) == [mine.pk]
    assert shown(logged_in(neighbour).get(CALENDAR)) == []


def test_the_calendar_filters_by_body(world: World, anonymous: Client) -> None:
    council = BodyFactory.create(municipality=world.municipality, kind="COUNCIL", name="Styret")
    ours = simple_meeting(world, datetime.date(2026, 12, 3))
    theirs = simple_meeting(world, datetime.date(2026, 12, 4), body=council)

    assert shown(visit(anonymous, world)) == [ours.pk, theirs.pk]
    assert shown(visit(anonymous, world, body=council.pk)) == [theirs.pk]
    response = visit(anonymous, world, body=world.body.pk)
    assert shown(response) == [ours.pk]
    # Only bodies with public meetings are offered (the LMU and the coordination group have none).
    offered = [label for value, label in response.context["form"].fields["body"].choices if value]
    assert offered == ["Styret", "Trepartsutvalget"]


def test_by_default_the_calendar_shows_what_is_coming_and_the_last_three_months(
    world: World, anonymous: Client
) -> None:
    long_ago = simple_meeting(world, datetime.date(2026, 7, 1))
    recent = simple_meeting(world, datetime.date(2026, 9, 15))
    coming = simple_meeting(world, datetime.date(2027, 3, 1))
    assert shown(visit(anonymous, world)) == [recent.pk, coming.pk]
    assert long_ago.pk in shown(visit(anonymous, world, year=2026))


def test_a_month_at_a_time_with_links_to_the_months_around_it(
    world: World, anonymous: Client
) -> None:
    september = simple_meeting(world, datetime.date(2026, 9, 15))
    december = simple_meeting(world, datetime.date(2026, 12, 3))

    response = visit(anonymous, world, year=2026, month=9)

    assert shown(response) == [september.pk]
    page = response.content.decode()
    assert "year=2026&amp;month=8" in page and "year=2026&amp;month=10" in page
    assert shown(visit(anonymous, world, year=2026, month=12)) == [december.pk]
    january = visit(anonymous, world, year=2027, month=1)
    assert "year=2026&amp;month=12" in january.content.decode()


def test_a_month_without_a_year_is_explained_next_to_the_field(
    world: World, anonymous: Client
) -> None:
    response = visit(anonymous, world, month=5)
    assert response.status_code == 200
    assert 'href="#id_year"' in response.content.decode()


def test_search_finds_public_titles_and_body_names(world: World, anonymous: Client) -> None:
    meeting = published_meeting(world).meeting
    other = simple_meeting(world, datetime.date(2026, 12, 17), "Sykefravær")

    assert shown(visit(anonymous, world, q="ærfuglvågen")) == [meeting.pk]
    assert shown(visit(anonymous, world, q="Sykefravær")) == [other.pk]
    assert shown(visit(anonymous, world, q="trepartsutvalget")) == [meeting.pk, other.pk]


def test_search_never_finds_a_closed_items_real_title(world: World) -> None:
    published_meeting(world)
    for client in (Client(HTTP_ACCEPT_LANGUAGE="en"), logged_in(world.chair)):
        response = visit(client, world, q="Nedbemanning")
        assert shown(response) == []
        assert CLOSED_TITLE not in response.content.decode()


def test_published_minutes_are_linked_from_the_calendar(world: World, anonymous: Client) -> None:
    published = published_meeting(world)
    minutes_link = reverse("meetings:minutes-pdf", args=[published.meeting.pk])
    assert minutes_link not in visit(anonymous, world).content.decode()
    minutes_published(world, published)
    with time_machine.travel(at(AFTER_MEETING, 12), tick=False):
        assert minutes_link in visit(anonymous, world).content.decode()


def test_the_calendar_pages_through_many_meetings(world: World, anonymous: Client) -> None:
    for week in range(52):
        meeting = plan_meeting(world, datetime.date(2027, 1, 4) + datetime.timedelta(weeks=week))
        add_item(world, meeting)
        publish(world, meeting, TODAY)
    first = visit(anonymous, world)
    assert len(shown(first)) == 50 and first.context["page_obj"].paginator.count == 52
    assert len(shown(visit(anonymous, world, page=2))) == 2


def test_the_calendar_speaks_the_visitors_language(world: World) -> None:
    published_meeting(world, with_closed=False)
    response = visit(Client(HTTP_ACCEPT_LANGUAGE="nb"), world)
    assert '<html lang="nb">' in response.content.decode()


# ---------------------------------------------------------------------------------------
# My calendar address


def test_my_calendar_needs_a_login(anonymous: Client) -> None:
    response = anonymous.get(reverse("meetings:my-calendar"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_my_calendar_shows_my_feed_address_and_how_to_subscribe(world: World) -> None:
    response = logged_in(world.member).get(reverse("meetings:my-calendar"))
    assert response.status_code == 200
    feed = CalendarFeed.objects.get(person=world.person(world.member))
    page = response.content.decode()
    assert f"{settings.TREPART_BASE_URL}/motekalender/person/{feed.token}.ics" in page
    assert "Outlook" in page
    assert response["Cache-Control"] == "private, no-store"


def test_a_new_address_stops_the_old_feed(world: World) -> None:
    client = logged_in(world.member)
    client.get(reverse("meetings:my-calendar"))
    old = CalendarFeed.objects.get(person=world.person(world.member)).token
    assert client.get(reverse("meetings:ical-person", args=[old])).status_code == 200

    response = client.post(reverse("meetings:my-calendar"), follow=True)

    new = CalendarFeed.objects.get(person=world.person(world.member)).token
    assert new != old
    assert "no longer works" in response.content.decode()
    assert client.get(reverse("meetings:ical-person", args=[old])).status_code == 404
    assert client.get(reverse("meetings:ical-person", args=[new])).status_code == 200


def test_a_login_without_a_person_gets_an_explanation(world: World) -> None:
    response = logged_in(world.stranger).get(reverse("meetings:my-calendar"))
    assert response.status_code == 200
    assert "not linked to a person" in response.content.decode()
    assert not CalendarFeed.objects.exists()


# ---------------------------------------------------------------------------------------
# The links partial on the meeting page


def links(meeting: Any, *, internal: bool, user: Any = None) -> str:
    from django.contrib.auth.models import AnonymousUser

    return render_to_string(
        "meetings/partials/_meeting_links.html",
        {"meeting": meeting, "internal": internal, "user": user or AnonymousUser()},
    )


def test_the_meeting_links_offer_the_notice_and_the_body_feed(world: World) -> None:
    meeting = published_meeting(world, with_closed=False).meeting
    html = links(meeting, internal=False)
    assert reverse("meetings:notice-pdf", args=[meeting.pk]) in html
    assert reverse("meetings:ical-body", args=[world.body.pk]) in html
    assert reverse("meetings:minutes-pdf", args=[meeting.pk]) not in html


def test_the_meeting_links_offer_minutes_to_the_public_once_published(world: World) -> None:
    published = published_meeting(world)
    meeting = published.meeting
    services.minutes_start(actor=world.secretary, meeting=meeting)
    minutes_url = reverse("meetings:minutes-pdf", args=[meeting.pk])
    assert minutes_url not in links(meeting, internal=False)
    assert minutes_url in links(meeting, internal=True, user=world.chair)
    meeting.refresh_from_db()
    meeting.minutes.delete()
    minutes_published(world, published)
    meeting.refresh_from_db()
    with time_machine.travel(at(AFTER_MEETING, 12), tick=False):
        assert minutes_url in links(meeting, internal=False)


def test_a_closed_meeting_offers_no_public_feed(world: World) -> None:
    meeting = simple_meeting(world, datetime.date(2026, 12, 3), is_open=False)
    assert reverse("meetings:ical-body", args=[world.body.pk]) not in links(meeting, internal=True)
    assert OPEN_TITLE not in links(meeting, internal=True)
