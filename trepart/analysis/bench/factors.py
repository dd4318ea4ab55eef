"""10-FAKTOR pages for ``trepart bench``: the factor page for the municipality and a unit."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Sum
from django.urls import NoReverseMatch, reverse

from trepart.analysis.factors_display import factor_page
from trepart.analysis.models import FactorResult
from trepart.audit.cache import computed_afresh
from trepart.platform.bench_registry import BenchContext, BenchPage, BenchStep


def factors_bench_pages(context: BenchContext) -> list[BenchPage]:
    try:
        url = reverse("analysis:factors")
    except NoReverseMatch:
        return []
    municipality_id = context.municipality.pk
    # The unit with the most respondents in the newest year: a full profile and trend.
    busiest = (
        FactorResult.objects.filter(municipality_id=municipality_id)
        .values("unit_id", "year")
        .annotate(n=Sum("respondents"))
        .order_by("-year", "-n", "unit_id")
        .first()
    )
    pages = [BenchPage("10-FAKTOR (municipality)", url, "admin")]
    if busiest is not None:
        query = urlencode({"unit": busiest["unit_id"], "year": busiest["year"]})
        pages.append(BenchPage("10-FAKTOR (unit)", f"{url}?{query}", "admin"))
    return pages


def factors_bench_steps(context: BenchContext) -> list[BenchStep]:
    """The factor page's figures computed afresh, as on the first view after an import."""

    def afresh() -> object:
        with computed_afresh():
            return factor_page(municipality=context.municipality, params={})

    return [BenchStep("10-FAKTOR afresh: page figures (municipality)", afresh)]
