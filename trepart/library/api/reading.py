"""Reading the library through the API: the documents, one document with its versions,
one version with its text, and the comparison of two versions."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query
from ninja.errors import HttpError

from trepart.library import privacy, selectors
from trepart.library.api.routers import ANONYMOUS_TOO, reader, router
from trepart.library.api.schemas import (
    LibraryCompareQuery,
    LibraryComparisonOut,
    LibraryDocumentDetailOut,
    LibraryDocumentPage,
    LibraryDocumentQuery,
    LibraryVersionTextOut,
)
from trepart.library.models import Document, DocumentVersion
from trepart.organisation.public import public_municipality
from trepart.organisation.schemas import Error
from trepart.platform.api import Id, not_found
from trepart.platform.urls import absolute_url

ERRORS = {401: Error, 403: Error, 404: Error}


def _municipality_id(request: HttpRequest, user: Any) -> int | None:
    if getattr(user, "is_authenticated", False):
        return None
    try:
        municipality = public_municipality(request)
    except Http404:
        raise not_found() from None
    if municipality is None:
        raise HttpError(400, _("Give the municipality's organisation number as ?kommune=."))
    return municipality.pk


def _brief(version: DocumentVersion | None) -> dict[str, Any] | None:
    if version is None:
        return None
    return {
        "id": version.pk,
        "number": version.number,
        "applies_from": version.applies_from,
        "url": absolute_url(reverse("library:version-detail", args=[version.pk])),
    }


def _document(row: selectors.DocumentRow) -> dict[str, Any]:
    document = row.document
    return {
        "id": document.pk,
        "kind": document.kind,
        "title": document.title,
        "summary": document.summary,
        "current": _brief(row.current),
        "versions": row.versions,
        "url": absolute_url(reverse("library:document-detail", args=[document.pk])),
    }


def version_out(version: DocumentVersion, page: selectors.DocumentPage) -> dict[str, Any]:
    item = version.approved_item
    return {
        "id": version.pk,
        "document_id": version.document_id,
        "number": version.number,
        "status": version.status,
        "is_public": version.is_public,
        "in_force": page.current is not None and page.current.pk == version.pk,
        "proposed_by": privacy.shown_name(version.proposed_by, internal=page.internal),
        "approved_by": version.approved_by.name if version.approved_by else "",
        "approved_item": None
        if item is None
        else {
            "id": item.pk,
            "case_number": item.case_number,
            "meeting_id": item.meeting_id,
            "url": absolute_url(
                reverse("meetings:meeting-detail", args=[item.meeting_id]) + f"#item-{item.pk}"
            ),
        },
        "approved_on": version.approved_on,
        "applies_from": version.applies_from,
        "change_note": version.change_note,
        "has_file": hasattr(version, "file"),
        "url": absolute_url(reverse("library:version-detail", args=[version.pk])),
        "text": version.text,
    }


def open_document(request: HttpRequest, user: Any, document_id: int) -> Document:
    document = Document.objects.filter(pk=document_id).first()
    if document is None or not privacy.can_open(user, document):
        raise not_found()
    return document


@router.get(
    "/library/documents",
    response={200: LibraryDocumentPage, 400: Error, **ERRORS},
    operation_id="library_document_list",
    openapi_extra=ANONYMOUS_TOO,
    summary="List the library's documents",
)
def document_list(request: HttpRequest, filters: Query[LibraryDocumentQuery]) -> dict[str, Any]:
    """The documents the caller may open, each with the version in force today."""
    user = reader(request)
    municipality_id = _municipality_id(request, user)
    documents = selectors.documents_visible(
        user=user, municipality_id=municipality_id, kind=filters.kind or ""
    )
    shown = documents[filters.offset : filters.offset + filters.limit]
    rows = selectors.document_rows(
        user=user, documents=shown, municipality_id=municipality_id or user.municipality_id
    )
    return {"count": documents.count(), "items": [_document(row) for row in rows]}


@router.get(
    "/library/documents/{document_id}",
    response={200: LibraryDocumentDetailOut, **ERRORS},
    operation_id="library_document_get",
    openapi_extra=ANONYMOUS_TOO,
    summary="Get a document with its versions",
)
def document_get(request: HttpRequest, document_id: Id) -> dict[str, Any]:
    """A document and the versions the caller may read, newest first (texts left out)."""
    user = reader(request)
    document = open_document(request, user, document_id)
    page = selectors.document_page(user=user, document=document)
    row = selectors.DocumentRow(
        document=document,
        current=page.current,
        versions=sum(1 for v in page.versions if not v.is_draft),
        drafts=0,
    )
    return {
        **_document(row),
        "version_list": [version_out(v, page) for v in page.versions],
        "bodies": [link.body.name for link in page.links],
    }


@router.get(
    "/library/versions/{version_id}",
    response={200: LibraryVersionTextOut, **ERRORS},
    operation_id="library_version_get",
    openapi_extra=ANONYMOUS_TOO,
    summary="Get a version with its text",
)
def version_get(request: HttpRequest, version_id: Id) -> dict[str, Any]:
    user = reader(request)
    version = DocumentVersion.objects.select_related("document").filter(pk=version_id).first()
    if version is None or not privacy.can_read_version(user, version):
        raise not_found()
    page = selectors.document_page(user=user, document=version.document)
    shown = next(v for v in page.versions if v.pk == version.pk)
    return version_out(shown, page)


@router.get(
    "/library/documents/{document_id}/compare",
    response={200: LibraryComparisonOut, 400: Error, **ERRORS},
    operation_id="library_version_compare",
    openapi_extra=ANONYMOUS_TOO,
    summary="Compare two versions of a document",
)
def version_compare(
    request: HttpRequest, document_id: Id, numbers: Query[LibraryCompareQuery]
) -> dict[str, Any]:
    """Paragraph by paragraph, and word by word in a changed paragraph."""
    user = reader(request)
    document = open_document(request, user, document_id)
    page = selectors.document_page(user=user, document=document)
    by_number = {v.number: v for v in page.versions if not v.is_draft}
    if numbers.fra not in by_number or numbers.til not in by_number:
        raise HttpError(400, _("Choose one of the versions listed."))
    comparison = selectors.version_comparison(
        old=by_number[numbers.fra], new=by_number[numbers.til]
    )
    return {
        "old": numbers.fra,
        "new": numbers.til,
        "changed": comparison.changed,
        "added": comparison.added,
        "removed": comparison.removed,
        "unchanged": comparison.unchanged,
        "words_added": comparison.words_added,
        "words_removed": comparison.words_removed,
        "paragraphs": [
            {
                "kind": change.kind,
                "segments": [{"kind": s.kind, "text": s.text} for s in change.segments],
            }
            for change in comparison.paragraphs
        ],
    }
