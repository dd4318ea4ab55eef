"""The agenda as each reader may see it, and what is drafted from it (minutes, access log).

``agenda`` with ``internal=False`` is the one place where a closed item is reduced to its
number and a neutral title, so pages, PDFs, feeds and the API cannot disagree about what is
public.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Prefetch, QuerySet

from trepart.meetings import permissions
from trepart.meetings.models import (
    AgendaItem,
    Attendance,
    Document,
    DocumentAccess,
    DocumentVersion,
    FollowUp,
    LegalBasis,
    Meeting,
    Minutes,
)
from trepart.organisation.models import Membership, Person
from trepart.organisation.selectors import active_q


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
class ItemView:
    pk: int
    case_number: str
    position: int
    kind: str
    kind_label: str
    title: str
    closed: bool
    legal_basis: str
    legal_basis_label: str
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


def _basis_label(value: str) -> str:
    return str(LegalBasis(value).label) if value else ""


def _documents(item: AgendaItem, *, internal: bool, drafts: bool) -> list[DocumentView]:
    shown = []
    for document in item.documents.all():
        if document.released_at is None and not drafts:
            continue
        versions = list(document.versions.all())
        newest = versions[-1] if versions else None
        if not internal and document.exempt:
            shown.append(
                DocumentView(
                    pk=document.pk,
                    title=str(
                        AgendaItem(closed=True, legal_basis=document.legal_basis).public_title
                    ),
                    exempt=True,
                    late=document.late,
                    released_at=document.released_at,
                    version_id=None,
                    version_number=0,
                    file_name="",
                    size=0,
                    content_type="",
                    readable=False,
                )
            )
            continue
        shown.append(
            DocumentView(
                pk=document.pk,
                title=document.title,
                exempt=document.exempt,
                late=document.late,
                released_at=document.released_at,
                version_id=newest.pk if newest else None,
                version_number=newest.number if newest else 0,
                file_name=newest.name if newest else "",
                size=newest.size if newest else 0,
                content_type=newest.content_type if newest else "",
                readable=newest is not None,
            )
        )
    return shown


def _item_view(item: AgendaItem, *, internal: bool, drafts: bool) -> ItemView:
    hidden = item.closed and not internal
    officer = item.case_officer.full_name if item.case_officer and not hidden else ""
    return ItemView(
        pk=item.pk,
        case_number=item.case_number,
        position=item.position,
        kind=item.kind,
        kind_label=str(item.get_kind_display()),
        title=item.public_title if hidden else item.title,
        closed=item.closed,
        legal_basis=item.legal_basis,
        legal_basis_label=_basis_label(item.legal_basis),
        description="" if hidden else item.description,
        case_officer=officer,
        added_late=item.added_late,
        outcome=item.outcome,
        outcome_label=str(item.get_outcome_display()) if item.outcome else "",
        outcome_text="" if hidden else item.outcome_text,
        discussion="" if hidden else item.discussion,
        snapshot=None if hidden else item.snapshot,
        version=item.version,
        documents=[] if hidden else _documents(item, internal=internal, drafts=drafts),
        stands=[]
        if hidden
        else [
            StandView(
                party=s.party,
                party_label=str(s.get_party_display()),
                stance=s.stance,
                stance_label=str(s.get_stance_display()),
                statement=s.statement,
            )
            for s in item.stands.all()
        ],
        motions=[]
        if hidden
        else [
            MotionView(
                tabled_by=m.tabled_by,
                text=m.text,
                votes_for=m.votes_for,
                votes_against=m.votes_against,
                adopted=m.adopted,
            )
            for m in item.motions.all()
        ],
        proposals=[]
        if hidden
        else [
            ProposalView(
                pk=p.pk, title=p.title, status=p.status, status_label=str(p.get_status_display())
            )
            for p in item.proposals.all()
        ],
    )


def agenda_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    return (
        meeting.items.select_related("case_officer")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=Document.objects.order_by("created_at", "pk").prefetch_related(
                    Prefetch("versions", queryset=DocumentVersion.objects.order_by("number"))
                ),
            ),
            "stands",
            "motions",
            "proposals",
        )
        .order_by("position", "pk")
    )


def agenda(meeting: Meeting, *, internal: bool, drafts: bool = False) -> list[ItemView]:
    """The agenda for a reader. ``internal``: a member after publication, or whoever
    prepares the meeting; ``drafts``: include documents not yet released (preparers)."""
    return [_item_view(item, internal=internal, drafts=drafts) for item in agenda_items(meeting)]


def agenda_for(user: Any, meeting: Meeting) -> list[ItemView]:
    return agenda(
        meeting,
        internal=permissions.can_see_internal(user, meeting),
        drafts=permissions.can_prepare(user, meeting.body),
    )


def minutes_of(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).prefetch_related("approvals__person").first()


def attendance_of(meeting: Meeting) -> list[Attendance]:
    return list(
        meeting.attendance.select_related("person", "substitute_for", "membership").order_by(
            "party", "person__last_name", "person__first_name"
        )
    )


def people_for_attendance(meeting: Meeting) -> list[Membership]:
    """Every seat held on the meeting day, deputies included, by party."""
    return list(
        Membership.objects.filter(active_q(meeting.starts_at.date()), body_id=meeting.body_id)
        .select_related("person")
        .order_by("party", "role", "person__last_name", "person__first_name")
    )


@dataclass(frozen=True)
class AccessRow:
    person: Person
    party: str
    opened: dict[int, datetime.datetime]  # document id -> first opened
    times: dict[int, int]  # document id -> how many times


def access_log(meeting: Meeting) -> tuple[list[Document], list[AccessRow]]:
    """Each member against each released document: when they first opened it."""
    documents = list(
        Document.objects.filter(item__meeting=meeting, released_at__isnull=False).order_by(
            "item__position", "created_at", "pk"
        )
    )
    seats = (
        Membership.objects.filter(active_q(meeting.starts_at.date()), body_id=meeting.body_id)
        .select_related("person")
        .order_by("party", "person__last_name", "person__first_name")
    )
    opened: dict[int, dict[int, datetime.datetime]] = defaultdict(dict)
    times: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        DocumentAccess.objects.filter(document__in=[d.pk for d in documents])
        .values("user_id", "document_id")
        .annotate(first=Min("opened_at"), times=Count("pk"))
    ):
        opened[row["user_id"]][row["document_id"]] = row["first"]
        times[row["user_id"]][row["document_id"]] = row["times"]
    rows = []
    seen: set[int] = set()
    for seat in seats:
        if seat.person_id in seen:
            continue
        seen.add(seat.person_id)
        user_id = seat.person.user_id
        rows.append(
            AccessRow(
                person=seat.person,
                party=seat.party,
                opened=opened.get(user_id, {}) if user_id else {},
                times=times.get(user_id, {}) if user_id else {},
            )
        )
    return documents, rows


def minutes_parts(meeting: Meeting, *, internal: bool) -> dict[str, Any]:
    """Everything the minutes' body shows (``meetings/partials/_minutes_body.html``):
    the items through ``agenda`` so a closed item stays masked for outsiders, attendance,
    the minutes and the follow-up actions of the items the reader may see."""
    items = agenda(meeting, internal=internal)
    shown = [item.pk for item in items if internal or not item.closed]
    follow_ups = list(
        FollowUp.objects.filter(item_id__in=shown).select_related("owner").order_by("due_on", "pk")
    )
    return {
        "meeting": meeting,
        "items": items,
        "attendance": attendance_of(meeting),
        "minutes": minutes_of(meeting),
        "follow_ups": follow_ups,
        "follow_up_items": {follow_up.item_id for follow_up in follow_ups},
    }
