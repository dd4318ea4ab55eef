"""What a reader may see of an agenda item and of its follow-up actions: the one place.

Every output that shows an item — the meeting page, the minutes (page and PDF), the notice,
the iCal feeds, the follow-up board, the e-mails and the API — reads it through
``item_for`` (or ``item_heading`` where only the number and title are shown), so none of
them can show more of a closed item than another.

``internal`` says whether the reader sees the body's own view of the item's meeting:
``permissions.can_see_internal`` for one reader, ``Reach.internal`` for a list. A reader
without it gets, of a closed item (unntatt offentlighet, kommuneloven § 11-5), its case
number, a neutral title built from the legal basis, and the basis itself — no kind, no
outcome, no case presentation, documents, stands, motions, discussion, case officer or
proposals, and not even whether it came late.

A follow-up action of a closed item is public only as a fact: that an action exists, on
which body, its status column and its due and done dates (the board counts it, so the
body's follow-up record stays complete). Its title, note and owner are the case's: an
outsider reads a neutral sentence in place of the title and no owner. The owner is told
what the action is (they must do it), but reads the item itself as any other reader.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from trepart.meetings.models import AgendaItem, Document, FollowUp, LegalBasis, neutral_title

# The items anyone may find by their words (the public calendar's search).
PUBLIC_ITEMS = Q(closed=False)


@dataclass(frozen=True)
class DocumentView:
    pk: int
    title: str
    exempt: bool
    late: bool
    released_at: datetime.datetime | None
    version_id: int | None
    version_number: int
    file_name: str
    size: int
    content_type: str
    readable: bool  # False: listed (neutrally) but not to be opened by this reader


@dataclass(frozen=True)
class StandView:
    party: str
    party_label: str
    stance: str
    stance_label: str
    statement: str


@dataclass(frozen=True)
class MotionView:
    tabled_by: str
    text: str
    votes_for: int | None
    votes_against: int | None
    adopted: bool | None


@dataclass(frozen=True)
class ProposalView:
    pk: int
    title: str
    status: str
    status_label: str


@dataclass(frozen=True)
class ItemHeading:
    """An item's number and title as the reader may see them (lists, e-mails, the board)."""

    pk: int
    case_number: str
    position: int
    title: str
    closed: bool
    masked: bool  # closed, and this reader sees only the public part
    legal_basis: str
    legal_basis_label: str


@dataclass(frozen=True)
class ShownItem(ItemHeading):
    """The whole item as the reader may see it (agenda, minutes, API)."""

    kind: str
    kind_label: str
    description: str
    case_officer: str
    added_late: bool
    outcome: str
    outcome_label: str
    outcome_text: str
    discussion: str
    snapshot: dict[str, Any] | None
    version: int
    documents: list[DocumentView] = field(default_factory=list)
    stands: list[StandView] = field(default_factory=list)
    motions: list[MotionView] = field(default_factory=list)
    proposals: list[ProposalView] = field(default_factory=list)


def basis_label(value: str) -> str:
    return str(LegalBasis(value).label) if value else ""


def item_heading(item: AgendaItem, *, internal: bool) -> ItemHeading:
    masked = item.closed and not internal
    return ItemHeading(
        pk=item.pk,
        case_number=item.case_number,
        position=item.position,
        title=item.public_title if masked else item.title,
        closed=item.closed,
        masked=masked,
        legal_basis=item.legal_basis,
        legal_basis_label=basis_label(item.legal_basis),
    )


def document_title(document: Document, *, internal: bool) -> str:
    """An exempt document's title is neutral outside the body, as a closed item's is."""
    if document.exempt and not internal:
        return neutral_title(document.legal_basis)
    return document.title


def _documents(item: AgendaItem, *, internal: bool, drafts: bool) -> list[DocumentView]:
    shown = []
    for document in item.documents.all():
        if document.released_at is None and not drafts:
            continue
        versions = list(document.versions.all())
        newest = versions[-1] if versions else None
        readable = newest is not None and (internal or not document.exempt)
        shown.append(
            DocumentView(
                pk=document.pk,
                title=document_title(document, internal=internal),
                exempt=document.exempt,
                late=document.late,
                released_at=document.released_at,
                version_id=newest.pk if newest and readable else None,
                version_number=newest.number if newest and readable else 0,
                file_name=newest.name if newest and readable else "",
                size=newest.size if newest and readable else 0,
                content_type=newest.content_type if newest and readable else "",
                readable=readable,
            )
        )
    return shown


def _masked(heading: ItemHeading) -> ShownItem:
    return ShownItem(
        **vars(heading),
        kind="",
        kind_label="",
        description="",
        case_officer="",
        added_late=False,
        outcome="",
        outcome_label="",
        outcome_text="",
        discussion="",
        snapshot=None,
        version=0,
    )


def item_for(item: AgendaItem, *, internal: bool, drafts: bool = False) -> ShownItem:
    """``item`` as the reader sees it; ``drafts``: documents not yet released are listed
    too (for those preparing the meeting). Expects ``selectors.agenda_items``' prefetches."""
    heading = item_heading(item, internal=internal)
    if heading.masked:
        return _masked(heading)
    return ShownItem(
        **vars(heading),
        kind=item.kind,
        kind_label=str(item.get_kind_display()),
        description=item.description,
        case_officer=item.case_officer.full_name if item.case_officer else "",
        added_late=item.added_late,
        outcome=item.outcome,
        outcome_label=str(item.get_outcome_display()) if item.outcome else "",
        outcome_text=item.outcome_text,
        discussion=item.discussion,
        snapshot=item.snapshot,
        version=item.version,
        documents=_documents(item, internal=internal, drafts=drafts),
        stands=[
            StandView(
                party=s.party,
                party_label=str(s.get_party_display()),
                stance=s.stance,
                stance_label=str(s.get_stance_display()),
                statement=s.statement,
            )
            for s in item.stands.all()
        ],
        motions=[
            MotionView(
                tabled_by=m.tabled_by,
                text=m.text,
                votes_for=m.votes_for,
                votes_against=m.votes_against,
                adopted=m.adopted,
            )
            for m in item.motions.all()
        ],
        proposals=[
            ProposalView(
                pk=p.pk, title=p.title, status=p.status, status_label=str(p.get_status_display())
            )
            for p in item.proposals.all()
        ],
    )


@dataclass(frozen=True)
class ShownFollowUp:
    """A follow-up action as the reader may see it (see the module's docstring)."""

    pk: int
    title: str
    owner: str
    note: str
    status: str
    due_on: datetime.date
    done_on: datetime.date | None
    body_name: str
    item: ItemHeading | None
    masked: bool


def follow_up_for(
    action: FollowUp, *, internal: bool, reader_person_id: int | None
) -> ShownFollowUp:
    """``action`` for a reader. ``internal``: the reader sees the meeting of the action's
    item from inside (``Reach.internal``); an action on no item is shown whole. Expects
    ``owner``, ``body`` and ``item`` loaded."""
    item = action.item
    heading = item_heading(item, internal=internal) if item is not None else None
    masked = heading is not None and heading.masked and action.owner_id != reader_person_id
    return ShownFollowUp(
        pk=action.pk,
        title=_("An action on an item exempt from public access") if masked else action.title,
        owner="" if masked else action.owner.full_name,
        note="" if masked else action.note,
        status=action.status,
        due_on=action.due_on,
        done_on=action.done_on,
        body_name=action.body.name,
        item=heading,
        masked=masked,
    )
