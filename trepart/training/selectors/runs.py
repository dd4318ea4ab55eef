"""Runs with their places counted in the same query, one run with its days, and a person's
course record."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from trepart.organisation.models import Person
from trepart.training import privacy
from trepart.training.models import Attendance, CourseDay, CourseRun, Enrolment

Status = Enrolment.Status


def _places(status: str) -> Subquery:
    return Subquery(
        Enrolment.objects.filter(run_id=OuterRef("pk"), status=status)
        .order_by()
        .values("run_id")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )


def with_places(runs: QuerySet[CourseRun]) -> QuerySet[CourseRun]:
    """Places taken and waiting, counted per run shown (a correlated count on the run's
    index), not by joining every enrolment of every run before the page is cut."""
    return runs.annotate(
        enrolled=Coalesce(_places(Status.ENROLLED), 0),
        waiting=Coalesce(_places(Status.WAITING), 0),
    )


def run_list(*, user: Any, upcoming_from: Any = None) -> QuerySet[CourseRun]:
    """The municipality's runs by first day, with places taken and waiting; newest first
    when ``upcoming_from`` is None, else those ending on or after that day."""
    runs = privacy.runs_for(user)
    if upcoming_from is not None:
        return with_places(runs.filter(ends_on__gte=upcoming_from)).order_by("starts_on", "pk")
    return with_places(runs).order_by("-starts_on", "-pk")


def run_get(*, user: Any, pk: int) -> CourseRun:
    return (
        with_places(privacy.runs_for(user))
        .prefetch_related(
            Prefetch("days", queryset=CourseDay.objects.order_by("number")),
            Prefetch("teachers", queryset=Person.objects.order_by("last_name", "first_name")),
        )
        .get(pk=pk)
    )


def run_enrolments(*, user: Any, run: CourseRun) -> QuerySet[Enrolment]:
    """The run's enrolments the user sees, the enrolled before the waiting, in the order
    they came, each with the days attended."""
    return (
        privacy.enrolments_seen(user, run)
        .exclude(status=Status.CANCELLED)
        .select_related("person", "person__unit")
        .prefetch_related(
            Prefetch("attendance", queryset=Attendance.objects.only("enrolment_id", "day_id"))
        )
        .order_by("status", "enrolled_at", "pk")
    )


def own_enrolment(*, user: Any, run: CourseRun) -> Enrolment | None:
    person = privacy.person_of(user)
    if person is None:
        return None
    return Enrolment.objects.filter(run=run, person=person).exclude(status=Status.CANCELLED).first()


def waiting_position(enrolment: Enrolment) -> int:
    """1 for the first on the waiting list."""
    return (
        Enrolment.objects.filter(run_id=enrolment.run_id, status=Status.WAITING)
        .filter(
            Q(enrolled_at__lt=enrolment.enrolled_at)
            | Q(enrolled_at=enrolment.enrolled_at, pk__lt=enrolment.pk)
        )
        .count()
        + 1
    )


def person_record(*, person: Person, latest: int | None = None) -> list[Enrolment]:
    """The person's enrolments (the ``latest`` few, or all), newest run first, with the
    run's days and the days attended."""
    rows = (
        Enrolment.objects.filter(person=person)
        .select_related("run")
        .prefetch_related(
            Prefetch("run__days", queryset=CourseDay.objects.order_by("number")),
            Prefetch("attendance", queryset=Attendance.objects.only("enrolment_id", "day_id")),
        )
        .order_by("-run__starts_on", "-pk")
    )
    return list(rows if latest is None else rows[:latest])


def person_get(*, user: Any, pk: int) -> Person:
    """A person whose record the user may see: themselves, or someone they lead (HR: all).
    Anyone else's id gives Person.DoesNotExist (404)."""
    own = privacy.person_of(user)
    if own is not None and own.pk == pk:
        return Person.objects.select_related("unit").get(pk=pk)
    return privacy.people_led(user).select_related("unit").get(pk=pk)
