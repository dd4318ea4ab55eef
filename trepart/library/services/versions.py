"""A document's versions: a draft is proposed and edited, then approved by a body on a
meeting item from a date. An approved version is never changed; a change is a new draft.
Once a newer approved version is in force, the older ones are marked superseded (at
approval, and by the daily duty for versions that come into force later)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_delete
from trepart.audit.writes import row_lock, versioned_edit
from trepart.library.models import Document, DocumentVersion, VersionFile
from trepart.meetings.models import AgendaItem
from trepart.organisation.models import Body, Person
from trepart.organisation.selectors import today
from trepart.platform.files.content import CheckedFile, FileKind, uploads_check

Status = DocumentVersion.Status


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _checked_file(upload: Any) -> CheckedFile | None:
    """The upload checked as a PDF by its content, before anything is written."""
    if upload is None:
        return None
    try:
        return uploads_check([upload], kinds={FileKind.PDF})[0]
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None


def _check_text(text: str, proposed_by: Person | None, document: Document) -> None:
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = [_("Write the version's text.")]
    if proposed_by is not None and proposed_by.municipality_id != document.municipality_id:
        errors["proposed_by"] = [_("Choose a person of the municipality.")]
    if errors:
        raise ValidationError(errors)


def _store_file(*, actor: Any, version: DocumentVersion, checked: CheckedFile) -> None:
    old = VersionFile.objects.filter(document_version=version).first()
    if old is not None:
        audit_delete(actor=_actor(actor), instance=old)
        old.delete()
    stored = VersionFile(municipality_id=version.municipality_id, document_version=version)
    stored.store(checked)
    stored.save()
    audit_create(actor=_actor(actor), instance=stored)


def version_draft(
    *,
    actor: Any,
    document: Document,
    text: str,
    change_note: str = "",
    proposed_by: Person | None = None,
    is_public: bool = False,
    upload: Any = None,
) -> DocumentVersion:
    """Propose a new version of ``document`` as a draft, numbered after the last one."""
    _check_text(text, proposed_by, document)
    checked = _checked_file(upload)
    with transaction.atomic():
        # The document's row is locked so two drafts made at once get different numbers.
        row_lock(document, version=None)
        last = document.versions.aggregate(last=Max("number"))["last"] or 0
        version = DocumentVersion.objects.create(
            municipality_id=document.municipality_id,
            document=document,
            number=last + 1,
            text=text.strip(),
            change_note=change_note.strip(),
            proposed_by=proposed_by,
            is_public=is_public,
        )
        audit_create(actor=_actor(actor), instance=version)
        if checked is not None:
            _store_file(actor=actor, version=version, checked=checked)
    return version


def _refuse_unless_draft(row: DocumentVersion) -> None:
    if row.status != Status.DRAFT:
        raise ValidationError(
            _("Version %(number)s is approved and cannot be changed. Make a new version instead.")
            % {"number": row.number},
            code="approved",
        )


def version_edit(
    *,
    actor: Any,
    document_version: DocumentVersion,
    version: int | None,
    text: str,
    change_note: str,
    proposed_by: Person | None,
    is_public: bool,
    upload: Any = None,
) -> DocumentVersion:
    """Change a draft (refused if someone saved it since it was opened, or if approved)."""
    _check_text(text, proposed_by, document_version.document)
    checked = _checked_file(upload)
    changes = {
        "text": text.strip(),
        "change_note": change_note.strip(),
        "proposed_by": proposed_by,
        "is_public": is_public,
    }
    with versioned_edit(
        document_version, actor=_actor(actor), version=version, changes=changes
    ) as row:
        _refuse_unless_draft(row)
        if checked is not None:
            _store_file(actor=actor, version=row, checked=checked)
    return row


def _check_approval(
    row: DocumentVersion, *, body: Body, item: AgendaItem | None, applies_from: Any
) -> None:
    errors: dict[str, list[str]] = {}
    if body.municipality_id != row.municipality_id:
        errors["body"] = [_("Choose a body of the municipality.")]
    if item is not None and item.body_id != body.pk:
        errors["item"] = [_("The meeting item must be one of the approving body's items.")]
    if applies_from is None:
        errors["applies_from"] = [_("Give the date the version applies from.")]
    else:
        latest = (
            DocumentVersion.objects.filter(document_id=row.document_id)
            .exclude(status=Status.DRAFT)
            .aggregate(latest=Max("applies_from"))["latest"]
        )
        if latest is not None and applies_from < latest:
            errors["applies_from"] = [
                _(
                    "An earlier version applies from %(date)s; a new version cannot apply "
                    "from before that."
                )
                % {"date": latest.strftime("%d.%m.%Y")}
            ]
    if errors:
        raise ValidationError(errors)


def version_approve(
    *,
    actor: Any,
    document_version: DocumentVersion,
    version: int | None,
    body: Body,
    item: AgendaItem | None,
    approved_on: datetime.date,
    applies_from: datetime.date | None,
) -> DocumentVersion:
    """Record that ``body`` approved the draft (on ``item``) to apply from a date."""
    with transaction.atomic():
        with versioned_edit(document_version, actor=_actor(actor), version=version) as row:
            _refuse_unless_draft(row)
            _check_approval(row, body=body, item=item, applies_from=applies_from)
            row.status = Status.APPROVED
            row.approved_by = body
            row.approved_item = item
            row.approved_on = approved_on
            row.applies_from = applies_from
        _supersede(actor=actor, document_ids=[row.document_id], day=today())
    return row


def _supersede(*, actor: Any, document_ids: Iterable[int] | None, day: datetime.date) -> int:
    """Mark superseded every approved version older than the one in force on ``day``."""
    approved = DocumentVersion.objects.filter(status=Status.APPROVED, applies_from__lte=day)
    if document_ids is not None:
        approved = approved.filter(document_id__in=list(document_ids))
    in_force: dict[int, DocumentVersion] = {}
    older: list[DocumentVersion] = []
    for row in approved.order_by("document_id", "-applies_from", "-number"):
        if row.document_id in in_force:
            older.append(row)
        else:
            in_force[row.document_id] = row
    for row in older:
        with versioned_edit(
            row, actor=_actor(actor), version=None, changes={"status": Status.SUPERSEDED}
        ):
            pass
    return len(older)


def versions_supersede(day: datetime.date) -> dict[str, int]:
    """Daily duty: versions replaced by one that came into force are marked superseded."""
    with transaction.atomic():
        count = _supersede(actor=None, document_ids=None, day=day)
    return {"superseded": count}
