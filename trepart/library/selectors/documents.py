"""Reads for the library's pages and API: the list, a document's page, the comparison of
two versions, the documents governing a body and the versions approved on a meeting's
agenda items. Every read goes through ``privacy``, and
each makes a fixed number of queries however many documents and versions there are."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from trepart.library import privacy
from trepart.library.diff import Comparison, texts_compare
from trepart.library.models import BodyDocument, Document, DocumentVersion
from trepart.meetings.models import Meeting
from trepart.organisation.models import Body
from trepart.organisation.selectors import today

Status = DocumentVersion.Status


def current_version(
    versions: Iterable[DocumentVersion], *, day: datetime.date
) -> DocumentVersion | None:
    """The version in force on ``day``: the approved one with the latest ``applies_from``
    on or before it (the highest number if two apply from the same day)."""
    in_force = [
        v
        for v in versions
        if v.status != Status.DRAFT and v.applies_from is not None and v.applies_from <= day
    ]
    return max(in_force, key=lambda v: (v.applies_from, v.number), default=None)


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    current: DocumentVersion | None
    versions: int
    drafts: int


def _versions(qs: QuerySet[DocumentVersion]) -> QuerySet[DocumentVersion]:
    return qs.select_related(
        "proposed_by", "approved_by", "approved_item__meeting", "file"
    ).order_by("-number")


def document_rows(
    *, user: Any, documents: Iterable[Document], municipality_id: int
) -> list[DocumentRow]:
    """Each document (a page of a list) with the versions the user reads: one query for
    all their versions."""
    documents = list(documents)
    editor = privacy.can_edit_library(user, municipality_id)
    shown = DocumentVersion.objects.filter(
        privacy.versions_q(user, municipality_id=municipality_id, editor=editor)
    ).only("pk", "document_id", "number", "status", "applies_from", "is_public")
    prefetch_related_objects(documents, Prefetch("versions", queryset=shown))
    day = today()
    rows = []
    for document in documents:
        versions = list(document.versions.all())
        rows.append(
            DocumentRow(
                document=document,
                current=current_version(versions, day=day),
                versions=sum(1 for v in versions if v.status != Status.DRAFT),
                drafts=sum(1 for v in versions if v.status == Status.DRAFT),
            )
        )
    return rows


def documents_visible(
    *, user: Any, municipality_id: int | None, kind: str = ""
) -> QuerySet[Document]:
    """The documents the user may open, by kind and title (a visitor names the
    municipality with ``municipality_id``); page it, then ``document_rows``."""
    documents = privacy.visible_documents(user, municipality_id=municipality_id)
    if kind:
        documents = documents.filter(kind=kind)
    return documents.order_by("kind", "title", "pk")


def document_list(*, user: Any, municipality_id: int | None, kind: str = "") -> list[DocumentRow]:
    """Every document the user may open, with the version in force for them."""
    owner = municipality_id or getattr(user, "municipality_id", None)
    if owner is None:
        return []
    documents = documents_visible(user=user, municipality_id=municipality_id, kind=kind)
    return document_rows(user=user, documents=documents, municipality_id=owner)


@dataclass(frozen=True)
class DocumentPage:
    document: Document
    versions: list[DocumentVersion]
    current: DocumentVersion | None
    upcoming: list[DocumentVersion]
    internal: bool
    can_edit: bool
    links: list[BodyDocument] = field(default_factory=list)
    proposers: dict[int, str] = field(default_factory=dict)


def document_page(*, user: Any, document: Document) -> DocumentPage:
    """A document with the versions the user may read, newest first."""
    internal = privacy.reads_internal(user, document)
    versions = list(_versions(privacy.visible_versions(user, document)))
    day = today()
    links = list(
        BodyDocument.objects.filter(document=document)
        .select_related("body")
        .order_by("body__name", "pk")
    )
    return DocumentPage(
        document=document,
        versions=versions,
        current=current_version(versions, day=day),
        upcoming=[
            v
            for v in versions
            if v.status != Status.DRAFT and v.applies_from is not None and v.applies_from > day
        ],
        internal=internal,
        can_edit=privacy.can_edit(user, document),
        links=links,
        proposers={v.pk: privacy.shown_name(v.proposed_by, internal=internal) for v in versions},
    )


def version_comparison(*, old: DocumentVersion, new: DocumentVersion) -> Comparison:
    """The text of ``old`` against ``new``."""
    return texts_compare(old.text, new.text)


def body_documents(*, user: Any, body: Body) -> list[DocumentRow]:
    """The documents governing ``body`` that the user may open, with the one in force."""
    linked = BodyDocument.objects.filter(body=body).values("document_id")
    documents = privacy.visible_documents(user, municipality_id=body.municipality_id).filter(
        pk__in=linked
    )
    return document_rows(user=user, documents=documents, municipality_id=body.municipality_id)


def item_versions(
    *, user: Any, meeting: Meeting, items: Iterable[Any]
) -> dict[int, list[DocumentVersion]]:
    """The versions approved on ``meeting``'s agenda ``items`` that the user may see, by item
    id, each with its document (one query)."""
    rows = (
        privacy.item_versions(user, municipality_id=meeting.municipality_id, items=items)
        .select_related("document")
        .order_by("document__title", "document_id", "number")
    )
    found: dict[int, list[DocumentVersion]] = {}
    for row in rows:
        if row.approved_item_id is not None:
            found.setdefault(row.approved_item_id, []).append(row)
    return found
