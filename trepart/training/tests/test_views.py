"""The course's pages: the front page, a run, enrolling oneself and others, attendance by a
teacher, and what another municipality's users and the wrong people get."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from trepart.accounts.tests.factories import UserFactory
from trepart.training.models import CourseDay, Enrolment
from trepart.training.services.enrolment import enrolment_create
from trepart.training.tests.world import CourseWorld, build, past_enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CourseWorld:
    return build(capacity=2)


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_front_page_lists_the_coming_runs(world: CourseWorld) -> None:
    page = client_for(world.employees["a1"]).get(reverse("training:home"))
    assert page.status_code == 200
    assert "Rådhuset" in page.content.decode()


def test_an_employee_enrols_themselves(world: CourseWorld) -> None:
    run = world.runs["next"]
    client = client_for(world.employees["a1"])
    answer = client.post(reverse("training:run-enrol", args=[run.pk]), follow=True)
    assert answer.status_code == 200
    assert "You are enrolled" in answer.content.decode()
    assert Enrolment.objects.get(run=run).person == world.employees["a1"].person


def test_the_third_is_told_they_are_on_the_waiting_list(world: CourseWorld) -> None:
    run = world.runs["next"]
    for name in ("a1", "a2"):
        client_for(world.employees[name]).post(reverse("training:run-enrol", args=[run.pk]))
    answer = client_for(world.employees["b1"]).post(
        reverse("training:run-enrol", args=[run.pk]), follow=True
    )
    text = answer.content.decode()
    assert "waiting list" in text
    assert "number 1 on the waiting list" in text


def test_a_sector_leader_enrols_someone_in_a_unit_below(world: CourseWorld) -> None:
    run = world.runs["next"]
    b1 = world.employees["b1"].person
    client = client_for(world.sector_leader)
    client.post(reverse("training:run-enrol", args=[run.pk]), {"person": b1.pk})
    enrolment = Enrolment.objects.get(run=run, person=b1)
    assert enrolment.way == Enrolment.Way.LEADER


def test_a_school_leader_cannot_enrol_the_other_school(world: CourseWorld) -> None:
    run = world.runs["next"]
    b1 = world.employees["b1"].person
    client_for(world.leader_a).post(reverse("training:run-enrol", args=[run.pk]), {"person": b1.pk})
    assert not Enrolment.objects.filter(person=b1).exists()


def test_an_employee_sees_only_their_own_name_on_the_run(world: CourseWorld) -> None:
    run = world.runs["next"]
    a1, a2 = world.employees["a1"].person, world.employees["a2"].person
    enrolment_create(actor=world.admin, run=run, person=a1)
    enrolment_create(actor=world.admin, run=run, person=a2)
    text = (
        client_for(world.employees["a1"])
        .get(reverse("training:run-detail", args=[run.pk]))
        .content.decode()
    )
    assert a1.full_name in text
    assert a2.full_name not in text
    teacher_view = (
        client_for(world.teacher)
        .get(reverse("training:run-detail", args=[run.pk]))
        .content.decode()
    )
    assert a2.full_name in teacher_view


def test_another_municipalitys_run_is_not_found(world: CourseWorld) -> None:
    stranger = UserFactory.create()
    answer = client_for(stranger).get(reverse("training:run-detail", args=[world.runs["next"].pk]))
    assert answer.status_code == 404


def test_a_teacher_records_three_days_and_the_course_is_completed(world: CourseWorld) -> None:
    enrolment = past_enrolment(world, world.employees["a1"].person)
    run = enrolment.run
    days = list(CourseDay.objects.filter(run=run).order_by("number"))
    client = client_for(world.teacher)
    url = reverse("training:enrolment-attendance", args=[enrolment.pk])
    client.post(url, {"days": [days[0].pk, days[1].pk]})
    enrolment.refresh_from_db()
    assert enrolment.completed_on is None
    client.post(url, {"days": [day.pk for day in days]})
    enrolment.refresh_from_db()
    assert enrolment.completed_on == days[2].date


def test_an_employee_cannot_record_attendance(world: CourseWorld) -> None:
    run = world.runs["next"]
    enrolment = enrolment_create(actor=world.admin, run=run, person=world.employees["a1"].person)
    answer = client_for(world.employees["a1"]).post(
        reverse("training:enrolment-attendance", args=[enrolment.pk]), {"days": []}
    )
    assert answer.status_code == 403


def test_hr_makes_a_run_and_days_out_of_order_are_refused(world: CourseWorld) -> None:
    client = client_for(world.admin)
    start = timezone.localdate() + datetime.timedelta(days=40)
    bad = {
        "place": "Biblioteket",
        "capacity": 20,
        "day_1": start.isoformat(),
        "day_2": (start - datetime.timedelta(days=1)).isoformat(),
        "day_3": (start + datetime.timedelta(days=2)).isoformat(),
    }
    answer = client.post(reverse("training:run-create"), bad)
    assert answer.status_code == 200
    assert "in order" in answer.content.decode()
    good = {**bad, "day_2": (start + datetime.timedelta(days=1)).isoformat()}
    answer = client.post(reverse("training:run-create"), good)
    assert answer.status_code == 302


def test_only_hr_makes_runs(world: CourseWorld) -> None:
    assert client_for(world.employees["a1"]).get(reverse("training:run-create")).status_code == 403
