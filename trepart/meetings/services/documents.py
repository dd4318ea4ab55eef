"""An item's documents: a paper added, a new version of one; after publication each goes to
every member at once, marked as late."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.meetings.models import AgendaItem, Document, DocumentVersion, Meeting
from trepart.meetings.services._common import auditable, require_not_cancelled
from trepart.meetings.services.notices import notify_late_document
from trepart.platform.files.content import uploads_check


def _store_version(*, actor: Any, document: Document, upload: Any, number: int) -> DocumentVersion:
    checked = uploads_check([upload])[0]
    version = DocumentVersion(
        municipality_id=document.municipality_id,
        document=document,
        number=number,
        uploaded_by=auditable(actor),
    )
    version.store(checked)
    version.save()
    audit_create(actor=auditable(actor), instance=version)
    return version


def _check_exemption(title: str, exempt: bool, legal_basis: str) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the document a title.")]
    if exempt and not legal_basis:
        errors["legal_basis"] = [_("Choose the legal basis for exempting the document.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def document_add(
    *,
    actor: Any,
    item: AgendaItem,
    title: str,
    upload: Any,
    exempt: bool = False,
    legal_basis: str = "",
) -> Document:
    """Attach a paper to an item. After publication it goes to every member at once, marked
    as late, and each member is told."""
    _check_exemption(title, exempt, legal_basis)
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    require_not_cancelled(meeting)
    now = timezone.now()
    document = Document.objects.create(
        municipality_id=item.municipality_id,
        item=item,
        title=title.strip(),
        exempt=exempt,
        legal_basis=legal_basis if exempt else "",
        released_at=now if meeting.is_published else None,
        late=meeting.is_published,
    )
    _store_version(actor=actor, document=document, upload=upload, number=1)
    audit_create(actor=auditable(actor), instance=document)
    if meeting.is_published:
        transaction.on_commit(lambda: notify_late_document(document_id=document.pk))
    return document


@transaction.atomic
def document_revise(*, actor: Any, document: Document, upload: Any) -> DocumentVersion:
    """A new version of a paper; after publication it is released at once, marked as late."""
    current = Document.objects.select_for_update().get(pk=document.pk)
    meeting = current.item.meeting
    require_not_cancelled(meeting)
    number = (current.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = _store_version(actor=actor, document=current, upload=upload, number=number)
    if meeting.is_published:
        with versioned_edit(current, actor=auditable(actor), version=None) as released:
            released.released_at = timezone.now()
            released.late = True
        transaction.on_commit(lambda: notify_late_document(document_id=current.pk))
    return version
