"""Measuring pages: each is requested through Django's test client against the database
in use, its queries counted once and its time taken over ``repeat`` further requests."""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.http.request import validate_host
from django.test import Client
from django.test.utils import CaptureQueriesContext

from trepart.demo.seats import LOGINS
from trepart.organisation.models import Municipality
from trepart.platform.bench_registry import (
    ANONYMOUS,
    BenchContext,
    BenchPage,
    BenchStep,
    bench_pages,
    bench_steps,
)


class NothingToMeasure(Exception):
    """The database has no demo logins to measure with."""


@dataclass(frozen=True)
class PageResult:
    name: str
    url: str
    user: str
    status: int
    p50_ms: float
    p95_ms: float
    queries: int
    runs: int
    # What a computation says of itself beside its timing (a gap, a ratio to a baseline):
    # the ``bench_note`` of what its step returns.
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def bench_context() -> BenchContext:
    """The municipality of the demo ``admin`` login, with all its demo logins."""
    municipality = Municipality.objects.filter(users__username="admin").first()
    if municipality is None:
        raise NothingToMeasure(
            "This database has no demo logins: run `trepart demo` or "
            "`trepart generate --preset small|medium|oslo` first."
        )
    users = {
        user.username: user
        for user in get_user_model().objects.filter(municipality=municipality, username__in=LOGINS)
    }
    return BenchContext(municipality=municipality, users=users)


def request_host() -> str:
    """A host name the site accepts, so requests are not refused as a bad Host."""
    for host in ("localhost", "127.0.0.1"):
        if validate_host(host, settings.ALLOWED_HOSTS):
            return host
    named = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h.strip(".*")]
    return named[0] if named else "localhost"


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with ``share`` of the values at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def bench_run(
    *, context: BenchContext, pages: list[BenchPage] | None = None, repeat: int = 10
) -> list[PageResult]:
    """Request every page once to count its queries, then ``repeat`` times to time it."""
    pages = bench_pages(context) if pages is None else pages
    host = request_host()
    clients: dict[str, Client] = {}
    results = []
    for page in pages:
        user = context.users.get(page.user)
        if user is None and page.user != ANONYMOUS:
            continue
        client = clients.get(page.user)
        if client is None:
            client = clients[page.user] = Client(HTTP_HOST=host, raise_request_exception=False)
            if user is not None:
                client.force_login(user)
        # The counted run also warms caches and templates, so it is not timed.
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        # Read now: the next request clears the connection's query log.
        query_count = len(queries.captured_queries)
        timings = []
        for _run in range(repeat):
            started = time.perf_counter()
            response = client.get(page.url)
            timings.append((time.perf_counter() - started) * 1000)
        results.append(
            PageResult(
                name=page.name,
                url=page.url,
                user=page.user,
                status=response.status_code,
                p50_ms=round(statistics.median(timings), 1) if timings else 0.0,
                p95_ms=round(percentile(timings, 0.95), 1) if timings else 0.0,
                queries=query_count,
                runs=len(timings),
            )
        )
    for client in clients.values():
        client.logout()
    return results


# The user column of a computation timed without HTTP.
NO_REQUEST = "-"


def _timed(run: object, repeat: int) -> tuple[int, list[float], str]:
    """Queries of one untimed call, the milliseconds of ``repeat`` more, and the note the
    last call returned (its ``bench_note``, if it has one)."""
    assert callable(run)
    with CaptureQueriesContext(connection) as queries:
        result = run()
    query_count = len(queries.captured_queries)
    timings = []
    for _run in range(repeat):
        started = time.perf_counter()
        result = run()
        timings.append((time.perf_counter() - started) * 1000)
    return query_count, timings, str(getattr(result, "bench_note", "") or "")


def steps_run(
    *, context: BenchContext, steps: list[BenchStep] | None = None, repeat: int = 10
) -> list[PageResult]:
    """Time every computation of ``bench_steps``, reported like pages (status 0)."""
    steps = bench_steps(context) if steps is None else steps
    results = []
    for step in steps:
        query_count, timings, note = _timed(step.run, repeat)
        results.append(
            PageResult(
                name=step.name,
                url=NO_REQUEST,
                user=NO_REQUEST,
                status=0,
                p50_ms=round(statistics.median(timings), 1) if timings else 0.0,
                p95_ms=round(percentile(timings, 0.95), 1) if timings else 0.0,
                queries=query_count,
                runs=len(timings),
                note=note,
            )
        )
    return results
