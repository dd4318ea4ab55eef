"""The minutes through the pages: drafted from the records, edited without lost updates,
approved by the chair and a member, published, and masked for outsiders."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from trepart.meetings import services
from trepart.meetings.models import AgendaItem, Meeting, Minutes
from trepart.meetings.tests.world import World, add_item, build_world, close_item, plan_meeting

pytestmark = pytest.mark.django_db

SECRET_DISCUSSION = "Partene drøftet hvem som skal sies opp ved skolen."


@pytest.fixture
def world() -> World:
    return build_world()


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def held(world: World) -> tuple[Meeting, AgendaItem, AgendaItem]:
    """A held meeting (yesterday): an open item with stands, a closed one, attendance with a
    deputy."""
    meeting = plan_meeting(world, timezone.localdate() - datetime.timedelta(days=1))
    item = add_item(world, meeting, "Budsjett 2027")
    closed = close_item(world, meeting)
    meeting = services.meeting_publish_agenda(actor=world.secretary, meeting=meeting, version=1)
    absent, vara = world.seats["EMPLOYEE"][1].person, world.person(world.deputy)
    rows = [
        services.AttendanceRow(person_id=seat.person_id, status="PRESENT")
        for party in world.seats.values()
        for seat in party
        if seat.person_id != absent.pk
    ]
    rows += [
        services.AttendanceRow(person_id=absent.pk, status="ABSENT"),
        services.AttendanceRow(person_id=vara.pk, status="DEPUTY", substitute_for_id=absent.pk),
    ]
    services.attendance_record(actor=world.secretary, meeting=meeting, rows=rows)
    item = AgendaItem.objects.get(pk=item.pk)
    services.stand_record(actor=world.secretary, item=item, party="POLITICAL", stance="AGREE")
    services.stand_record(
        actor=world.secretary,
        item=item,
        party="EMPLOYEE",
        stance="CAN_LIVE_WITH",
        statement="De ansatte kan leve med rammen i år.",
    )
    services.motion_add(
        actor=world.secretary,
        item=item,
        tabled_by="Per Politiker",
        text="Rammen økes med to millioner.",
        votes_for=5,
        votes_against=4,
        adopted=True,
    )
    item = services.item_outcome_record(
        actor=world.secretary,
        item=item,
        version=item.version,
        outcome="DECISION",
        outcome_text="Budsjettrammen vedtas.",
    )
    services.follow_up_create(
        actor=world.secretary,
        body=world.body,
        title="Send rammen til kommunestyret",
        owner=world.person(world.secretary),
        due_on=timezone.localdate() + datetime.timedelta(days=30),
        item=item,
    )
    closed = AgendaItem.objects.get(pk=closed.pk)
    closed = services.item_outcome_record(
        actor=world.secretary,
        item=closed,
        version=closed.version,
        outcome="DECISION",
        outcome_text="Nedbemanning med tre årsverk ved skolen.",
    )
    return meeting, item, closed


def edit(user: Any, meeting: Meeting, version: int, notes: str, **discussions: str) -> Any:
    data = {"version": version, "notes": notes}
    data.update({f"discussion_{pk}": text for pk, text in discussions.items()})
    return client_for(user).post(reverse("meetings:minutes-edit", args=[meeting.pk]), data)


def test_the_draft_is_drawn_from_the_records(world: World) -> None:
    meeting, item, closed = held(world)
    response = client_for(world.secretary).get(reverse("meetings:minutes-edit", args=[meeting.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    absent = world.seats["EMPLOYEE"][1].person.full_name
    assert f"{absent} (Employees): Absent" in page
    assert f"Vara Verneombud (Employees): Present as deputy – in place of {absent}" in page
    assert f"Case {item.case_number}: Budsjett 2027" in page
    assert "De ansatte kan leve med rammen i år." in page
    assert "Rammen økes med to millioner." in page and "5 for, 4 against" in page
    assert "Budsjettrammen vedtas." in page
    assert "Send rammen til kommunestyret" in page
    assert f'name="discussion_{closed.pk}"' in page  # preparers write every item


def test_saving_the_minutes_shows_them_with_attendance_and_stands(world: World) -> None:
    meeting, item, _closed = held(world)
    response = edit(
        world.secretary, meeting, 1, "Møtet ble satt kl. 18.", **{str(item.pk): "God debatt."}
    )
    assert response.status_code == 302
    page = client_for(world.member).get(response["Location"]).content.decode()
    assert "Møtet ble satt kl. 18." in page and "God debatt." in page
    assert "Present as deputy" in page and world.seats["EMPLOYEE"][1].person.full_name in page
    assert "Can live with it" in page
    assert "Kommunestyresalen" in page


def test_two_people_saving_the_same_version_do_not_overwrite_each_other(world: World) -> None:
    meeting, item, _closed = held(world)
    first = edit(world.secretary, meeting, 1, "Sekretærens notat", **{str(item.pk): "Versjon A"})
    assert first.status_code == 302
    second = edit(world.chair, meeting, 1, "Lederens notat", **{str(item.pk): "Versjon B"})
    assert second.status_code == 409
    page = second.content.decode()
    assert "Someone else saved this while you were editing" in page
    # The chair keeps what they typed and sees what is saved beside it.
    assert "Lederens notat" in page and "Versjon B" in page
    assert "Sekretærens notat" in page and "Versjon A" in page
    minutes = Minutes.objects.get(meeting=meeting)
    item.refresh_from_db()
    assert (minutes.notes, item.discussion) == ("Sekretærens notat", "Versjon A")
    # A second, deliberate save goes through against the version now shown.
    assert f'name="version" value="{minutes.version}"' in page
    third = edit(world.chair, meeting, minutes.version, "Lederens notat", **{str(item.pk): "B"})
    assert third.status_code == 302


def test_only_those_preparing_the_meeting_edit_the_minutes(world: World) -> None:
    meeting, _item, _closed = held(world)
    url = reverse("meetings:minutes-edit", args=[meeting.pk])
    assert client_for(world.member).get(url).status_code == 403
    assert edit(world.member, meeting, 1, "Mitt notat").status_code == 403
    assert not Minutes.objects.exists()


def test_approval_by_the_chair_and_a_member_then_publication(world: World) -> None:
    meeting, item, _closed = held(world)
    edit(world.secretary, meeting, 1, "Notat", **{str(item.pk): "Drøftet."})
    minutes = Minutes.objects.get(meeting=meeting)
    approve = reverse("meetings:minutes-approve", args=[meeting.pk])
    publish = reverse("meetings:minutes-publish", args=[meeting.pk])
    detail = reverse("meetings:minutes-detail", args=[meeting.pk])

    # Publishing before approval is refused.
    client_for(world.secretary).post(publish, {"version": minutes.version})
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT

    assert client_for(world.chair).post(approve, {"version": minutes.version}).status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT
    page = client_for(world.secretary).get(detail).content.decode()
    assert "Approved by Per Politiker as Chair" in page

    assert client_for(world.member).post(approve, {"version": minutes.version}).status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    page = client_for(world.secretary).get(detail).content.decode()
    assert "as Member" in page and "Publish the minutes" in page

    assert client_for(world.member).post(publish, {"version": minutes.version}).status_code == 403
    assert (
        client_for(world.secretary).post(publish, {"version": minutes.version}).status_code == 302
    )
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED


def test_only_the_chair_and_members_who_attended_approve(world: World) -> None:
    meeting, _item, _closed = held(world)
    edit(world.secretary, meeting, 1, "Notat")
    minutes = Minutes.objects.get(meeting=meeting)
    approve = reverse("meetings:minutes-approve", args=[meeting.pk])
    assert client_for(world.secretary).post(approve, {"version": 1}).status_code == 403
    assert client_for(world.outsider).post(approve, {"version": 1}).status_code == 404
    assert not minutes.approvals.exists()
    # The deputy sat in an absent member's place, so approves as that member.
    minutes.refresh_from_db()
    response = client_for(world.deputy).post(approve, {"version": minutes.version})
    assert response.status_code == 302
    assert list(minutes.approvals.values_list("role", flat=True)) == ["MEMBER"]


def publish_minutes(world: World, meeting: Meeting, item: AgendaItem, closed: AgendaItem) -> None:
    minutes = services.minutes_start(actor=world.secretary, meeting=meeting)
    minutes = services.minutes_save(
        actor=world.secretary,
        minutes=minutes,
        version=minutes.version,
        notes="Møtet ble satt.",
        discussions={item.pk: "Åpen debatt om budsjettet.", closed.pk: SECRET_DISCUSSION},
    )
    minutes = services.minutes_approve(actor=world.chair, minutes=minutes, version=minutes.version)
    minutes = services.minutes_approve(actor=world.member, minutes=minutes, version=minutes.version)
    services.minutes_publish(actor=world.secretary, minutes=minutes, version=minutes.version)


def test_outsiders_see_the_minutes_only_when_published(world: World) -> None:
    meeting, _item, _closed = held(world)
    services.minutes_start(actor=world.secretary, meeting=meeting)
    url = reverse("meetings:minutes-detail", args=[meeting.pk])
    assert Client().get(url, HTTP_ACCEPT_LANGUAGE="en").status_code == 404
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.member).get(url).status_code == 200


def test_outsiders_never_see_a_closed_items_real_title_or_discussion(world: World) -> None:
    meeting, item, closed = held(world)
    publish_minutes(world, meeting, item, closed)
    url = reverse("meetings:minutes-detail", args=[meeting.pk])
    for reader in (Client(), client_for(world.outsider)):
        response = reader.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        page = response.content.decode()
        assert "Åpen debatt om budsjettet." in page
        assert "Exempt from public access, offl. § 23" in page
        assert closed.title not in page
        assert SECRET_DISCUSSION not in page
        assert "Nedbemanning med tre årsverk" not in page
        assert "Approve the minutes" not in page and "Publish the minutes" not in page
    member_page = client_for(world.member).get(url).content.decode()
    assert closed.title in member_page and SECRET_DISCUSSION in member_page


def test_the_meeting_page_links_attendance_and_minutes_for_preparers(world: World) -> None:
    meeting, item, _closed = held(world)
    page = client_for(world.secretary).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    text = page.content.decode()
    assert reverse("meetings:attendance", args=[meeting.pk]) in text
    assert reverse("meetings:minutes-edit", args=[meeting.pk]) in text
    assert reverse("meetings:item-outcome", args=[item.pk]) in text
    assert "Present: 8" in text and "Present as deputy: 1" in text
    outsider = client_for(world.outsider).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert reverse("meetings:attendance", args=[meeting.pk]) not in outsider.content.decode()
