"""Survey results for ``trepart bench``: the aggregation of the biggest survey, timed without
HTTP (by unit and by party), and its results page and API.

At the oslo size the biggest survey is the demo's made-up employee survey: 30,000
respondents answering 35 statements each, 1,050,000 answers over 1,500 units (``trepart generate
--preset oslo``).
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from trepart.analysis.models import Response, Survey
from trepart.analysis.selectors import surveys as selectors
from trepart.benchmark.registry import BenchContext, BenchPage, BenchStep


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


def surveys_bench_steps(context: BenchContext) -> list[BenchStep]:
    survey = biggest_survey(context.municipality.pk)
    if survey is None:
        return []

    def aggregate(by: str) -> object:
        # Each run reads afresh: the survey row as the page would, then the aggregation.
        fresh = Survey.objects.select_related("instrument", "municipality").get(pk=survey.pk)
        return selectors.survey_results(survey=fresh, by=by, texts=False)

    return [
        BenchStep("Survey aggregation, biggest survey, by unit", lambda: aggregate("unit")),
        BenchStep("Survey aggregation, biggest survey, by party", lambda: aggregate("party")),
        BenchStep("Survey aggregation, biggest survey, whole", lambda: aggregate("all")),
    ]


def surveys_bench_pages(context: BenchContext) -> list[BenchPage]:
    municipality_id = context.municipality.pk
    pages: list[BenchPage] = []
    try:
        reverse("analysis:survey-results", args=[1])
    except NoReverseMatch:
        return pages
    biggest = biggest_survey(municipality_id)
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
        page = reverse("analysis:survey-results", args=[rounds.pk])
        pages.append(BenchPage("Self-assessment results by party", f"{page}?by=party"))
    return pages
