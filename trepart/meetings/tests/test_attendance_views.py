"""Recording attendance through the pages: everyone present in one step, deputies in place
of absent members, and who may record it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from trepart.meetings import services
from trepart.meetings.models import Attendance, Meeting
from trepart.meetings.tests.conduct_pages import (
    client_for,
    everyone_present,
    published,
)
from trepart.meetings.tests.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


# ---------------------------------------------------------------------------------------
# Attendance


def test_the_attendance_page_lists_every_seat_by_party(world: World) -> None:
    meeting, _item = published(world)
    response = client_for(world.secretary).get(reverse("meetings:attendance", args=[meeting.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Per Politiker", "Tor Tillitsvalgt", "Vara Verneombud", "Siri Sekretær"):
        assert name in page
    headings = [
        f">{label}</h2>" for label in ("Elected politicians", "Administration", "Employees")
    ]
    assert page.index(headings[0]) < page.index(headings[1]) < page.index(headings[2])


def test_the_attendance_page_shows_what_each_member_sits_as(world: World) -> None:
    meeting, _item = published(world)
    world.body.memberships.filter(person=world.person(world.member)).update(capacity="UNION_REP")
    response = client_for(world.secretary).get(reverse("meetings:attendance", args=[meeting.pk]))
    assert "Tor Tillitsvalgt – Member, Union representative (tillitsvalgt)" in (
        response.content.decode()
    )


def test_all_members_are_marked_present_in_one_step(world: World) -> None:
    meeting, _item = published(world)
    url = reverse("meetings:attendance-all-present", args=[meeting.pk])
    secretary = client_for(world.secretary)
    response = secretary.post(url, {"version": meeting.version})
    assert response.status_code == 302
    members = set(world.body.memberships.exclude(role="DEPUTY").values_list("person_id", flat=True))
    rows = Attendance.objects.filter(meeting=meeting)
    assert {row.person_id for row in rows} == members
    assert {row.status for row in rows} == {"PRESENT"}
    assert not rows.filter(person=world.person(world.deputy)).exists()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    page = secretary.get(response["Location"]).content.decode()
    assert "Every member is marked as present." in page


def test_all_present_on_a_stale_page_overwrites_nothing(world: World) -> None:
    meeting, _item = published(world)
    shown = meeting.version
    tor = world.person(world.member)
    rows = [
        services.AttendanceRow(person_id=pid, status="ABSENT" if pid == tor.pk else "PRESENT")
        for pid in world.body.memberships.exclude(role="DEPUTY").values_list("person_id", flat=True)
    ]
    services.attendance_record(actor=world.chair, meeting=meeting, rows=rows)
    url = reverse("meetings:attendance-all-present", args=[meeting.pk])
    response = client_for(world.secretary).post(url, {"version": shown}, follow=True)
    assert "Someone else saved this" in response.content.decode()
    assert Attendance.objects.get(meeting=meeting, person=tor).status == "ABSENT"
    # Once more from the page as it is now: a second, deliberate try goes through.
    meeting.refresh_from_db()
    client_for(world.secretary).post(url, {"version": meeting.version})
    assert Attendance.objects.get(meeting=meeting, person=tor).status == "PRESENT"


def test_only_those_preparing_the_meeting_mark_everyone_present(world: World) -> None:
    meeting, _item = published(world)
    url = reverse("meetings:attendance-all-present", args=[meeting.pk])
    assert client_for(world.member).post(url, {"version": meeting.version}).status_code == 403
    assert not Attendance.objects.exists()


def test_a_deputy_is_recorded_in_place_of_an_absent_member(world: World) -> None:
    meeting, _item = published(world)
    tor = world.person(world.member)
    vara = world.person(world.deputy)
    data = everyone_present(world)
    data[f"status_{tor.pk}"] = "ABSENT"
    data[f"status_{vara.pk}"] = "DEPUTY"
    data[f"instead_{vara.pk}"] = str(tor.pk)
    url = reverse("meetings:attendance", args=[meeting.pk])
    response = client_for(world.secretary).post(url, data)
    assert response.status_code == 302
    deputy = Attendance.objects.get(meeting=meeting, person=vara)
    assert deputy.status == "DEPUTY" and deputy.substitute_for_id == tor.pk
    assert Attendance.objects.get(meeting=meeting, person=tor).status == "ABSENT"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    # The page shows what was saved.
    page = client_for(world.secretary).get(url).content.decode()
    assert f'name="instead_{vara.pk}"' in page and f'value="{tor.pk}" selected' in page


def test_a_deputy_without_the_member_they_replace_saves_nothing(world: World) -> None:
    meeting, _item = published(world)
    vara = world.person(world.deputy)
    data = everyone_present(world)
    data[f"status_{vara.pk}"] = "DEPUTY"
    response = client_for(world.secretary).post(
        reverse("meetings:attendance", args=[meeting.pk]), data
    )
    assert response.status_code == 400
    assert "Say which member the deputy came in place of." in response.content.decode()
    assert not Attendance.objects.exists()


def test_only_those_preparing_the_meeting_record_attendance(world: World) -> None:
    meeting, _item = published(world)
    url = reverse("meetings:attendance", args=[meeting.pk])
    assert client_for(world.member).get(url).status_code == 403
    assert client_for(world.outsider).post(url, everyone_present(world)).status_code == 403
    assert client_for(world.stranger).get(url).status_code in (403, 404)
    assert not Attendance.objects.exists()
    assert client_for(world.chair).get(url).status_code == 200
