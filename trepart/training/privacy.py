"""Who sees and does what in the course: the one place every output reads through (pages,
API, CSV, PDF, e-mail, figures).

A person's course record (enrolments, attendance, completion) is seen by the person, by the
leaders of the units above them (a unit leader leads their unit and every unit under it),
by the run's teachers for the runs they teach, and by the municipality's administrators
(HR, who run the course). Everyone else in the municipality sees completion only as
aggregates with small groups suppressed (``platform.suppression``), and the runs only as
dates, place and free places. Leaders see the names of those missing the course only for
their own units. A person is enrolled by themselves, their leader, or HR (also from a list);
attendance is recorded by the run's teachers and HR.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from trepart.organisation.models import Person
from trepart.organisation.selectors import unit_tree
from trepart.platform.suppression import effective_threshold, hidden_groups
from trepart.platform.tenancy import is_municipal_admin, same_municipality
from trepart.training.models import CourseRun, Enrolment

# Only employees and politicians take the course.
COURSE_KINDS = (Person.Kind.EMPLOYEE, Person.Kind.POLITICIAN)


def person_of(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "person", None)


def in_municipality(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.municipality_id)


def is_course_admin(user: Any) -> bool:
    """HR: makes runs, sets whether the course is mandatory, enrols from lists."""
    return in_municipality(user) and is_municipal_admin(user)


def led_unit_ids(user: Any) -> set[int]:
    """The units a leader leads: their own unit and every unit under it (one query)."""
    person = person_of(user)
    if person is None or not person.is_leader or person.unit_id is None:
        return set()
    tree = unit_tree(municipality_id=person.municipality_id)
    return tree.subtree_ids([person.unit_id]) if person.unit_id in tree else set()


def is_leader(user: Any) -> bool:
    person = person_of(user)
    return person is not None and person.is_leader and person.unit_id is not None


def people_led(user: Any) -> QuerySet[Person]:
    """The employees and politicians whose records the user sees by name: everyone for HR,
    a leader's units' people for a leader (themselves included), none for anyone else."""
    people = Person.objects.for_user(user).filter(kind__in=COURSE_KINDS)
    if is_course_admin(user):
        return people
    units = led_unit_ids(user)
    if not units:
        return people.none()
    return people.filter(unit_id__in=units)


def led_among(user: Any, people: QuerySet[Person]) -> QuerySet[Person]:
    """Of ``people`` (the municipality's), those ``people_led`` gives the user by name (HR:
    all of them, with no further condition on the query)."""
    if is_course_admin(user):
        return people.filter(municipality_id=user.municipality_id)
    return people.filter(pk__in=people_led(user).values("pk"))


def can_enrol(user: Any, person: Person) -> bool:
    """Themselves, their leader, or HR; only employees and politicians."""
    if not same_municipality(user, person) or person.kind not in COURSE_KINDS:
        return False
    own = person_of(user)
    if own is not None and own.pk == person.pk:
        return True
    if is_course_admin(user):
        return True
    return person.unit_id is not None and person.unit_id in led_unit_ids(user)


def can_see_record(user: Any, person: Person) -> bool:
    """A person's course record: themselves, their leaders and HR."""
    return can_enrol(user, person)


def teaches(user: Any, run: CourseRun) -> bool:
    person = person_of(user)
    return person is not None and run.teachers.filter(pk=person.pk).exists()


def can_manage_run(user: Any, run: CourseRun) -> bool:
    """Records attendance and sees every enrolment: the run's teachers and HR."""
    if not same_municipality(user, run):
        return False
    return is_course_admin(user) or teaches(user, run)


def runs_for(user: Any) -> QuerySet[CourseRun]:
    """Every run of the user's municipality: dates, place and free places are not personal."""
    return CourseRun.objects.for_user(user)


def enrolments_seen(user: Any, run: CourseRun) -> QuerySet[Enrolment]:
    """The run's enrolments the user sees by name: all for teachers and HR; a leader's
    units' people for a leader; the user's own for anyone else."""
    rows = Enrolment.objects.for_user(user).filter(run_id=run.pk)
    if can_manage_run(user, run):
        return rows
    units = led_unit_ids(user)
    person = person_of(user)
    own = Q(person_id=person.pk) if person is not None else Q(pk__in=[])
    if units:
        return rows.filter(Q(person__unit_id__in=units) | own)
    return rows.filter(own) if person is not None else rows.none()


def sees_missing(user: Any) -> bool:
    """The list of who is missing the course, by name: leaders (their units) and HR."""
    return is_course_admin(user) or is_leader(user)


def sees_figures(user: Any) -> bool:
    """Completion figures, always suppressed: anyone in the municipality."""
    return in_municipality(user)


# Completion is personnel data: never shown for groups under five, whatever the municipality's
# survey threshold (which may be as low as three).
PERSONNEL_FLOOR = 5


def figure_threshold(*, survey_threshold: int, absence_threshold: int) -> int:
    """The smallest group whose completion is shown."""
    return max(PERSONNEL_FLOOR, effective_threshold(max(survey_threshold, absence_threshold)))


def hidden_in_tree(
    own: Mapping[int, int], *, parents: Mapping[int, int | None], unplaced: int, threshold: int
) -> set[int]:
    """The units whose completion is hidden: small groups, and those that would give a small
    group away by subtraction (``platform.suppression``)."""
    return hidden_groups(own, threshold=threshold, parents=parents, unplaced=unplaced)


def hidden_in_partition(own: Mapping[str, int], *, unplaced: int, threshold: int) -> set[str]:
    """The groups side by side (parties) whose completion is hidden."""
    return hidden_groups(own, threshold=threshold, unplaced=unplaced)
