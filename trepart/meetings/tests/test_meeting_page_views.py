"""The meeting page and the meeting lists, for each role (preparers, members, outsiders, the
public, other municipalities): who sees what, and the page kept for visitors."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trepart.meetings import services
from trepart.meetings.models import Document, Meeting
from trepart.meetings.tests.planning_pages import (
    CLOSED_TITLE,
    MEETING_DAY,
    NEUTRAL_TITLE,
    TOO_LATE,
    agenda_with_closed_item,
    anonymous,
    client_for,
    main,
    publish,
    text,
    url,
)
from trepart.meetings.tests.world import (
    World,
    add_item,
    at,
    build_world,
    close_item,
    plan_meeting,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    built = build_world()
    # Administrators would be sent to set up two-factor sign-in first.
    built.municipality.require_mfa_for_admins = False
    built.municipality.save(update_fields=["require_mfa_for_admins"])
    return built


# ---------------------------------------------------------------------------------------
# Who sees what on the meeting page


@pytest.mark.parametrize("who", ["secretary", "chair", "admin"])
def test_those_preparing_see_the_draft_agenda_with_closed_items_and_tools(
    world: World, who: str
) -> None:
    meeting, _item, closed = agenda_with_closed_item(world)
    response = client_for(getattr(world, who)).get(url("meeting-detail", meeting.pk))
    assert response.status_code == 200
    page = text(response)
    assert CLOSED_TITLE in page
    assert "Offentleglova § 23: negotiating position" in page
    assert "Forhandlingsnotat" in page and "Not yet released" in page
    assert url("item-add", meeting.pk) in page
    assert url("meeting-publish", meeting.pk) in page
    assert url("item-edit", closed.pk) in page


def test_a_member_sees_closed_items_only_once_the_agenda_is_published(world: World) -> None:
    meeting, _item, _closed = agenda_with_closed_item(world)
    member = client_for(world.member)
    before = text(member.get(url("meeting-detail", meeting.pk)))
    assert CLOSED_TITLE not in before
    assert "Saksframlegg" not in before  # not released yet
    assert url("item-add", meeting.pk) not in before

    publish(world, meeting)
    after = text(member.get(url("meeting-detail", meeting.pk)))
    assert CLOSED_TITLE in after
    assert "Forhandlingsnotat" in after and "Saksframlegg" in after
    assert url("item-add", meeting.pk) not in after


@pytest.mark.parametrize("who", ["outsider", "anonymous", "stranger"])
def test_outsiders_see_a_closed_item_only_by_its_neutral_title(world: World, who: str) -> None:
    meeting, item, closed = agenda_with_closed_item(world)
    publish(world, meeting)
    client = anonymous() if who == "anonymous" else client_for(getattr(world, who))
    response = client.get(url("meeting-detail", meeting.pk))
    assert response.status_code == 200
    page = text(response)
    assert NEUTRAL_TITLE in page
    assert CLOSED_TITLE not in page
    assert "Forhandlingsnotat" not in page
    assert "Forhandlingsposisjon for kommunen" not in page  # the case presentation
    assert "Offentleglova § 23: negotiating position" not in page
    assert "Saksframlegg" in page  # the open item's document is public
    closed_version = Document.objects.get(item=closed).versions.get()
    assert client.get(url("document-open", closed_version.pk)).status_code == 404
    assert url("item-edit", item.pk) not in page


def test_the_video_link_is_for_members_only(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY, video_url="https://video.example/eikvik")
    add_item(world, meeting)
    publish(world, meeting)
    assert "https://video.example/eikvik" in text(
        client_for(world.member).get(url("meeting-detail", meeting.pk))
    )
    assert "https://video.example/eikvik" not in text(
        client_for(world.outsider).get(url("meeting-detail", meeting.pk))
    )
    assert "https://video.example/eikvik" not in text(
        anonymous().get(url("meeting-detail", meeting.pk))
    )


def test_an_unpublished_or_closed_meeting_is_not_found_by_outsiders(world: World) -> None:
    draft = plan_meeting(world, MEETING_DAY)
    add_item(world, draft)
    closed = plan_meeting(world, datetime.date(2026, 12, 17), is_open=False)
    add_item(world, closed, "Intern sak")
    publish(world, closed)
    for meeting in (draft, closed):
        assert anonymous().get(url("meeting-detail", meeting.pk)).status_code == 404
        assert client_for(world.stranger).get(url("meeting-detail", meeting.pk)).status_code == 404
        assert client_for(world.outsider).get(url("meeting-detail", meeting.pk)).status_code == 404
    assert client_for(world.member).get(url("meeting-detail", closed.pk)).status_code == 200


def test_strangers_find_none_of_the_planning_pages(world: World) -> None:
    meeting, item, _closed = agenda_with_closed_item(world)
    publish(world, meeting)
    document = Document.objects.filter(item=item).get()
    stranger = client_for(world.stranger)
    for address in (
        url("meeting-edit", meeting.pk),
        url("meeting-publish", meeting.pk),
        url("access-log", meeting.pk),
        url("item-add", meeting.pk),
        url("item-edit", item.pk),
        url("document-add", item.pk),
        url("document-revise", document.pk),
        url("body-meetings", world.body.pk),
        url("meeting-plan", world.body.pk),
    ):
        assert stranger.get(address).status_code in (403, 404), address
        assert stranger.get(address).status_code != 200, address


@pytest.mark.parametrize("who", ["member", "outsider", "deputy"])
def test_only_those_preparing_may_plan_edit_and_publish(world: World, who: str) -> None:
    meeting, item, _closed = agenda_with_closed_item(world)
    client = client_for(getattr(world, who))
    for address in (
        url("meeting-plan", world.body.pk),
        url("meeting-create", world.body.pk),
        url("meeting-edit", meeting.pk),
        url("meeting-publish", meeting.pk),
        url("item-edit", item.pk),
        url("document-add", item.pk),
    ):
        assert client.get(address).status_code in (403, 404), address
    response = client.post(url("meeting-publish", meeting.pk), {"version": meeting.version})
    assert response.status_code in (403, 404)
    assert not Meeting.objects.get(pk=meeting.pk).is_published


def test_the_meeting_page_reads_a_constant_number_of_queries(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    add_item(world, meeting)
    services.document_add(
        actor=world.secretary, item=meeting.items.get(), title="Saksframlegg", upload=upload()
    )
    publish(world, meeting)
    client = client_for(world.secretary)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("meeting-detail", meeting.pk)).status_code == 200
        return len(queries)

    few = count()
    for number in range(4):
        item = add_item(world, meeting, f"Sak {number}")
        close_item(world, meeting, f"Lukket sak {number}")
        for copy in range(3):
            services.document_add(
                actor=world.secretary, item=item, title=f"Vedlegg {copy}", upload=upload()
            )
    assert count() == few


def test_visitors_get_the_public_page_from_the_cache_until_something_changes(
    world: World,
) -> None:
    meeting, item, _closed = agenda_with_closed_item(world)
    publish(world, meeting)
    page = url("meeting-detail", meeting.pk)
    first = main(anonymous().get(page))
    with CaptureQueriesContext(connection) as queries:
        assert main(anonymous().get(page)) == first
    assert not any("meetings_agendaitem" in q["sql"] for q in queries.captured_queries)
    item.refresh_from_db()
    services.item_update(
        actor=world.secretary,
        item=item,
        version=item.version,
        kind=item.kind,
        title="Budsjett 2027, revidert",
    )
    changed = text(anonymous().get(page))
    assert "Budsjett 2027, revidert" in changed
    assert "Nedbemanning" not in changed
    # Members are never served the visitors' copy, nor visitors the members'.
    assert "Nedbemanning" in text(client_for(world.member).get(page))
    assert "Nedbemanning" not in text(anonymous().get(page))


def test_a_visitor_served_the_kept_page_gets_a_csrf_token_of_their_own(world: World) -> None:
    import re

    meeting, _item, _closed = agenda_with_closed_item(world)
    publish(world, meeting)
    page = url("meeting-detail", meeting.pk)
    anonymous().get(page)  # draws and keeps the page
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=True)
    html = text(visitor.get(page))
    assert "@@csrf" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    switched = visitor.post(
        reverse("set_language"), {"language": "nn", "csrfmiddlewaretoken": token.group(1)}
    )
    assert switched.status_code == 302


# ---------------------------------------------------------------------------------------
# Lists


def test_my_meetings_lists_the_bodies_i_sit_in(world: World) -> None:
    with time_machine.travel(at(datetime.date(2026, 11, 1), 9)):
        upcoming = plan_meeting(world, MEETING_DAY, place="Rådhuset, sal 2")
        other = plan_meeting(world, MEETING_DAY, body=world.lmu, place="Skolens personalrom")
        page = text(client_for(world.member).get(url("meeting-list")))
    assert url("meeting-detail", upcoming.pk) in page
    assert url("meeting-detail", other.pk) not in page
    assert url("body-meetings", world.body.pk) in page


def test_a_bodys_meetings_by_year_with_the_late_flag(world: World) -> None:
    late = plan_meeting(world, MEETING_DAY)
    add_item(world, late)
    publish(world, late, TOO_LATE)
    next_year = plan_meeting(world, datetime.date(2027, 2, 4))
    secretary = client_for(world.secretary)
    page = text(secretary.get(url("body-meetings", world.body.pk), {"ar": 2026}))
    assert url("meeting-detail", late.pk) in page
    assert url("meeting-detail", next_year.pk) not in page
    assert "Agenda released late" in page
    assert url("meeting-plan", world.body.pk) in page
    later = text(secretary.get(url("body-meetings", world.body.pk), {"ar": 2027}))
    assert url("meeting-detail", next_year.pk) in later
    member_page = text(client_for(world.member).get(url("body-meetings", world.body.pk)))
    assert url("meeting-plan", world.body.pk) not in member_page


def test_outsiders_see_only_a_bodys_public_meetings(world: World) -> None:
    public = plan_meeting(world, MEETING_DAY)
    add_item(world, public)
    publish(world, public)
    draft = plan_meeting(world, datetime.date(2026, 12, 17))
    page = text(client_for(world.outsider).get(url("body-meetings", world.body.pk), {"ar": 2026}))
    assert url("meeting-detail", public.pk) in page
    assert url("meeting-detail", draft.pk) not in page


def test_the_body_page_links_to_its_meetings(world: World) -> None:
    page = text(
        client_for(world.member).get(reverse("organisation:body-detail", args=[world.body.pk]))
    )
    assert url("body-meetings", world.body.pk) in page
