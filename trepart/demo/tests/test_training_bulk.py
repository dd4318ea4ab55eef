"""The oslo preset's course records: fifty thousand of them, and the course's bench pages
answer with no more queries for twenty times the records. Each test builds its own demo:
they write in bulk, which a demo shared by the module would keep as dead rows on
PostgreSQL for the next test to walk (see ``conftest``)."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from trepart.audit.cache import computed_afresh
from trepart.benchmark.runner import bench_context
from trepart.demo.training import BULK_RECORDS, training_bulk_build
from trepart.organisation.models import Municipality, Person
from trepart.training import bench
from trepart.training.models import CourseSetting, Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality() -> Municipality:
    call_command("demo", stdout=io.StringIO())
    return CourseSetting.objects.get().municipality


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
