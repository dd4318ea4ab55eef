"""The citizen committees' part of ``trepart bench``.

Measured on the largest rows of the benchmarked municipality (the oslo preset has 15
committees with ten years of dugnad): the list, the page creating a committee, the committee
with the most dugnad (as a visitor and as the administrator) and its edit page, its grant for
last year, the public figures and the API figures. The dugnad figures for the whole
municipality are also timed as a step.
"""

from __future__ import annotations

from django.db.models import Count

from trepart.community.models import Committee, Grant
from trepart.community.selectors.figures import dugnad_figures
from trepart.platform.bench_registry import ANONYMOUS, BenchContext, BenchPage, BenchStep

PREFIX = "/utvalg/"
API = "/api/v1/community/"


def bench_pages(context: BenchContext) -> list[BenchPage]:
    municipality = context.municipality
    visitor = f"?kommune={municipality.organisation_number}"
    pages = [
        BenchPage("Committees", PREFIX),
        BenchPage("Committees: figures (public)", f"{PREFIX}dugnad/{visitor}", user=ANONYMOUS),
        BenchPage("Committees: figures", f"{PREFIX}dugnad/"),
        BenchPage("Committee: new", f"{PREFIX}ny/"),
        BenchPage("API: community dugnad figures", f"{API}dugnad/figures"),
        BenchPage("API: community grants", f"{API}grants"),
        BenchPage("API: community committees", f"{API}committees"),
    ]
    busiest = (
        Committee.objects.filter(municipality_id=municipality.pk)
        .annotate(entries=Count("dugnad"))
        .order_by("-entries", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if busiest is not None:
        pages.append(BenchPage("Committee (most dugnad)", f"{PREFIX}{busiest}/"))
        pages.append(BenchPage("Committee: change (most dugnad)", f"{PREFIX}{busiest}/endre/"))
        pages.append(
            BenchPage(
                "Committee (most dugnad, public)", f"{PREFIX}{busiest}/{visitor}", user=ANONYMOUS
            )
        )
        grant = (
            Grant.objects.filter(committee_id=busiest)
            .order_by("-year")
            .values_list("pk", flat=True)
            .first()
        )
        if grant is not None:
            pages.append(BenchPage("Committee grant (latest)", f"{PREFIX}tilskudd/{grant}/"))
    return pages


def bench_steps(context: BenchContext) -> list[BenchStep]:
    municipality_id = context.municipality.pk
    return [
        BenchStep(
            "Dugnad figures (whole municipality)",
            lambda: dugnad_figures(municipality_id=municipality_id),
        )
    ]
