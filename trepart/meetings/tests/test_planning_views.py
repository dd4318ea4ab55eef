"""Planning meetings through the pages: the plan, the agenda, documents, publication and the
access log, for each role (preparers, members, outsiders, the public, other municipalities)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trepart.meetings import services
from trepart.meetings.models import AgendaItem, Document, DocumentAccess, Meeting
from trepart.meetings.tests.world import (
    OSLO,
    World,
    add_item,
    at,
    build_world,
    close_item,
    plan_meeting,
    upload,
)
from trepart.proposals import services as proposal_services

pytestmark = pytest.mark.django_db

MEETING_DAY = datetime.date(2026, 12, 10)
IN_TIME = at(datetime.date(2026, 12, 1), 9)  # the agenda is due on 3 December
TOO_LATE = at(datetime.date(2026, 12, 5), 9)
CLOSED_TITLE = "Nedbemanning ved Eikvik skole"
NEUTRAL_TITLE = "Exempt from public access, offl. § 23"


@pytest.fixture
def world() -> World:
    built = build_world()
    # Administrators would be sent to set up two-factor sign-in first.
    built.municipality.require_mfa_for_admins = False
    built.municipality.save(update_fields=["require_mfa_for_admins"])
    return built


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    return lambda: django_capture_on_commit_callbacks(execute=True)


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


# ---------------------------------------------------------------------------------------
# Planning


def test_a_year_is_planned_at_once(world: World) -> None:
    response = client_for(world.secretary).post(
        url("meeting-plan", world.body.pk),
        {
            "first_day": "2027-01-14",
            "start_time": "18:00",
            "every_weeks": "8",
            "count": "6",
            "until": "",
            "minutes": "150",
            "place": "Rådhuset",
            "video_url": "",
            "is_open": "on",
        },
    )
    assert response.status_code == 302
    meetings = list(Meeting.objects.filter(body=world.body).order_by("starts_at"))
    assert len(meetings) == 6
    assert {m.starts_at.astimezone(OSLO).hour for m in meetings} == {18}
    assert meetings[0].ends_at == meetings[0].starts_at + datetime.timedelta(minutes=150)
    assert meetings[1].starts_at.astimezone(OSLO).date() == datetime.date(2027, 3, 11)
    assert {m.place for m in meetings} == {"Rådhuset"}
    assert all(m.is_open for m in meetings)


def test_a_plan_stops_at_its_last_date(world: World) -> None:
    client_for(world.chair).post(
        url("meeting-plan", world.body.pk),
        {
            "first_day": "2027-01-14",
            "start_time": "09:00",
            "every_weeks": "4",
            "count": "12",
            "until": "2027-04-01",
            "minutes": "60",
        },
    )
    meetings = Meeting.objects.filter(body=world.body)
    assert meetings.count() == 3
    assert not any(m.is_open for m in meetings)  # the box was left unticked


def test_a_single_meeting_is_created_and_its_agenda_due_date_shown(world: World) -> None:
    response = client_for(world.secretary).post(
        url("meeting-create", world.body.pk),
        {"day": "2026-12-10", "start_time": "18:00", "end_time": "20:00", "place": "Salen"},
    )
    meeting = Meeting.objects.get(body=world.body)
    assert response.status_code == 302
    assert response["Location"] == url("meeting-detail", meeting.pk)
    page = text(client_for(world.secretary).get(url("meeting-detail", meeting.pk)))
    assert "Agenda due</dt><dd>3. December 2026" in page


def test_a_meeting_that_ends_before_it_starts_keeps_the_input(world: World) -> None:
    response = client_for(world.secretary).post(
        url("meeting-create", world.body.pk),
        {"day": "2026-12-10", "start_time": "18:00", "end_time": "17:00", "place": "Salen"},
    )
    assert response.status_code == 200
    assert "The meeting must end after it starts." in text(response)
    assert 'value="Salen"' in text(response)
    assert not Meeting.objects.exists()


def test_editing_a_meeting_moves_its_agenda_due_date(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    response = client_for(world.secretary).post(
        url("meeting-edit", meeting.pk),
        {
            "day": "2026-12-17",
            "start_time": "17:00",
            "end_time": "19:00",
            "place": "Biblioteket",
            "is_open": "on",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Biblioteket"
    assert meeting.release_due_on == datetime.date(2026, 12, 10)


def test_a_concurrent_meeting_edit_shows_the_conflict_and_keeps_the_input(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    stale = meeting.version
    services.meeting_update(actor=world.chair, meeting=meeting, version=stale, place="Kantina")
    response = client_for(world.secretary).post(
        url("meeting-edit", meeting.pk),
        {"day": "2026-12-10", "start_time": "18:00", "place": "Biblioteket", "version": stale},
    )
    assert response.status_code == 200
    page = text(response)
    assert "Someone else saved this while you were editing" in page
    assert "Kantina" in page and 'value="Biblioteket"' in page
    assert Meeting.objects.get(pk=meeting.pk).place == "Kantina"


def test_cancelling_a_meeting(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    response = client_for(world.secretary).post(
        url("meeting-cancel", meeting.pk), {"version": meeting.version}
    )
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CANCELLED
    assert client_for(world.member).post(url("meeting-cancel", meeting.pk)).status_code == 403


# ---------------------------------------------------------------------------------------
# Agenda items


def test_an_item_gets_the_next_case_number(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    add_item(world, meeting)
    officer = world.person(world.secretary)
    response = client_for(world.secretary).post(
        url("item-add", meeting.pk),
        {
            "kind": "ORIENTATION",
            "title": "Sykefravær i sektor oppvekst",
            "description": "Tallene for tredje kvartal.",
            "case_officer": officer.pk,
        },
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(title="Sykefravær i sektor oppvekst")
    assert item.case_number == "2/26"
    assert item.case_officer == officer
    page = text(client_for(world.secretary).get(url("meeting-detail", meeting.pk)))
    assert "Case 2/26: Sykefravær i sektor oppvekst" in page
    assert "Siri Sekretær" in page


def test_closing_an_item_without_a_legal_basis_is_refused_with_the_input_kept(
    world: World,
) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    response = client_for(world.secretary).post(
        url("item-add", meeting.pk),
        {"kind": "DISCUSSION", "title": CLOSED_TITLE, "closed": "on", "legal_basis": ""},
    )
    assert response.status_code == 200
    page = text(response)
    assert "Choose the legal basis for closing the item." in page
    assert f'value="{CLOSED_TITLE}"' in page
    assert 'href="#id_legal_basis"' in page  # the summary links to the field
    assert not AgendaItem.objects.exists()


def test_a_closed_item_is_stored_with_its_legal_basis(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    client_for(world.secretary).post(
        url("item-add", meeting.pk),
        {"kind": "DISCUSSION", "title": CLOSED_TITLE, "closed": "on", "legal_basis": "OFFL_23"},
    )
    item = AgendaItem.objects.get()
    assert item.closed and item.legal_basis == "OFFL_23"
    assert item.public_title == NEUTRAL_TITLE


def test_the_item_form_offers_the_bodys_open_proposals(world: World) -> None:
    proposer = world.outsider
    proposal = proposal_services.proposal_submit(
        actor=proposer,
        municipality=world.municipality,
        title="Felles lunsjrom",
        description="Et rom for pause og fellesskap for alle ansatte.",
        unit_ids=[world.school.pk],
    )
    meeting = plan_meeting(world, MEETING_DAY, body=proposal.body)
    chair = world.lmu_chair if proposal.body_id == world.lmu.pk else world.secretary
    form = text(client_for(chair).get(url("item-add", meeting.pk)))
    assert "Felles lunsjrom" in form
    response = client_for(chair).post(
        url("item-add", meeting.pk),
        {"kind": "PROPOSALS", "title": "Forslag fra innboksen", "proposals": [proposal.pk]},
    )
    assert response.status_code == 302
    assert list(AgendaItem.objects.get().proposals.all()) == [proposal]


def test_a_concurrent_item_edit_shows_the_conflict_and_keeps_the_input(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    item = add_item(world, meeting)
    stale = item.version
    services.item_update(
        actor=world.chair, item=item, version=stale, kind="DISCUSSION", title="Budsjett 2027–2030"
    )
    data = {"kind": "DISCUSSION", "title": "Budsjett og økonomiplan", "version": stale}
    response = client_for(world.secretary).post(url("item-edit", item.pk), data)
    assert response.status_code == 200
    page = text(response)
    assert "Someone else saved this while you were editing" in page
    assert "Budsjett 2027–2030" in page  # what is saved now
    assert 'value="Budsjett og økonomiplan"' in page  # what was typed
    assert AgendaItem.objects.get(pk=item.pk).title == "Budsjett 2027–2030"
    # Saving again, deliberately, goes through.
    data["version"] = stale + 1
    assert client_for(world.secretary).post(url("item-edit", item.pk), data).status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).title == "Budsjett og økonomiplan"


def test_items_move_up_and_down(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    first = add_item(world, meeting, "Første")
    second = add_item(world, meeting, "Andre")
    third = add_item(world, meeting, "Tredje")
    secretary = client_for(world.secretary)
    secretary.post(url("item-move", third.pk), {"direction": "up"})
    secretary.post(url("item-move", first.pk), {"direction": "down"})
    order = list(meeting.items.order_by("position").values_list("pk", flat=True))
    assert order == [third.pk, first.pk, second.pk]
    page = text(secretary.get(url("meeting-detail", meeting.pk)))
    assert page.index("Tredje") < page.index("Første") < page.index("Andre")
    assert client_for(world.member).post(url("item-move", first.pk)).status_code == 403


# ---------------------------------------------------------------------------------------
# Documents


def test_a_document_is_uploaded_with_its_version_and_size(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    item = add_item(world, meeting)
    response = client_for(world.secretary).post(
        url("document-add", item.pk), {"title": "Saksframlegg", "file": upload()}
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert not document.late and document.released_at is None
    page = text(client_for(world.secretary).get(url("meeting-detail", meeting.pk)))
    assert "Saksframlegg" in page and "45\xa0bytes" in page


def test_a_bad_file_gets_the_services_message_and_keeps_the_title(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    item = add_item(world, meeting)
    response = client_for(world.secretary).post(
        url("document-add", item.pk),
        {"title": "Budsjettnotat", "file": upload("notat.pdf", b"just some text")},
    )
    assert response.status_code == 200
    page = text(response)
    assert "is not a PDF, an image or an office document" in page
    assert 'value="Budsjettnotat"' in page
    assert 'href="#id_file"' in page
    assert not Document.objects.exists()


def test_a_new_version_is_listed_with_its_number(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    item = add_item(world, meeting)
    document = services.document_add(
        actor=world.secretary, item=item, title="Saksframlegg", upload=upload()
    )
    response = client_for(world.secretary).post(
        url("document-revise", document.pk), {"file": upload("saksframlegg-v2.pdf")}
    )
    assert response.status_code == 302
    newest = document.versions.get(number=2)
    page = text(client_for(world.secretary).get(url("meeting-detail", meeting.pk)))
    assert url("document-open", newest.pk) in page


def test_a_document_added_after_publication_is_late_and_members_are_told(
    world: World, committed: Callable[[], Any]
) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    item = add_item(world, meeting)
    publish(world, meeting)
    mail.outbox.clear()
    with committed():
        response = client_for(world.secretary).post(
            url("document-add", item.pk), {"title": "Tilleggsnotat", "file": upload()}
        )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.late and document.released_at is not None
    assert len(mail.outbox) == 11
    page = text(client_for(world.member).get(url("meeting-detail", meeting.pk)))
    assert "Tilleggsnotat" in page and ">Late<" in page


# ---------------------------------------------------------------------------------------
# Publication


def test_publishing_asks_for_confirmation_then_releases_everything(
    world: World, committed: Callable[[], Any]
) -> None:
    meeting, _item, _closed = agenda_with_closed_item(world)
    secretary = client_for(world.secretary)
    with time_machine.travel(IN_TIME):
        confirm = secretary.get(url("meeting-publish", meeting.pk))
        assert confirm.status_code == 200
        assert "2 items" in text(confirm) and "2 documents" in text(confirm)
        assert not Meeting.objects.get(pk=meeting.pk).is_published
        with committed():
            response = secretary.post(
                url("meeting-publish", meeting.pk), {"version": meeting.version}
            )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_published and not meeting.released_late
    assert set(Document.objects.values_list("released_at", flat=True)) == {meeting.published_at}
    assert len(mail.outbox) == 11
    page = text(secretary.get(url("meeting-detail", meeting.pk)))
    assert url("meeting-publish", meeting.pk) not in page
    assert "Agenda released late" not in page


def test_a_late_publication_is_flagged_on_the_meeting(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    add_item(world, meeting)
    secretary = client_for(world.secretary)
    with time_machine.travel(TOO_LATE):
        confirm = text(secretary.get(url("meeting-publish", meeting.pk)))
        assert "flagged as released late" in confirm
        response = secretary.post(
            url("meeting-publish", meeting.pk), {"version": meeting.version}, follow=True
        )
    assert Meeting.objects.get(pk=meeting.pk).released_late
    page = text(response)
    assert "The agenda went out after its due date" in page
    assert "The agenda was released late" in page
    public = text(anonymous().get(url("meeting-detail", meeting.pk)))
    assert "Agenda released late" in public


def test_an_empty_agenda_is_not_published(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    response = client_for(world.secretary).post(
        url("meeting-publish", meeting.pk), {"version": meeting.version}
    )
    assert response.status_code == 200
    assert "The agenda has no items yet." in text(response)
    assert not Meeting.objects.get(pk=meeting.pk).is_published


# ---------------------------------------------------------------------------------------
# Opening documents and the access log


def test_opening_a_document_is_logged_and_shown_in_the_access_log(world: World) -> None:
    meeting, item, _closed = agenda_with_closed_item(world)
    publish(world, meeting)
    version = Document.objects.get(item=item).versions.get()
    response = client_for(world.member).get(url("document-open", version.pk))
    assert response.status_code == 200
    assert response.getvalue().startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="saksframlegg.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    client_for(world.member).get(url("document-open", version.pk))
    assert DocumentAccess.objects.filter(user=world.member).count() == 2

    log = client_for(world.chair).get(url("access-log", meeting.pk))
    assert log.status_code == 200
    page = text(log)
    assert "Tor Tillitsvalgt" in page and "(2 times)" in page
    assert "Not opened" in page  # nobody else has opened anything
    assert "Forhandlingsnotat" in page
    assert "opened by 1 of 11" in page
    assert client_for(world.member).get(url("access-log", meeting.pk)).status_code == 403


def test_the_public_reads_public_documents_without_a_trace(world: World) -> None:
    meeting, item, _closed = agenda_with_closed_item(world)
    publish(world, meeting)
    version = Document.objects.get(item=item).versions.get()
    response = anonymous().get(url("document-open", version.pk))
    assert response.status_code == 200
    assert not DocumentAccess.objects.exists()


def test_members_cannot_open_documents_before_publication(world: World) -> None:
    _meeting, item, _closed = agenda_with_closed_item(world)
    version = Document.objects.get(item=item).versions.get()
    assert client_for(world.member).get(url("document-open", version.pk)).status_code == 404
    assert client_for(world.secretary).get(url("document-open", version.pk)).status_code == 200
    assert anonymous().get(url("document-open", version.pk)).status_code == 404
