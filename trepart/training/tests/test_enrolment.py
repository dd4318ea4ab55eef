"""Enrolment: by oneself, by a leader, refused for others; the waiting list past capacity
and moving up when someone cancels; nothing half-saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from trepart.training.models import Enrolment
from trepart.training.services.enrolment import enrolment_cancel, enrolment_create
from trepart.training.tests.world import CourseWorld, build

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


@pytest.fixture
def world() -> CourseWorld:
    return build(capacity=2)


def test_past_capacity_goes_to_the_waiting_list(world: CourseWorld) -> None:
    run = world.runs["next"]
    people = [world.employees[name].person for name in ("a1", "a2", "b1")]
    made = [enrolment_create(actor=world.admin, run=run, person=p) for p in people]
    assert [e.status for e in made] == [Status.ENROLLED, Status.ENROLLED, Status.WAITING]


def test_first_on_the_waiting_list_moves_up_when_someone_cancels(world: CourseWorld) -> None:
    run = world.runs["next"]
    a1, a2, b1 = (world.employees[name].person for name in ("a1", "a2", "b1"))
    first = enrolment_create(actor=world.admin, run=run, person=a1)
    enrolment_create(actor=world.admin, run=run, person=a2)
    waiting_b1 = enrolment_create(actor=world.admin, run=run, person=b1)
    waiting_politician = enrolment_create(
        actor=world.admin, run=run, person=world.politician.person
    )
    moved = enrolment_cancel(actor=world.admin, enrolment=first, version=first.version)
    assert moved is not None and moved.pk == waiting_b1.pk
    waiting_b1.refresh_from_db()
    waiting_politician.refresh_from_db()
    assert waiting_b1.status == Status.ENROLLED
    assert waiting_politician.status == Status.WAITING
    assert Enrolment.objects.filter(run=run, status=Status.ENROLLED).count() == 2


def test_cancelling_a_waiting_place_moves_nobody_up(world: CourseWorld) -> None:
    run = world.runs["next"]
    a1, a2, b1 = (world.employees[name].person for name in ("a1", "a2", "b1"))
    enrolment_create(actor=world.admin, run=run, person=a1)
    enrolment_create(actor=world.admin, run=run, person=a2)
    waiting = enrolment_create(actor=world.admin, run=run, person=b1)
    assert enrolment_cancel(actor=world.admin, enrolment=waiting, version=waiting.version) is None


def test_enrolling_twice_is_refused_and_writes_nothing(world: CourseWorld) -> None:
    run = world.runs["next"]
    person = world.employees["a1"].person
    enrolment_create(actor=world.admin, run=run, person=person)
    with pytest.raises(ValidationError, match="already enrolled"):
        enrolment_create(actor=world.admin, run=run, person=person)
    assert Enrolment.objects.filter(run=run).count() == 1


def test_a_citizen_cannot_take_the_course(world: CourseWorld) -> None:
    with pytest.raises(ValidationError, match="employees and politicians"):
        enrolment_create(actor=world.admin, run=world.runs["next"], person=world.citizen)
    assert not Enrolment.objects.exists()


def test_a_stale_cancel_is_refused(world: CourseWorld) -> None:
    run = world.runs["next"]
    enrolment = enrolment_create(actor=world.admin, run=run, person=world.employees["a1"].person)
    enrolment_cancel(actor=world.admin, enrolment=enrolment, version=enrolment.version)
    again = enrolment_create(actor=world.admin, run=run, person=world.employees["a1"].person)
    with pytest.raises(ValidationError):
        enrolment_cancel(actor=world.admin, enrolment=enrolment, version=enrolment.version)
    again.refresh_from_db()
    assert again.status == Status.ENROLLED


def test_cancelled_person_may_enrol_again(world: CourseWorld) -> None:
    run = world.runs["next"]
    person = world.employees["a1"].person
    first = enrolment_create(actor=world.admin, run=run, person=person)
    enrolment_cancel(actor=world.admin, enrolment=first, version=first.version)
    again = enrolment_create(actor=world.admin, run=run, person=person)
    assert again.status == Status.ENROLLED


def test_more_places_move_the_waiting_list_up_and_fewer_than_taken_is_refused(
    world: CourseWorld,
) -> None:
    from trepart.training.services.runs import run_update

    run = world.runs["next"]
    people = [world.employees[name].person for name in ("a1", "a2", "b1")]
    made = [enrolment_create(actor=world.admin, run=run, person=p) for p in people]
    days = [day.date for day in run.days.order_by("number")]
    with pytest.raises(ValidationError, match="cannot be fewer"):
        run_update(
            actor=world.admin, run=run, version=run.version, place=run.place, capacity=1, days=days
        )
    run.refresh_from_db()
    run_update(
        actor=world.admin, run=run, version=run.version, place=run.place, capacity=3, days=days
    )
    made[2].refresh_from_db()
    assert made[2].status == Status.ENROLLED
