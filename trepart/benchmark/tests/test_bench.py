"""``trepart bench`` against a generated municipality."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from trepart.benchmark.runner import NO_REQUEST, bench_context, percentile
from trepart.demo.builder import municipality_build
from trepart.demo.plan import PRESETS
from trepart.platform.bench_registry import BenchPage, bench_pages, bench_steps

pytestmark = pytest.mark.django_db


def test_bench_prints_json_with_timings_and_queries_for_every_page():
    call_command("generate", preset="small", seed=2, stdout=io.StringIO())
    out = io.StringIO()
    call_command("bench", repeat=1, json=True, stdout=out)
    report = json.loads(out.getvalue())
    assert report["repeat"] == 1 and report["sizes"]["units"] == 46
    urls = {page["url"] for page in report["pages"]}
    assert {"/", "/enheter/", "/organer/", "/personer/", "/logg/", "/api/v1/units"} <= urls
    assert len(report["pages"]) >= 16
    for page in report["pages"]:
        assert page["p50_ms"] > 0 and page["p95_ms"] >= page["p50_ms"]
        # A page reads at least the session; a computation may need no database at all.
        assert page["queries"] >= 1 or page["url"] == NO_REQUEST
        assert page["runs"] == 1 and isinstance(page["status"], int)
    assert {page["user"] for page in report["pages"] if page["url"] == "/"} == {"admin", "leder"}


def test_bench_table_shows_one_row_per_page_and_per_step():
    municipality_build(
        preset=PRESETS["small"].resized(units=6, employees=100), seed=2, password="x"
    )
    context = bench_context()
    pages = bench_pages(context)
    steps = bench_steps(context)
    assert len({(page.url, page.user) for page in pages}) == len(pages)
    assert steps  # the analysis app times its aggregations
    out = io.StringIO()
    call_command("bench", repeat=2, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[1].split()[:3] == ["Page", "URL", "User"]
    assert len(lines) == 3 + len(pages) + len(steps)
    step_names = {step.name for step in steps}
    assert any(line.startswith(tuple(step_names)) for line in lines[3:])


def test_bench_without_demo_logins_says_what_to_run():
    with pytest.raises(CommandError, match="trepart demo"):
        call_command("bench", repeat=1)


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 21)]
    assert percentile(values, 0.95) == 19.0
    assert percentile([4.0], 0.95) == 4.0


def test_bench_page_defaults_to_the_admin_login():
    assert BenchPage("Start", "/").user == "admin"
