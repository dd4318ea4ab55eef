"""The demo's medarbeiderskap course: four runs a year with three days each, completion
rising to most leaders and permanent staff, and coming runs with a waiting list (the oslo
preset's course records are in ``test_training_bulk``). The tests only read the demo, built
once for the module."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db.models import Count

from trepart.organisation.models import Municipality, Person
from trepart.organisation.selectors import today
from trepart.training.models import Attendance, CourseRun, CourseSetting, Enrolment, TemporaryStaff

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality(built_demo: object) -> Municipality:
    return CourseSetting.objects.get().municipality


def test_four_runs_a_year_each_with_three_days(municipality: Municipality) -> None:
    runs = CourseRun.objects.filter(municipality=municipality, ends_on__lt=today())
    by_year = Counter(run.starts_on.year for run in runs)
    assert sorted(by_year.values())[-2:] == [4, 4]
    assert not runs.annotate(n=Count("days")).exclude(n=3).exists()


def test_completion_rises_to_most_leaders_and_permanent_staff(municipality: Municipality) -> None:
    done = set(
        Enrolment.objects.filter(municipality=municipality, completed_on__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    leaders = set(
        Person.objects.filter(municipality=municipality, is_leader=True).values_list(
            "pk", flat=True
        )
    )
    temporary = set(TemporaryStaff.objects.values_list("person_id", flat=True))
    permanent = set(
        Person.objects.filter(municipality=municipality, kind=Person.Kind.EMPLOYEE, is_leader=False)
        .exclude(pk__in=temporary)
        .values_list("pk", flat=True)
    )
    assert len(done & leaders) > 0.7 * len(leaders)
    assert len(done & permanent) > 0.5 * len(permanent)
    assert len(done & temporary) < 0.2 * len(temporary)
    by_year = Counter(
        Enrolment.objects.filter(municipality=municipality, completed_on__isnull=False).values_list(
            "completed_on__year", flat=True
        )
    )
    assert len(by_year) == 3


def test_completion_is_three_days_attended(municipality: Municipality) -> None:
    attended = dict(
        Attendance.objects.values("enrolment_id")
        .annotate(n=Count("pk"))
        .values_list("enrolment_id", "n")
    )
    for pk, completed_on in Enrolment.objects.values_list("pk", "completed_on"):
        assert (attended.get(pk, 0) == 3) == (completed_on is not None)


def test_the_next_run_has_a_waiting_list(municipality: Municipality) -> None:
    coming = CourseRun.objects.filter(municipality=municipality, ends_on__gte=today()).order_by(
        "starts_on"
    )
    assert coming.count() >= 2
    first = coming.first()
    assert first is not None
    assert first.enrolments.filter(status=Enrolment.Status.WAITING).exists()
    assert first.enrolments.filter(status=Enrolment.Status.ENROLLED).count() == first.capacity
