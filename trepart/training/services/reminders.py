"""Reminders to people the course is mandatory for who have neither completed it nor
enrolled. The daily duty only finds who is due and queues background tasks of a few
hundred people each; each task writes its reminders and queues the e-mails (in each
person's language) in one transaction, so a municipality of thousands never holds up a
request or the morning's other duties."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence
from functools import partial

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django_tasks import task

from trepart.organisation.models import Municipality, Person
from trepart.platform.mail import queue, reader_language
from trepart.platform.urls import absolute_url
from trepart.training.models import CourseReminder, CourseSetting
from trepart.training.selectors.audience import due_people

BATCH = 250
TEMPLATES = "training/email"


def _batches(ids: Sequence[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def due_ids(*, municipality_id: int, day: datetime.date, every_days: int) -> list[int]:
    """Who is due a reminder today: due, and not reminded in the last ``every_days``."""
    recent = CourseReminder.objects.filter(
        person_id=OuterRef("pk"), sent_on__gt=day - datetime.timedelta(days=every_days)
    )
    return list(
        due_people(municipality_id=municipality_id, day=day)
        .filter(~Exists(recent))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def reminders_daily(day: datetime.date) -> Mapping[str, int]:
    """The daily duty: queue a background task per batch of people due."""
    people = batches = 0
    for setting in CourseSetting.objects.filter(mandatory=True).order_by("municipality_id"):
        ids = due_ids(
            municipality_id=setting.municipality_id, day=day, every_days=setting.remind_every_days
        )
        for batch in _batches(ids, BATCH):
            transaction.on_commit(partial(reminders_send.enqueue, batch, day.isoformat()))
            batches += 1
        people += len(ids)
    return {"due": people, "batches": batches}


def reminders_batch(*, person_ids: list[int], day: datetime.date) -> int:
    """Remind these people (those still due), once a day at most; returns how many."""
    sent = 0
    with transaction.atomic():
        people = Person.objects.filter(pk__in=person_ids).select_related("user", "municipality")
        by_municipality: dict[int, list[Person]] = {}
        for person in people:
            by_municipality.setdefault(person.municipality_id, []).append(person)
        link = absolute_url(reverse("training:home"))
        for municipality_id, group in by_municipality.items():
            still_due = set(
                due_people(municipality_id=municipality_id, day=day)
                .filter(pk__in=[p.pk for p in group])
                .exclude(course_reminders__sent_on=day)
                .values_list("pk", flat=True)
            )
            for person in group:
                if person.pk not in still_due:
                    continue
                sent += _remind(person, person.municipality, link=link, day=day)
    return sent


def _remind(person: Person, municipality: Municipality, *, link: str, day: datetime.date) -> int:
    user = person.user
    email = person.email or (user.email if user is not None else "")
    if not email:
        return 0
    CourseReminder.objects.create(municipality=municipality, person=person, sent_on=day)
    queue(
        municipality_id=municipality.pk,
        email=email,
        language=reader_language(getattr(user, "language", ""), municipality.language),
        template="course_due",
        context={"person": person, "municipality": municipality, "link": link},
        folder=TEMPLATES,
        user=user,
    )
    return 1


@task()
def reminders_send(person_ids: list[int], day: str) -> int:
    """Background task: one batch of reminders."""
    return reminders_batch(person_ids=person_ids, day=datetime.date.fromisoformat(day))
