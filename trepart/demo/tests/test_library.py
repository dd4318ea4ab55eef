"""The demo's library: the agreement in two versions (the second approved on the
tripartite body's item and in force), the verdimanifest, the arbeidsgiverpolitikk with a
draft, the kommunedelplan and an LMU's internal mandate; on the public portal without a
login; and the oslo volume, which does not change how many queries a page makes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from trepart.benchmark.runner import bench_context
from trepart.demo.library_bulk import library_bulk_build
from trepart.library import bench
from trepart.library.models import BodyDocument, Document, DocumentKind, DocumentVersion
from trepart.library.selectors import current_version
from trepart.organisation.models import Body, Municipality
from trepart.organisation.selectors import today
from trepart.platform.bench_registry import ANONYMOUS

pytestmark = pytest.mark.django_db
Status = DocumentVersion.Status


@pytest.fixture
def municipality(built_demo: object) -> Municipality:
    return Municipality.objects.get(users__username="admin")


def test_the_library_holds_the_methods_documents(municipality: Municipality) -> None:
    kinds = set(Document.objects.filter(municipality=municipality).values_list("kind", flat=True))
    assert {
        DocumentKind.TRIPARTITE_AGREEMENT,
        DocumentKind.VALUES_MANIFESTO,
        DocumentKind.EMPLOYER_POLICY,
        DocumentKind.PLAN,
        DocumentKind.BODY_MANDATE,
    } <= kinds
    agreement = Document.objects.get(
        municipality=municipality, kind=DocumentKind.TRIPARTITE_AGREEMENT
    )
    versions = list(agreement.versions.order_by("number"))
    assert [v.status for v in versions] == [Status.SUPERSEDED, Status.APPROVED]
    current = current_version(versions, day=today())
    assert current is not None and current.number == 2
    assert current.approved_item is not None
    assert current.approved_item.body_id == current.approved_by_id
    assert current.approved_by is not None
    assert current.approved_by.kind == Body.Kind.TRIPARTITE
    assert BodyDocument.objects.filter(document=agreement, body=current.approved_by).exists()
    assert DocumentVersion.objects.filter(
        document__kind=DocumentKind.EMPLOYER_POLICY, status=Status.DRAFT
    ).exists()


def test_a_visitor_reads_the_public_documents_but_not_the_mandate(
    municipality: Municipality, client: Client
) -> None:
    listing = client.get("/dokumenter/", {"kommune": municipality.organisation_number})
    body = listing.content.decode()
    assert "Avtale om trepartssamarbeid" in body and "Verdimanifest" in body
    assert "Mandat for LMU" not in body
    mandate = Document.objects.get(municipality=municipality, kind=DocumentKind.BODY_MANDATE)
    assert client.get(f"/dokumenter/{mandate.pk}/").status_code == 404


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _counts(municipality: Municipality) -> dict[str, int]:
    context = bench_context()
    counts = {}
    for page in bench.bench_pages(context):
        if "most versions" in page.name or "comparison" in page.name:
            continue  # the document measured is another one once the bulk is there
        client = Client()
        if page.user != ANONYMOUS:
            client.force_login(context.users[page.user])
        counts[page.name] = _queries(client, page.url)
    return counts


def test_the_oslo_volume_leaves_the_pages_query_counts_as_they_were(
    municipality: Municipality,
) -> None:
    before = _counts(municipality)
    library_bulk_build(municipality=municipality, today=today())
    assert Document.objects.filter(municipality=municipality).count() > 20
    after = _counts(municipality)
    assert after == before
    # Every bulk document has exactly one version in force.
    for document in Document.objects.filter(municipality=municipality).prefetch_related("versions")[
        :50
    ]:
        versions = list(document.versions.all())
        if any(v.status != Status.DRAFT for v in versions):
            assert current_version(versions, day=today()) is not None
