"""Planning meetings through the pages: the plan, one meeting, and the agenda's items."""

from __future__ import annotations

import datetime

import pytest

from trepart.meetings import services
from trepart.meetings.models import AgendaItem, Meeting
from trepart.meetings.tests.planning_pages import (
    CLOSED_TITLE,
    MEETING_DAY,
    NEUTRAL_TITLE,
    client_for,
    text,
    url,
)
from trepart.meetings.tests.world import (
    OSLO,
    World,
    add_item,
    build_world,
    plan_meeting,
)
from trepart.proposals import services as proposal_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    built = build_world()
    # Administrators would be sent to set up two-factor sign-in first.
    built.municipality.require_mfa_for_admins = False
    built.municipality.save(update_fields=["require_mfa_for_admins"])
    return built


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
