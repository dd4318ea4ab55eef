"""``trepart bench`` on the meetings app's pages, and the load loop of ``bench --serve``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from trepart.benchmark.runner import bench_context, bench_run
from trepart.benchmark.serve import load
from trepart.benchmark.serve_urls import BARE_PATH
from trepart.demo.builder import municipality_build
from trepart.demo.plan import PRESETS
from trepart.meetings.bench import bench_pages, public_meeting_url

pytestmark = pytest.mark.django_db

TINY = PRESETS["small"].resized(units=8, employees=140)


def test_the_bench_measures_the_meeting_pages_for_members_and_visitors() -> None:
    municipality_build(preset=TINY, seed=3, password="x")
    context = bench_context()
    pages = bench_pages(context)
    names = {page.name for page in pages}
    assert {
        "Meeting (member)",
        "Meeting (visitor)",
        "Meeting calendar (visitor)",
        "Follow-up board",
        "Follow-up board (busiest body)",
        "API meetings",
        "API meeting (visitor)",
    } <= names
    results = bench_run(context=context, pages=pages, repeat=1)
    assert len(results) == len(pages)
    assert {result.status for result in results} == {200}
    assert {result.user for result in results} >= {"", "admin"}
    assert public_meeting_url(context) in {page.url for page in pages}


def test_the_load_loop_counts_answers_and_failures(live_server: Any, settings: Any) -> None:
    settings.ROOT_URLCONF = "trepart.benchmark.serve_urls"
    address = urlparse(live_server.url)
    assert address.hostname and address.port
    bare = load(host=address.hostname, port=address.port, path=BARE_PATH, threads=2, seconds=0.3)
    assert bare.requests > 0 and bare.errors == 0 and bare.per_second > 0
    missing = load(
        host=address.hostname, port=address.port, path="/finnes-ikke/", threads=1, seconds=0.1
    )
    assert missing.requests == 0 and missing.errors > 0
