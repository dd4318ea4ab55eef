"""Reminders: the daily duty queues batches for the task worker; a batch reminds those due
(mandatory, not completed, not enrolled) once, in their language."""

from __future__ import annotations

import pytest
from django.utils import timezone

from trepart.platform.duties import registered_duties
from trepart.platform.models import Notification
from trepart.training.models import CourseReminder
from trepart.training.services import reminders
from trepart.training.services.enrolment import enrolment_create
from trepart.training.tests.world import CourseWorld, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CourseWorld:
    return build(capacity=10)


def _due(world: CourseWorld) -> set[int]:
    return set(
        reminders.due_ids(
            municipality_id=world.municipality.pk, day=timezone.localdate(), every_days=30
        )
    )


def test_the_duty_is_registered() -> None:
    assert "training_reminders" in {duty.name for duty in registered_duties()}


def test_due_are_the_mandatory_not_enrolled_not_completed(world: CourseWorld) -> None:
    a1 = world.employees["a1"].person
    before = _due(world)
    assert a1.pk in before and world.politician.person.pk in before
    assert world.citizen.pk not in before
    enrolment_create(actor=world.admin, run=world.runs["next"], person=a1)
    assert a1.pk not in _due(world)


def test_the_duty_queues_batches_and_each_reminds_its_people(
    world: CourseWorld, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: object
) -> None:
    monkeypatch.setattr(reminders, "BATCH", 3)
    due = len(_due(world))
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        report = reminders.reminders_daily(timezone.localdate())
    assert report == {"due": due, "batches": -(-due // 3)}
    # The tests' task backend runs each batch as it is queued (the worker does in production).
    assert CourseReminder.objects.count() == due
    assert Notification.objects.count() == due


def test_a_batch_reminds_once_in_the_persons_language(world: CourseWorld) -> None:
    user = world.employees["a1"]
    user.language = "nn"
    user.save()
    day = timezone.localdate()
    sent = reminders.reminders_batch(person_ids=[user.person.pk, world.citizen.pk], day=day)
    assert sent == 1
    mail = Notification.objects.get()
    assert mail.language == "nn" and mail.email == user.person.email
    assert reminders.reminders_batch(person_ids=[user.person.pk], day=day) == 0
    assert CourseReminder.objects.count() == 1
    assert user.person.pk not in _due(world)
