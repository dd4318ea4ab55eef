"""Writing to the library through the API: a new draft, a draft's edit (with the version
read: 409 if someone saved since) and an approval — for those who may edit the document."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Status as Reply
from ninja.errors import HttpError

from trepart.audit.writes import ConcurrentEditError
from trepart.library import privacy, selectors, services
from trepart.library.api.reading import open_document, version_out
from trepart.library.api.routers import reader, router
from trepart.library.api.schemas import (
    LibraryApproveIn,
    LibraryDraftEditIn,
    LibraryDraftIn,
    LibraryProblem,
    LibraryVersionTextOut,
)
from trepart.library.models import Document, DocumentVersion
from trepart.meetings.models import AgendaItem
from trepart.organisation.models import Body
from trepart.organisation.schemas import Error
from trepart.platform.api import Id, not_found, problem

ERRORS = {400: LibraryProblem, 401: Error, 403: Error, 404: Error}
RENAMED = {"body": "body_id", "item": "item_id", "upload": "file"}


def _editor(request: HttpRequest, document: Document) -> Any:
    user = reader(request)
    if not privacy.reads_internal(user, document):
        raise not_found()
    if not privacy.can_edit(user, document):
        raise HttpError(403, _("You may not edit this document."))
    return user


def _out(user: Any, version: DocumentVersion) -> dict[str, Any]:
    page = selectors.document_page(user=user, document=version.document)
    return version_out(next(v for v in page.versions if v.pk == version.pk), page)


def _draft(request: HttpRequest, version_id: int) -> tuple[Any, DocumentVersion]:
    user = reader(request)
    version = DocumentVersion.objects.select_related("document").filter(pk=version_id).first()
    if version is None or not privacy.can_read_version(user, version):
        raise not_found()
    return _editor(request, version.document), version


@router.post(
    "/library/documents/{document_id}/versions",
    response={201: LibraryVersionTextOut, **ERRORS},
    operation_id="library_version_draft",
    summary="Propose a new version as a draft",
)
def version_draft(request: HttpRequest, document_id: Id, payload: LibraryDraftIn) -> Reply[Any]:
    """A draft numbered after the last version; the caller is recorded as proposer."""
    document = open_document(request, reader(request), document_id)
    user = _editor(request, document)
    try:
        version = services.version_draft(
            actor=user,
            document=document,
            proposed_by=getattr(user, "person", None),
            **payload.dict(),
        )
    except ValidationError as error:
        return Reply(400, problem(error, renamed=RENAMED))
    return Reply(201, _out(user, version))


@router.put(
    "/library/versions/{version_id}",
    response={200: LibraryVersionTextOut, 409: Error, **ERRORS},
    operation_id="library_version_edit",
    summary="Change a draft",
)
def version_edit(request: HttpRequest, version_id: Id, payload: LibraryDraftEditIn) -> Reply[Any]:
    """A draft's text, note and visibility; an approved version is refused (400)."""
    user, version = _draft(request, version_id)
    try:
        services.version_edit(
            actor=user, document_version=version, proposed_by=version.proposed_by, **payload.dict()
        )
    except ConcurrentEditError as error:
        return Reply(409, {"detail": " ".join(error.messages)})
    except ValidationError as error:
        return Reply(400, problem(error, renamed=RENAMED))
    version.refresh_from_db()
    return Reply(200, _out(user, version))


@router.post(
    "/library/versions/{version_id}/approve",
    response={200: LibraryVersionTextOut, 409: Error, **ERRORS},
    operation_id="library_version_approve",
    summary="Record a draft's approval",
)
def version_approve(request: HttpRequest, version_id: Id, payload: LibraryApproveIn) -> Reply[Any]:
    """Which body approved the draft, on which of its meeting items, and from when."""
    user, version = _draft(request, version_id)
    body = Body.objects.filter(pk=payload.body_id, municipality_id=version.municipality_id).first()
    item = None
    if payload.item_id is not None:
        item = AgendaItem.objects.filter(
            pk=payload.item_id, municipality_id=version.municipality_id
        ).first()
    errors: dict[str, list[str]] = {}
    if body is None:
        errors["body_id"] = [_("Choose one of your municipality's bodies.")]
    if payload.item_id is not None and item is None:
        errors["item_id"] = [_("Choose one of your municipality's meeting items.")]
    if body is None or errors:
        return Reply(
            400, {"detail": " ".join(m for ms in errors.values() for m in ms), "errors": errors}
        )
    try:
        services.version_approve(
            actor=user,
            document_version=version,
            version=payload.version,
            body=body,
            item=item,
            approved_on=payload.approved_on,
            applies_from=payload.applies_from,
        )
    except ConcurrentEditError as error:
        return Reply(409, {"detail": " ".join(error.messages)})
    except ValidationError as error:
        return Reply(400, problem(error, renamed=RENAMED))
    version.refresh_from_db()
    return Reply(200, _out(user, version))
