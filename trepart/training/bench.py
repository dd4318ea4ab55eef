"""The course's part of ``trepart bench``.

The pages are measured on the largest rows of the benchmarked municipality (the oslo preset
has 50,000 course records over thirteen years): the front page, the fullest run (as HR,
who sees every participant), the completion figures, who is missing (as HR, every unit, a
page at a time), the unit leader's view of who is missing, a course record and the API's
runs and completion. The completion figures are also timed as a step, computed afresh
(without the figure cache).
"""

from __future__ import annotations

from django.db.models import Count

from trepart.audit.cache import computed_afresh
from trepart.platform.bench_registry import BenchContext, BenchPage, BenchStep
from trepart.training.models import CourseRun, Enrolment
from trepart.training.selectors.completion import completion_figures

PREFIX = "/kurs/"
API = "/api/v1/training/"


def bench_pages(context: BenchContext) -> list[BenchPage]:
    municipality_id = context.municipality.pk
    pages = [
        BenchPage("Course", PREFIX),
        BenchPage("Course: completion figures", f"{PREFIX}fullforing/"),
        BenchPage("Course: who is missing (HR)", f"{PREFIX}mangler/"),
        BenchPage("API: training runs", f"{API}runs"),
        BenchPage("API: training completion", f"{API}completion"),
    ]
    if "leder" in context.users:
        pages.append(
            BenchPage("Course: who is missing (leader)", f"{PREFIX}mangler/", user="leder")
        )
    fullest = (
        CourseRun.objects.filter(municipality_id=municipality_id)
        .annotate(n=Count("enrolments"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if fullest is not None:
        pages.append(BenchPage("Course: run (most participants)", f"{PREFIX}kurs/{fullest}/"))
    busiest = (
        Enrolment.objects.filter(municipality_id=municipality_id)
        .values("person_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "person_id")
        .values_list("person_id", flat=True)
        .first()
    )
    if busiest is not None:
        pages.append(BenchPage("Course: record (most enrolments)", f"{PREFIX}personer/{busiest}/"))
    return pages


def bench_steps(context: BenchContext) -> list[BenchStep]:
    admin = context.users.get("admin")
    if admin is None:
        return []

    def figures() -> object:
        with computed_afresh():
            return completion_figures(user=admin)

    return [BenchStep("Course: completion figures (no cache)", figures)]
