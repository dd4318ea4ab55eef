"""Course runs: made with exactly three days in order; a day moved only within its order."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.organisation.models import Person
from trepart.training.models import DAYS_PER_RUN, CourseDay, CourseRun
from trepart.training.services.enrolment import waiting_promote


def check_days(days: Sequence[datetime.date]) -> None:
    """Exactly three dates, each after the one before."""
    if len(days) != DAYS_PER_RUN or any(day is None for day in days):
        raise ValidationError(
            {"days": [_("A course run has exactly three days, each with a date.")]}
        )
    for before, after in itertools.pairwise(days):
        if after <= before:
            raise ValidationError(
                {"days": [_("The course days must be in order, each after the one before.")]}
            )


def _check_teachers(municipality_id: int, teachers: Sequence[Person]) -> None:
    if any(teacher.municipality_id != municipality_id for teacher in teachers):
        raise ValidationError({"teachers": [_("Teachers must belong to the municipality.")]})


@transaction.atomic
def run_create(
    *,
    actor: Any,
    place: str,
    capacity: int,
    days: Sequence[datetime.date],
    teachers: Sequence[Person] = (),
    title: str = "",
) -> CourseRun:
    """A new course run with its three days and teachers."""
    check_days(days)
    _check_teachers(actor.municipality_id, teachers)
    run = CourseRun(
        municipality_id=actor.municipality_id,
        title=title or "Medarbeiderskapskurs",
        place=place,
        capacity=capacity,
        starts_on=days[0],
        ends_on=days[-1],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    run.full_clean(exclude=["created_by"])
    run.save()
    CourseDay.objects.bulk_create(
        CourseDay(run=run, number=number, date=day) for number, day in enumerate(days, start=1)
    )
    run.teachers.set(teachers)
    audit_create(actor=actor, instance=run)
    return run


def run_update(
    *,
    actor: Any,
    run: CourseRun,
    version: int,
    place: str,
    capacity: int,
    days: Sequence[datetime.date],
    teachers: Sequence[Person] = (),
) -> CourseRun:
    """Change a run's place, capacity, dates and teachers. Fewer places than are taken is
    refused; the days keep their order; more places move the waiting list up."""
    check_days(days)
    _check_teachers(run.municipality_id, teachers)
    changes = {"place": place, "capacity": capacity, "starts_on": days[0], "ends_on": days[-1]}
    with versioned_edit(run, actor=actor, version=version, changes=changes) as row:
        taken = row.enrolments.filter(status="ENROLLED").count()
        if capacity < taken:
            raise ValidationError(
                {
                    "capacity": [
                        _("%(taken)s people are enrolled: capacity cannot be fewer.")
                        % {"taken": taken}
                    ]
                }
            )
        for day in row.days.all():
            CourseDay.objects.filter(pk=day.pk).update(date=days[day.number - 1])
        row.teachers.set(teachers)
    # More places: the first on the waiting list move up.
    waiting_promote(actor=actor, run=row)
    return row


def day_move(*, actor: Any, day: CourseDay, date: datetime.date, version: int) -> CourseDay:
    """Move one day of a run; it must stay after the day before and before the day after
    (the last day may not move past the course's end into another order)."""
    run = day.run
    with versioned_edit(run, actor=actor, version=version) as row:
        dates = {d.number: d.date for d in row.days.all()}
        dates[day.number] = date
        check_days([dates[number] for number in range(1, DAYS_PER_RUN + 1)])
        CourseDay.objects.filter(pk=day.pk).update(date=date)
        row.starts_on = dates[1]
        row.ends_on = dates[DAYS_PER_RUN]
    day.date = date
    return day
