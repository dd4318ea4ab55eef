"""The demo's medarbeiderskap course: four runs a year with three days each, completion
rising to most leaders and permanent staff, coming runs with a waiting list, and the oslo
preset's ten years of course records."""

from __future__ import annotations

import io
import random
from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from trepart.audit.cache import computed_afresh
from trepart.benchmark.runner import bench_context
from trepart.demo.training import BULK_RECORDS, training_bulk_build
from trepart.organisation.models import Municipality, Person
from trepart.organisation.selectors import today
from trepart.training import bench
from trepart.training.models import Attendance, CourseRun, CourseSetting, Enrolment, TemporaryStaff

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality() -> Municipality:
    call_command("demo", stdout=io.StringIO())
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


def test_the_oslo_bulk_is_fifty_thousand_course_records(municipality: Municipality) -> None:
    people = list(Person.objects.filter(municipality=municipality).values_list("pk", flat=True))
    before = Enrolment.objects.count()
    training_bulk_build(municipality=municipality, people=people, rng=random.Random(1))
    assert Enrolment.objects.count() - before == BULK_RECORDS


def _query_counts(pages: list[Any], users: dict[str, Any]) -> dict[str, int]:
    counts = {}
    for page in pages:
        client = Client()
        client.force_login(users[page.user])
        with computed_afresh(), CaptureQueriesContext(connection) as queries:
            answer = client.get(page.url)
        assert answer.status_code == 200, page.url
        counts[page.name] = len(queries)
    return counts


def test_the_bench_pages_answer_and_their_queries_do_not_grow_with_the_data(
    municipality: Municipality,
) -> None:
    context = bench_context()
    people = list(Person.objects.filter(municipality=municipality).values_list("pk", flat=True))
    # A year of records first, so both measurements see the same kinds of rows.
    training_bulk_build(
        municipality=municipality, people=people, rng=random.Random(2), records=2_500, years=1
    )
    pages = bench.bench_pages(context)
    assert {page.url for page in pages} >= {"/kurs/", "/kurs/fullforing/", "/kurs/mangler/"}
    before = _query_counts(pages, context.users)
    training_bulk_build(municipality=municipality, people=people, rng=random.Random(3))
    # The same pages (the fullest run and busiest record may now be others).
    after = _query_counts(bench.bench_pages(context), context.users)
    # Never more queries with twenty times the records (fewer where a list got shorter).
    assert after.keys() == before.keys()
    assert all(after[name] <= before[name] for name in before), (before, after)
    [step] = bench.bench_steps(context)
    assert step.run() is not None
