"""Documents: created with their first draft, retitled, and linked to the bodies they
govern."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_delete
from trepart.audit.writes import versioned_edit
from trepart.library.models import BodyDocument, Document, DocumentKind
from trepart.library.services.versions import version_draft
from trepart.organisation.models import Body, Municipality, Person


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _check_document(*, kind: str, title: str) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in DocumentKind.values:
        errors["kind"] = [_("Choose what kind of document this is.")]
    if not title.strip():
        errors["title"] = [_("Give the document a title.")]
    if errors:
        raise ValidationError(errors)


def document_create(
    *,
    actor: Any,
    municipality: Municipality,
    kind: str,
    title: str,
    summary: str = "",
    text: str,
    proposed_by: Person | None = None,
    is_public: bool = False,
    upload: Any = None,
) -> Document:
    """Create a document with its first version as a draft; all or nothing."""
    _check_document(kind=kind, title=title)
    with transaction.atomic():
        document = Document.objects.create(
            municipality=municipality, kind=kind, title=title.strip(), summary=summary.strip()
        )
        audit_create(actor=_actor(actor), instance=document)
        version_draft(
            actor=actor,
            document=document,
            text=text,
            proposed_by=proposed_by,
            is_public=is_public,
            upload=upload,
        )
    return document


def document_edit(
    *, actor: Any, document: Document, version: int | None, kind: str, title: str, summary: str
) -> Document:
    """Change a document's kind, title or summary (its text changes through versions)."""
    _check_document(kind=kind, title=title)
    changes = {"kind": kind, "title": title.strip(), "summary": summary.strip()}
    with versioned_edit(document, actor=_actor(actor), version=version, changes=changes) as row:
        pass
    return row


def body_document_link(*, actor: Any, body: Body, document: Document) -> BodyDocument:
    """Record that ``document`` governs ``body`` (shown on the body's page)."""
    if body.municipality_id != document.municipality_id:
        raise ValidationError(
            {"body": [_("The body and the document belong to different municipalities.")]}
        )
    try:
        with transaction.atomic():
            link = BodyDocument.objects.create(
                municipality_id=document.municipality_id, body=body, document=document
            )
            audit_create(actor=_actor(actor), instance=link)
    except IntegrityError:
        raise ValidationError(
            {"body": [_("%(body)s is already linked to this document.") % {"body": body.name}]}
        ) from None
    return link


def body_document_unlink(*, actor: Any, link: BodyDocument) -> None:
    """Remove the link between a body and a document (the document stays)."""
    with transaction.atomic():
        audit_delete(actor=_actor(actor), instance=link)
        link.delete()
