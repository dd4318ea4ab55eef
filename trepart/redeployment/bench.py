"""The stillingsbank's part of ``trepart bench``.

The pages are measured on the largest rows of the benchmarked municipality (the oslo preset
has 500 redundant employees, 2,000 vacancies and a year of weekly rounds): the register,
the case with the longest history, the vacancies, the latest round with its proposal, the
rights, the figures and the API lists, as a member of the bank; the person's own case as
the ``overtallig`` login. The matching's timing (people x vacancies against a plain
assignment) is the step of ``bench_matching``.
"""

from __future__ import annotations

from django.db.models import Count

from trepart.organisation.models import Unit
from trepart.platform.bench_registry import BenchContext, BenchPage, BenchStep
from trepart.redeployment.bench_matching import FULL_SIZE, matching_steps
from trepart.redeployment.models import MatchRound, RedeploymentCase, Vacancy

PREFIX = "/stillingsbank/"
API = "/api/v1/redeployment/"
# The demo login whose own case the person's page shows.
PERSON = "overtallig"
# A municipality of this many units is benchmarked at the full sizes (medium and oslo).
FULL_SIZE_UNITS = 300


def bench_pages(context: BenchContext) -> list[BenchPage]:
    municipality_id = context.municipality.pk
    pages = [
        BenchPage("Stillingsbank", PREFIX),
        BenchPage("Stillingsbank: register", f"{PREFIX}register/"),
        BenchPage("Stillingsbank: vacancies", f"{PREFIX}stillinger/"),
        BenchPage("Stillingsbank: meetings and rounds", f"{PREFIX}moter/"),
        BenchPage("Stillingsbank: preferential rights", f"{PREFIX}fortrinnsrett/"),
        BenchPage("Stillingsbank: figures", f"{PREFIX}tall/"),
        *(
            BenchPage(f"API: redeployment {name}", f"{API}{name}")
            for name in ("cases", "vacancies", "rounds", "offers", "figures")
        ),
    ]
    longest = (
        RedeploymentCase.objects.filter(municipality_id=municipality_id)
        .annotate(steps=Count("events"))
        .order_by("-steps", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if longest is not None:
        pages.append(BenchPage("Stillingsbank: case (longest history)", f"{PREFIX}sak/{longest}/"))
    vacancy = (
        Vacancy.objects.filter(municipality_id=municipality_id)
        .order_by("-registered_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if vacancy is not None:
        pages.append(BenchPage("Stillingsbank: vacancy (newest)", f"{PREFIX}stillinger/{vacancy}/"))
    latest = (
        MatchRound.objects.filter(municipality_id=municipality_id)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if latest is not None:
        pages.append(BenchPage("Stillingsbank: round (latest)", f"{PREFIX}runde/{latest}/"))
    person = context.users.get(PERSON)
    if person is not None and RedeploymentCase.objects.filter(person__user=person).exists():
        pages.append(BenchPage("Stillingsbank: my case", f"{PREFIX}min-sak/", user=PERSON))
    return pages


def bench_steps(context: BenchContext) -> list[BenchStep]:
    """The matching at 5,000 people x 5,000 vacancies beside a plain assignment; a small
    municipality (the demo's, the test suite's) times a tenth of that, and the step's name
    says so."""
    units = Unit.objects.filter(municipality=context.municipality).count()
    return matching_steps(FULL_SIZE if units >= FULL_SIZE_UNITS else FULL_SIZE // 10)
