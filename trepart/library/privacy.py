"""Who sees what of the library: the one place every page, API answer and feed reads through.

The municipality's signed-in people read every approved version of its documents, public
or internal. A visitor (or someone of another municipality) reads only the approved
versions marked public; a document without one is not there for them (404). Drafts are
read by those who edit the library: the municipality's administrators, the members of the
municipality's tripartite bodies and the members of a body the document governs.
Employees are not named on public pages (politicians, who hold public office, are).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from trepart.library.models import BodyDocument, Document, DocumentVersion
from trepart.organisation.models import Body, Membership, Person
from trepart.organisation.selectors import active_q, today
from trepart.platform.tenancy import is_municipal_admin

DRAFT = DocumentVersion.Status.DRAFT


def _insider(user: Any, municipality_id: int) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.municipality_id == municipality_id
    )


def _person_id(user: Any) -> int | None:
    if not getattr(user, "is_authenticated", False):
        return None
    person = getattr(user, "person", None)
    return person.pk if person is not None else None


def public_version_q(prefix: str = "") -> Q:
    """Versions anyone may read: approved (in force, coming or superseded) and public."""
    return Q(**{f"{prefix}is_public": True}) & ~Q(**{f"{prefix}status": DRAFT})


def reads_internal(user: Any, document: Document) -> bool:
    """The municipality's own signed-in people read its internal versions."""
    return _insider(user, document.municipality_id)


def can_edit_library(user: Any, municipality_id: int | None) -> bool:
    """Creates documents and proposes versions: administrators and the members of the
    municipality's tripartite bodies (where the documents are agreed)."""
    if municipality_id is None or not _insider(user, municipality_id):
        return False
    if is_municipal_admin(user):
        return True
    person_id = _person_id(user)
    return (
        person_id is not None
        and Membership.objects.filter(
            active_q(today()),
            person_id=person_id,
            body__municipality_id=municipality_id,
            body__kind=Body.Kind.TRIPARTITE,
        ).exists()
    )


def can_edit(user: Any, document: Document) -> bool:
    """Edits ``document`` and its drafts: library editors and the members of the bodies the
    document governs (an LMU edits its own mandate)."""
    if can_edit_library(user, document.municipality_id):
        return True
    person_id = _person_id(user)
    if person_id is None or not _insider(user, document.municipality_id):
        return False
    governed = BodyDocument.objects.filter(document=document).values("body_id")
    return Membership.objects.filter(
        active_q(today()), person_id=person_id, body_id__in=governed
    ).exists()


def visible_versions(user: Any, document: Document) -> QuerySet[DocumentVersion]:
    """The versions of ``document`` the user may read."""
    versions = DocumentVersion.objects.filter(document=document)
    if reads_internal(user, document):
        return versions if can_edit(user, document) else versions.exclude(status=DRAFT)
    return versions.filter(public_version_q())


def can_open(user: Any, document: Document) -> bool:
    """The document's page (and API answer) exists for the user: a visitor needs a public
    approved version."""
    if reads_internal(user, document):
        return True
    return DocumentVersion.objects.filter(public_version_q(), document=document).exists()


def can_read_version(user: Any, version: DocumentVersion) -> bool:
    if version.status == DRAFT:
        return reads_internal(user, version.document) and can_edit(user, version.document)
    return version.is_public or reads_internal(user, version.document)


def visible_documents(user: Any, *, municipality_id: int | None = None) -> QuerySet[Document]:
    """Documents the user may open: all of their own municipality's; for a visitor, the
    documents of the municipality being browsed that have a public approved version."""
    own = getattr(user, "is_authenticated", False) and user.municipality_id is not None
    if own and municipality_id in (None, user.municipality_id):
        return Document.objects.for_user(user)
    if municipality_id is None:
        return Document.objects.none()
    public = DocumentVersion.objects.filter(
        public_version_q(), municipality_id=municipality_id
    ).values("document_id")
    return Document.objects.filter(municipality_id=municipality_id, pk__in=public)


def versions_q(user: Any, *, municipality_id: int, editor: bool) -> Q:
    """The versions of a municipality's documents the user reads, for prefetching lists
    (``editor``: ``can_edit_library``; drafts of the documents a body governs are left to
    the document's page)."""
    if _insider(user, municipality_id):
        return Q() if editor else ~Q(status=DRAFT)
    return public_version_q()


def item_versions(
    user: Any, *, municipality_id: int, items: Iterable[Any]
) -> QuerySet[DocumentVersion]:
    """The approved versions the reader may see on a meeting's agenda items, as the panel
    under each item lists them. ``items`` are the meetings app's views of the items
    (``pk``, ``masked``): whether an item is seen at all is the meetings app's decision, and
    a closed item masked for this reader shows nothing of the library either. The
    municipality's signed-in people see internal versions; anyone else only public ones."""
    item_ids = [item.pk for item in items if not item.masked]
    versions = DocumentVersion.objects.filter(
        municipality_id=municipality_id, approved_item_id__in=item_ids
    ).exclude(status=DRAFT)
    if _insider(user, municipality_id):
        return versions
    return versions.filter(public_version_q())


def shown_name(person: Person | None, *, internal: bool) -> str:
    """A proposer's name as the page may show it."""
    if person is None:
        return ""
    if internal or person.kind == Person.Kind.POLITICIAN:
        return f"{person.first_name} {person.last_name}"
    return ""
