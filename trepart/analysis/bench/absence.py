"""Sick leave for ``trepart bench``: the dashboard and the API on the largest groups.

The dashboard is measured for the whole municipality and for the sector with the most
units (the largest children table and comparison chart), and the API for both. The sums
are kept until the data changes, so the steps time the path after an import too: figures
and charts computed afresh, nothing from the cache.
"""

from __future__ import annotations

from django.db.models import Count

from trepart.analysis.absence_display import comparison_chart, trend_chart
from trepart.analysis.selectors.absence import absence_figures
from trepart.audit.cache import computed_afresh
from trepart.organisation.models import Unit
from trepart.platform.bench_registry import BenchContext, BenchPage, BenchStep


def _largest_sector(context: BenchContext) -> Unit | None:
    return (
        Unit.objects.filter(municipality=context.municipality, parent__isnull=True)
        .annotate(units=Count("children"))
        .order_by("-units", "pk")
        .first()
    )


def absence_bench_pages(context: BenchContext) -> list[BenchPage]:
    sector = _largest_sector(context)
    pages = [
        BenchPage("Sick leave (municipality)", "/analyse/sykefravaer/", "admin"),
        BenchPage("Sick leave API (municipality)", "/api/v1/absence", "admin"),
    ]
    if sector is not None:
        pages += [
            BenchPage(
                "Sick leave (largest sector)", f"/analyse/sykefravaer/?enhet={sector.pk}", "admin"
            ),
            BenchPage("Sick leave API (largest sector)", f"/api/v1/absence?unit={sector.pk}"),
        ]
    return pages


def absence_bench_steps(context: BenchContext) -> list[BenchStep]:
    municipality = context.municipality
    sector = _largest_sector(context)

    def afresh(unit_id: int | None, charts: bool) -> object:
        with computed_afresh():
            figures = absence_figures(municipality=municipality, unit_id=unit_id)
            if charts:
                return figures, trend_chart(figures), comparison_chart(figures)
            return figures

    steps = [
        BenchStep("Sick leave afresh: figures (municipality)", lambda: afresh(None, False)),
        BenchStep("Sick leave afresh: figures, charts (municipality)", lambda: afresh(None, True)),
    ]
    if sector is not None:
        steps.append(
            BenchStep(
                "Sick leave afresh: figures, charts (sector)", lambda: afresh(sector.pk, True)
            )
        )
    return steps
