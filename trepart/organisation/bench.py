"""The organisation app's pages for ``trepart bench``.

Each detail page is measured on a demanding real row: the largest unit, an LMU that
breaks its rule, the 3+3+3 tripartite body and the person with the most seats.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from trepart.organisation.models import Body, CompositionRule, Person, Unit
from trepart.organisation.selectors import body_statuses
from trepart.platform.bench_registry import BenchContext, BenchPage


def bench_pages(context: BenchContext) -> list[BenchPage]:
    municipality_id = context.municipality.pk
    unit = (
        Unit.objects.filter(municipality_id=municipality_id, kind=Unit.Kind.UNIT)
        .order_by("-employee_count", "pk")
        .first()
    )
    lmus = (
        Body.objects.for_municipality(municipality_id)
        .select_related("unit", "parent")
        .filter(kind=Body.Kind.LMU)
    )
    statuses = body_statuses(lmus)
    broken = [pk for pk, status in statuses.items() if not status.composition.ok]
    lmu = lmus.filter(pk__in=broken[:1]).first() or lmus.first()
    tripartite = (
        Body.objects.filter(
            municipality_id=municipality_id,
            kind=Body.Kind.TRIPARTITE,
            rules__kind=CompositionRule.Kind.PARITY,
        ).first()
        or Body.objects.filter(municipality_id=municipality_id, kind=Body.Kind.TRIPARTITE).first()
    )
    person = (
        Person.objects.filter(municipality_id=municipality_id)
        .annotate(seats=Count("memberships"))
        .order_by("-seats", "pk")
        .first()
    )

    def detail(prefix: str, row: Any, suffix: str = "/") -> str | None:
        return f"{prefix}{row.pk}{suffix}" if row is not None else None

    pages = [
        ("Start page", "/", "admin"),
        ("Start page (unit leader)", "/", "leder"),
        ("Units", "/enheter/", "admin"),
        ("Unit search", "/enheter/?q=skole", "admin"),
        ("Unit (largest)", detail("/enheter/", unit), "admin"),
        ("Bodies", "/organer/", "admin"),
        ("Bodies breaking their rules", "/organer/?flagged=on", "admin"),
        ("LMU (rule broken)", detail("/organer/", lmu), "admin"),
        ("Tripartite body", detail("/organer/", tripartite), "admin"),
        ("Edit body", detail("/organer/", tripartite, "/endre/"), "admin"),
        ("Add member (search)", detail("/organer/", tripartite, "/medlemmer/ny/?q=han"), "admin"),
        ("People", "/personer/", "admin"),
        ("People search", "/personer/?q=an", "admin"),
        ("Person (most seats)", detail("/personer/", person), "admin"),
        ("Structure templates", "/strukturmaler/", "admin"),
        ("Import", "/import/", "admin"),
        ("API units", "/api/v1/units", "admin"),
        ("API bodies", "/api/v1/bodies", "admin"),
        ("API tripartite body", detail("/api/v1/bodies/", tripartite, ""), "admin"),
        ("API people", "/api/v1/people", "admin"),
        ("API schema", "/api/v1/openapi.json", "admin"),
    ]
    return [BenchPage(name, url, user) for name, url, user in pages if url is not None]
