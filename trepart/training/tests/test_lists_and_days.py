"""Enrolment from a list (checked whole, nothing written if a row is bad) and the course
days (exactly three, in order; a day moved after the course's end is refused)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from trepart.training.models import CourseDay, Enrolment
from trepart.training.services.imports import enrolment_import
from trepart.training.services.runs import day_move, run_create
from trepart.training.tests.world import CourseWorld, build, days_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CourseWorld:
    return build(capacity=2)


def _csv(*values: str) -> bytes:
    return ("person\n" + "\n".join(values) + "\n").encode()


def test_a_good_list_enrols_in_its_order_then_the_waiting_list(world: CourseWorld) -> None:
    run = world.runs["next"]
    a1, a2, b1 = (world.employees[name].person for name in ("a1", "a2", "b1"))
    result = enrolment_import(
        actor=world.admin, run=run, data=_csv(a1.email, str(a2.pk), b1.email.upper())
    )
    assert result.ok and (result.enrolled, result.waiting) == (2, 1)
    assert Enrolment.objects.get(person=b1).status == Enrolment.Status.WAITING
    assert Enrolment.objects.get(person=a1).way == Enrolment.Way.LIST


def test_one_bad_row_and_nobody_is_enrolled(world: CourseWorld) -> None:
    run = world.runs["next"]
    a1 = world.employees["a1"].person
    result = enrolment_import(
        actor=world.admin,
        run=run,
        data=_csv(a1.email, "nobody@kommune.invalid", str(world.citizen.pk), a1.email),
    )
    assert not result.ok
    assert [line for line, _message in result.errors] == [3, 4, 5]
    assert not Enrolment.objects.exists()


def test_a_leader_lists_only_their_own_people(world: CourseWorld) -> None:
    run = world.runs["next"]
    a1, b1 = world.employees["a1"].person, world.employees["b1"].person
    result = enrolment_import(actor=world.leader_a, run=run, data=_csv(a1.email, b1.email))
    assert [line for line, _message in result.errors] == [3]
    assert not Enrolment.objects.exists()


def test_a_binary_file_is_refused(world: CourseWorld) -> None:
    result = enrolment_import(actor=world.admin, run=world.runs["next"], data=b"%PDF-1.7\x00\x01")
    assert not result.ok and "not a CSV" in result.errors[0][1]


def test_the_list_page_shows_each_bad_line(world: CourseWorld) -> None:
    client = Client()
    client.force_login(world.admin)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "liste.csv", _csv("ukjent@kommune.invalid"), content_type="text/csv"
    )
    answer = client.post(
        reverse("training:run-import", args=[world.runs["next"].pk]), {"file": upload}
    )
    text = answer.content.decode()
    assert answer.status_code == 200
    assert "Nobody was enrolled" in text and "ukjent@kommune.invalid" in text


def test_a_run_has_exactly_three_days_in_order(world: CourseWorld) -> None:
    start = world.runs["next"].starts_on
    with pytest.raises(ValidationError, match="exactly three"):
        run_create(actor=world.admin, place="X", capacity=5, days=days_from(start)[:2])
    with pytest.raises(ValidationError, match="in order"):
        run_create(actor=world.admin, place="X", capacity=5, days=[start, start, start])


def test_a_day_moved_after_the_courses_end_is_refused(world: CourseWorld) -> None:
    run = world.runs["next"]
    second = CourseDay.objects.get(run=run, number=2)
    with pytest.raises(ValidationError, match="in order"):
        day_move(
            actor=world.admin,
            day=second,
            date=run.ends_on + datetime.timedelta(days=1),
            version=run.version,
        )
    second.refresh_from_db()
    assert second.date == run.starts_on + datetime.timedelta(days=7)


def test_moving_the_last_day_moves_the_end(world: CourseWorld) -> None:
    run = world.runs["next"]
    last = CourseDay.objects.get(run=run, number=3)
    day_move(
        actor=world.admin,
        day=last,
        date=run.ends_on + datetime.timedelta(days=3),
        version=run.version,
    )
    run.refresh_from_db()
    assert run.ends_on == last.date


def test_attendance_on_a_day_not_yet_come_is_refused_and_nothing_saved(world: CourseWorld) -> None:
    from trepart.training.services.attendance import attendance_set
    from trepart.training.services.enrolment import enrolment_create

    run = world.runs["next"]
    enrolment = enrolment_create(actor=world.admin, run=run, person=world.employees["a1"].person)
    days = {day.pk for day in run.days.all()}
    with pytest.raises(ValidationError, match="on or after the day"):
        attendance_set(actor=world.admin, enrolment=enrolment, attended_day_ids=days)
    assert not enrolment.attendance.exists()


def test_the_run_form_keeps_its_version_and_refuses_a_stale_save(world: CourseWorld) -> None:
    run = world.runs["next"]
    client = Client()
    client.force_login(world.admin)
    days = days_from(run.starts_on)
    data = {
        "place": "Nytt sted",
        "capacity": 3,
        "day_1": days[0],
        "day_2": days[1],
        "day_3": days[2],
        "version": run.version,
    }
    assert client.post(reverse("training:run-edit", args=[run.pk]), data).status_code == 302
    stale = client.post(reverse("training:run-edit", args=[run.pk]), {**data, "place": "Gammelt"})
    assert stale.status_code == 409
    assert "Gammelt" in stale.content.decode()
    run.refresh_from_db()
    assert run.place == "Nytt sted"
