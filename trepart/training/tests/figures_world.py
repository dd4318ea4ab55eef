"""Helpers for the completion figures' tests: people made in bulk in given units, some of
them having completed a past run."""

from __future__ import annotations

import datetime

from django.utils import timezone

from trepart.organisation.models import Municipality, Person, Unit
from trepart.training.models import CourseRun, Enrolment


def past_run(municipality: Municipality) -> CourseRun:
    start = timezone.localdate() - datetime.timedelta(days=60)
    return CourseRun.objects.create(
        municipality=municipality,
        place="Rådhuset",
        capacity=500,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=14),
    )


def people(
    municipality: Municipality,
    *,
    unit: Unit | None,
    count: int,
    completed: int = 0,
    run: CourseRun | None = None,
    kind: str = Person.Kind.EMPLOYEE,
    leader: bool = False,
    party: str = "",
    tag: str = "",
) -> list[Person]:
    made = Person.objects.bulk_create(
        Person(
            municipality=municipality,
            unit=unit,
            first_name=f"P{tag}{n}",
            last_name=f"{unit.name if unit else 'Ingen'}",
            kind=kind,
            is_leader=leader,
            political_party=party,
        )
        for n in range(count)
    )
    if completed:
        assert run is not None
        Enrolment.objects.bulk_create(
            Enrolment(
                municipality=municipality,
                run=run,
                person=person,
                status=Enrolment.Status.ENROLLED,
                way=Enrolment.Way.LIST,
                completed_on=run.ends_on,
            )
            for person in made[:completed]
        )
    return made
