"""Survey results for ``trepart bench``: the aggregation of the biggest survey, timed without
HTTP (by unit and by party), and its results page and API.

The aggregation is the heavy step done once when a round closes (``results_compute``, and
``results_keep`` for every dimension); pages and the API read the kept results, timed here
too.

At the oslo size the biggest survey is the demo's made-up employee survey: 30,000
respondents answering 35 statements each, 1,050,000 answers over 1,500 units (``trepart generate
--preset oslo``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from trepart.analysis import results_kept as kept
from trepart.analysis.models import Response, Survey
from trepart.analysis.results_kept import results_keep
from trepart.analysis.selectors import surveys as selectors
from trepart.analysis.selectors.survey_figures import results_compute
from trepart.platform.bench_registry import BenchContext, BenchPage, BenchStep


def biggest_survey(municipality_id: int) -> Survey | None:
    """The municipality's survey with the most respondents."""
    top = (
        Response.objects.filter(municipality_id=municipality_id)
        .values("survey_id")
        .annotate(n=Count("*"))
        .order_by("-n", "survey_id")
        .first()
    )
    if top is None:
        return None
    return (
        Survey.objects.select_related("instrument", "municipality")
        .filter(pk=top["survey_id"])
        .first()
    )


def self_assessment(municipality_id: int) -> Survey | None:
    return (
        Survey.objects.filter(
            municipality_id=municipality_id, instrument__builtin_key=selectors.SELF_ASSESSMENT
        )
        .order_by("-opens_on", "-pk")
        .first()
    )


def _kept(survey: Survey | None) -> None:
    """Keep a closed round's results first, as its first reader would: the timed pages and
    steps then measure reading, and the query counts are those of every later read."""
    if survey is not None and selectors.results_ready(survey):
        for by in selectors.DIMENSIONS:
            kept.survey_results(survey=survey, by=by, texts=False)


def surveys_bench_steps(context: BenchContext) -> list[BenchStep]:
    survey = biggest_survey(context.municipality.pk)
    if survey is None:
        return []
    _kept(survey)

    def fresh() -> Survey:
        # Each run reads afresh: the survey row as the page would, then the figures.
        return Survey.objects.select_related("instrument", "municipality").get(pk=survey.pk)

    def aggregate(by: str) -> object:
        return results_compute(survey=fresh(), by=by, texts=False)

    def keep() -> object:
        # What closing does: every dimension computed (with free text) and kept.
        with transaction.atomic():
            results_keep(survey=fresh())
            transaction.set_rollback(True)
        return None

    def read(by: str) -> object:
        return kept.survey_results(survey=fresh(), by=by, texts=False)

    steps = [
        BenchStep("Survey aggregation, biggest survey, by unit", lambda: aggregate("unit")),
        BenchStep("Survey aggregation, biggest survey, by party", lambda: aggregate("party")),
        BenchStep("Survey aggregation, biggest survey, whole", lambda: aggregate("all")),
        BenchStep("Survey closing: results kept, every dimension", keep),
    ]
    if selectors.results_ready(survey):
        steps += [
            BenchStep("Survey results read as kept, by unit", lambda: read("unit")),
            BenchStep("Survey results read as kept, by party", lambda: read("party")),
        ]
    return steps


def surveys_bench_pages(context: BenchContext) -> list[BenchPage]:
    municipality_id = context.municipality.pk
    pages: list[BenchPage] = []
    try:
        reverse("analysis:survey-results", args=[1])
    except NoReverseMatch:
        return pages
    biggest = biggest_survey(municipality_id)
    _kept(biggest)
    if biggest is not None:
        page = reverse("analysis:survey-results", args=[biggest.pk])
        api = f"/api/v1/surveys/{biggest.pk}/results"
        pages += [
            BenchPage("Survey results by unit (biggest)", f"{page}?by=unit"),
            BenchPage("Survey results by party (biggest)", f"{page}?by=party"),
            BenchPage("API survey results by unit (biggest)", f"{api}?by=unit"),
        ]
    rounds = self_assessment(municipality_id)
    if rounds is not None:
        for one in Survey.objects.filter(instrument_id=rounds.instrument_id).select_related(
            "instrument", "municipality"
        ):
            _kept(one)
        page = reverse("analysis:survey-results", args=[rounds.pk])
        pages.append(BenchPage("Self-assessment results by party", f"{page}?by=party"))
    return pages
