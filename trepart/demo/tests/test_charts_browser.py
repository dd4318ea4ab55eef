"""Every kind of chart the app makes, drawn in a real browser from the demo municipality: on
its page and frozen in a meeting's snapshot (one of them stored with a spec built by an
older version). A chart passes when it draws marks, Vega logs no warning, no JavaScript
fails, its drawing is an image named by its title and summary, and axe-core finds nothing.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

import pytest
from django.db.models import Count, Min
from django.urls import reverse
from playwright.sync_api import ConsoleMessage, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from trepart.accounts.tests.factories import MunicipalAdminFactory
from trepart.analysis.models import Survey
from trepart.analysis.services.snapshots import snapshot_send
from trepart.analysis.tests.frozen_specs import broken_units_spec
from trepart.demo.analysis_meeting import SICK_LEAVE_TITLE
from trepart.demo.builder import demo_build, demo_municipality
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.models import Unit

pytestmark = pytest.mark.browser

# The data marks of a chart (bars, areas, lines, points), not its axes, rules or legends.
_CHARTS = """
() => Array.from(document.querySelectorAll('[data-vega-spec]')).map((el) => {
  const svg = el.querySelector('svg');
  const ids = svg ? (svg.getAttribute('aria-labelledby') || '').split(' ') : [];
  return {
    key: el.getAttribute('data-vega-spec'),
    marks: el.querySelectorAll(
      ['rect', 'area', 'line', 'symbol', 'arc'].map((m) => `g.mark-${m}.role-mark > path`).join(',')
    ).length,
    role: svg ? svg.getAttribute('role') : null,
    name: ids.map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').trim(),
    axisLabels: Array.from(el.querySelectorAll('g.role-axis-label text')).map((t) => t.textContent),
  };
})
"""
_READY = """
() => Array.from(document.querySelectorAll('[data-vega-spec]'))
  .every((el) => el.hasAttribute('data-chart-ready'))
"""
NORWEGIAN_MONTH = re.compile(r"\b(jan|feb|mar|apr|mai|jun|jul|aug|sept?|okt|nov|des)\.? \d{4}$")
ENGLISH_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


@pytest.fixture
def demo() -> dict[str, Any]:
    """The demo, a reader who may prepare its meetings, and a meeting with a snapshot of
    every kind of analysis."""
    demo_build()
    municipality = demo_municipality()
    assert municipality is not None
    # In bokmål: the charts must use its decimal mark and month names.
    admin = MunicipalAdminFactory.create(
        municipality=municipality, username="diagram", language="nb"
    )
    # A meeting of its own: the demo's next joint meeting already holds two snapshots.
    meeting = (
        Meeting.objects.filter(municipality=municipality, status=Meeting.Status.PLANNED)
        .exclude(items__snapshot__isnull=False)
        .order_by("starts_at")
        .first()
    )
    assert meeting is not None
    survey = Survey.objects.filter(municipality=municipality).order_by("-opens_on").first()
    assert survey is not None
    sector = Unit.objects.filter(municipality=municipality, kind=Unit.Kind.SECTOR).first()
    # The unit with 10-FAKTOR results in the most years and the most respondents: a trend.
    unit = (
        Unit.objects.filter(municipality=municipality, factor_results__isnull=False)
        .annotate(
            years=Count("factor_results__year", distinct=True),
            least=Min("factor_results__respondents"),
        )
        .order_by("-years", "-least", "pk")
        .first()
    )
    assert sector is not None and unit is not None
    sends = [
        ("absence-dashboard", {}),
        ("absence-dashboard", {"enhet": str(sector.pk)}),
        ("survey-results", {"survey": str(survey.pk), "by": "party"}),
        ("survey-results", {"survey": str(survey.pk), "by": "unit"}),
        ("survey-results", {"survey": str(survey.pk), "by": "body"}),
        ("factor-profile", {"unit": str(unit.pk)}),
    ]
    for key, params in sends:
        snapshot_send(actor=admin, key=key, params=params, meeting=meeting, title=key)
    # A snapshot frozen before the fix: the renderer must still draw it.
    frozen = snapshot_send(
        actor=admin, key="absence-dashboard", params={}, meeting=meeting, title="gammel"
    )
    stored = frozen.snapshot
    assert stored is not None
    for chart in stored["charts"]:
        if chart["key"].endswith("absence-units"):
            chart["spec"] = broken_units_spec(chart["spec"])
    AgendaItem.objects.filter(pk=frozen.pk).update(snapshot=stored)
    return {"admin": admin, "meeting": meeting, "survey": survey, "sector": sector, "unit": unit}


def _charts_on(page: Page, visit: Any, url: str, warnings: list[str]) -> list[dict[str, Any]]:
    """Open ``url``, wait for its charts and check each draws, is named and warns of nothing."""
    warnings.clear()
    visit(page, url)
    # On a timeout the checks below say which chart did not finish.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(_READY, timeout=15_000)
    charts: list[dict[str, Any]] = page.evaluate(_CHARTS)
    assert charts, f"no charts on {url}"
    problems = []
    for chart in charts:
        if chart["marks"] == 0:
            problems.append(f"{chart['key']} draws no marks")
        if chart["role"] != "img" or not chart["name"]:
            problems.append(f"{chart['key']} is not an image with a name")
    problems += [f"console: {text}" for text in warnings]
    assert not problems, f"on {url}:\n" + "\n".join(problems)
    return charts


def test_every_chart_draws_on_its_page_and_in_a_snapshot(
    browser_page: Page, visit: Any, log_in: Any, demo: dict[str, Any]
) -> None:
    page = browser_page
    warnings: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if message.type in ("warning", "error"):
            warnings.append(message.text)

    page.on("console", listen)
    log_in(page, demo["admin"].username)
    survey = demo["survey"]
    results = reverse("analysis:survey-results", args=[survey.pk])
    pages = {
        "/analyse/sykefravaer/": 2,
        f"/analyse/sykefravaer/?enhet={demo['sector'].pk}": 2,
        f"{results}?by=party": 2,
        f"{results}?by=unit": 2,
        f"{results}?by=body": 2,
        f"/analyse/10-faktor/?unit={demo['unit'].pk}": 2,
    }
    for url, count in pages.items():
        charts = _charts_on(page, visit, url, warnings)
        assert len(charts) == count, f"{url}: {[chart['key'] for chart in charts]}"
        if url == "/analyse/sykefravaer/":
            trend = next(chart for chart in charts if "absence-trend" in chart["key"])
            months = [label for label in trend["axisLabels"] if re.search(r"\d{4}$", label)]
            assert months, trend["axisLabels"]
            assert all(NORWEGIAN_MONTH.search(label) for label in months), months
            assert not any(ENGLISH_MONTH.search(label) for label in months), months
            # A bar's tooltip writes its figure with the decimal comma.
            page.locator(
                '[data-vega-spec="chart-absence-units-spec"] g.mark-rect.role-mark path'
            ).first.hover()
            tooltip = page.locator("#vg-tooltip-element")
            expect(tooltip).to_contain_text(re.compile(r"\d,\d"))

    meeting = reverse("meetings:meeting-detail", args=[demo["meeting"].pk])
    charts = _charts_on(page, visit, meeting, warnings)
    keys = [chart["key"] for chart in charts]
    # Two sick-leave charts per dashboard (three, one stored by an older version), the
    # parties and the rounds per survey snapshot, the 10-FAKTOR profile and trend.
    assert sum("absence-units" in key for key in keys) == 3, keys
    assert sum("absence-trend" in key for key in keys) == 3, keys
    assert sum("-parties" in key for key in keys) == 3, keys
    assert sum("-rounds" in key for key in keys) == 3, keys
    assert sum("factor-profile" in key for key in keys) == 1, keys
    assert sum("factor-trend" in key for key in keys) == 1, keys

    # The demo's own meeting snapshots (sick leave, the self-assessment by party) draw too.
    own = AgendaItem.objects.get(
        meeting__municipality=demo["meeting"].municipality, title=SICK_LEAVE_TITLE
    ).meeting
    charts = _charts_on(page, visit, reverse("meetings:meeting-detail", args=[own.pk]), warnings)
    keys = [chart["key"] for chart in charts]
    assert sum("absence-units" in key for key in keys) == 1, keys
    assert sum("-parties" in key for key in keys) == 1, keys
