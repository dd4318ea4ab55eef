"""The library's part of ``trepart bench``.

Measured on the benchmarked municipality's rows (the oslo preset adds a mandate for every
LMU, union agreements and sector plans, over ten years): the list as the administrator and
as a visitor (the public portal), the agreement as both, the document with the most
versions, the comparison of its first and last versions, a body's page with its governing
documents, the feed and the API list.
"""

from __future__ import annotations

from django.db.models import Count

from trepart.library.models import BodyDocument, Document, DocumentKind
from trepart.platform.bench_registry import ANONYMOUS, BenchContext, BenchPage

PREFIX = "/dokumenter/"
API = "/api/v1/library/"


def bench_pages(context: BenchContext) -> list[BenchPage]:
    municipality = context.municipality
    public = f"?kommune={municipality.organisation_number}"
    pages = [
        BenchPage("Library", PREFIX),
        BenchPage("Library: public portal", f"{PREFIX}{public}", ANONYMOUS),
        BenchPage("Library: feed", f"{PREFIX}feed/{public}", ANONYMOUS),
        BenchPage("API: library documents", f"{API}documents"),
    ]
    documents = Document.objects.filter(municipality=municipality)
    agreement = (
        documents.filter(kind=DocumentKind.TRIPARTITE_AGREEMENT)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if agreement is not None:
        pages += [
            BenchPage("Library: the agreement", f"{PREFIX}{agreement}/"),
            BenchPage("Library: the agreement (public)", f"{PREFIX}{agreement}/", ANONYMOUS),
            BenchPage("API: library agreement", f"{API}documents/{agreement}"),
        ]
    longest = (
        documents.annotate(count=Count("versions"))
        .order_by("-count", "pk")
        .values_list("pk", "count")
        .first()
    )
    if longest is not None:
        pk, count = longest
        pages += [
            BenchPage("Library: document (most versions)", f"{PREFIX}{pk}/"),
            BenchPage(
                "Library: comparison (first and last)",
                f"{PREFIX}{pk}/sammenlign/?fra=1&til={count}",
            ),
        ]
    governed = (
        BodyDocument.objects.filter(municipality=municipality)
        .order_by("pk")
        .values_list("body_id", flat=True)
        .first()
    )
    if governed is not None:
        pages.append(BenchPage("Library: a governed body's page", f"/organer/{governed}/"))
    return pages
