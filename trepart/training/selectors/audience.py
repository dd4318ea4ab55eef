"""Whom the course is mandatory for, as a filter on people, and who is due a reminder."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from trepart.organisation.models import Person
from trepart.training.models import Audience, CourseSetting, Enrolment, TemporaryStaff


def setting_of(municipality_id: int) -> CourseSetting:
    """The municipality's setting (unsaved defaults, voluntary, when it has none)."""
    found = CourseSetting.objects.filter(municipality_id=municipality_id).first()
    return found or CourseSetting(municipality_id=municipality_id, mandatory=False)


def audience_q(audiences: list[Audience] | list[str], *, day: datetime.date) -> Q | None:
    """People the course is mandatory for; None when it is mandatory for nobody."""
    employee = Q(kind=Person.Kind.EMPLOYEE)
    temporary = Exists(
        TemporaryStaff.objects.filter(person_id=OuterRef("pk")).filter(
            Q(until__isnull=True) | Q(until__gte=day)
        )
    )
    parts = {
        Audience.EMPLOYEES: employee,
        Audience.LEADERS: employee & Q(is_leader=True),
        Audience.PERMANENT: employee & ~Q(temporary),
        Audience.POLITICIANS: Q(kind=Person.Kind.POLITICIAN),
    }
    found: Q | None = None
    for audience in audiences:
        part = parts[Audience(audience)]
        found = part if found is None else found | part
    return found


def completed_exists() -> Exists:
    return Exists(Enrolment.objects.filter(person_id=OuterRef("pk"), completed_on__isnull=False))


def enrolled_exists(day: datetime.date) -> Exists:
    """Enrolled (or waiting) on a run that has not ended."""
    return Exists(
        Enrolment.objects.filter(
            person_id=OuterRef("pk"),
            status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.WAITING],
            run__ends_on__gte=day,
        )
    )


def mandatory_people(*, municipality_id: int, day: datetime.date) -> QuerySet[Person]:
    setting = setting_of(municipality_id)
    found = audience_q(setting.audiences, day=day)
    people = Person.objects.filter(municipality_id=municipality_id)
    return people.none() if found is None else people.filter(found)


def missing_people(*, people: QuerySet[Person], day: datetime.date) -> QuerySet[Person]:
    """Of ``people``, those who have not completed the course (with whether they are enrolled)."""
    return people.filter(~completed_exists()).annotate(enrolled=enrolled_exists(day))


def due_people(*, municipality_id: int, day: datetime.date) -> QuerySet[Person]:
    """Mandatory, not completed, not enrolled: the people a reminder goes to."""
    people = mandatory_people(municipality_id=municipality_id, day=day)
    return people.filter(~completed_exists(), ~enrolled_exists(day))
