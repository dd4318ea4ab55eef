"""Reads for meetings. Whatever leaves the building goes through ``agenda`` with
``internal=False``: it is the one place where a closed item is reduced to its number and a
neutral title, so pages, PDFs, feeds and the API cannot disagree about what is public.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from trepart.meetings import permissions
from trepart.meetings.models import (
    OPEN_FOLLOW_UP,
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
from trepart.organisation.models import Body, Membership, Person
from trepart.organisation.selectors import active_q, today


def meeting_queryset(*, municipality_id: int) -> QuerySet[Meeting]:
    return Meeting.objects.filter(municipality_id=municipality_id).select_related("body")


def public_meetings(*, municipality_id: int) -> QuerySet[Meeting]:
    """Open meetings whose agenda is out: what the portal, feeds and outsiders may list."""
    return (
        meeting_queryset(municipality_id=municipality_id)
        .filter(is_open=True, published_at__isnull=False)
        .exclude(status=Meeting.Status.CANCELLED)
    )


def meeting_get(*, user: Any, pk: int) -> Meeting:
    """The meeting if ``user`` may see it (anyone may see a public one), else 404."""
    meeting = Meeting.objects.select_related("body", "municipality").filter(pk=pk).first()
    if meeting is None or not permissions.can_view_meeting(user, meeting):
        raise Http404
    return meeting


def calendar(
    *,
    municipality_id: int,
    start: datetime.date,
    end: datetime.date,
    body_id: int | None = None,
    public: bool = True,
) -> QuerySet[Meeting]:
    """Meetings between ``start`` and ``end`` (local days, both included)."""
    rows = (
        public_meetings(municipality_id=municipality_id)
        if public
        else meeting_queryset(municipality_id=municipality_id)
    )
    if body_id is not None:
        rows = rows.filter(body_id=body_id)
    zone = timezone.get_current_timezone()
    after = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    before = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return rows.filter(starts_at__gte=after, starts_at__lt=before).order_by("starts_at", "pk")


def meetings_of_person(
    *,
    person: Person,
    start: datetime.date,
    before: datetime.datetime | None = None,
    cancelled: bool = False,
) -> QuerySet[Meeting]:
    """Meetings of the bodies a person sits in (for their own calendar feed), from ``start``
    (and, given ``before``, starting before that moment); ``cancelled`` keeps cancelled ones."""
    body_ids = Membership.objects.filter(active_q(today()), person=person).values("body_id")
    zone = timezone.get_current_timezone()
    after = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    rows = meeting_queryset(municipality_id=person.municipality_id).filter(
        body_id__in=body_ids, starts_at__gte=after
    )
    if before is not None:
        rows = rows.filter(starts_at__lt=before)
    if not cancelled:
        rows = rows.exclude(status=Meeting.Status.CANCELLED)
    return rows.order_by("starts_at", "pk")


def portal_calendar(
    *,
    municipality_id: int,
    start: datetime.date,
    end: datetime.date,
    body_id: int | None = None,
    search: str = "",
) -> QuerySet[Meeting]:
    """The public calendar, each meeting with ``minutes_published``. ``search`` matches
    body names and the titles of open items only: a closed item's real title is never
    searched, so a hit cannot confirm a guess at it."""
    rows = calendar(municipality_id=municipality_id, start=start, end=end, body_id=body_id)
    if search:
        # SQLite compares only ASCII letters without case: "ærfugl" finds "Ærfugl" through
        # the spellings a word is usually written in.
        spellings = {search, search.lower(), search.capitalize(), search.upper()}
        titles, names = Q(), Q()
        for spelling in spellings:
            titles |= Q(title__icontains=spelling)
            names |= Q(body__name__icontains=spelling)
        public_items = AgendaItem.objects.filter(titles, closed=False)
        rows = rows.filter(Q(pk__in=public_items.values("meeting_id")) | names)
    published = Minutes.objects.filter(meeting=OuterRef("pk"), status=Minutes.Status.PUBLISHED)
    return rows.annotate(minutes_published=Exists(published))


def public_feed(*, body: Body, start: datetime.date) -> QuerySet[Meeting]:
    """A body's open meetings with a published agenda, from ``start``, for its public iCal
    feed; cancelled ones stay in so a subscriber's calendar shows the cancellation."""
    zone = timezone.get_current_timezone()
    after = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    return (
        meeting_queryset(municipality_id=body.municipality_id)
        .filter(body=body, is_open=True, published_at__isnull=False, starts_at__gte=after)
        .order_by("starts_at", "pk")
    )


# ---------------------------------------------------------------------------------------
# The agenda as a reader may see it


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
        meeting.attendance.select_related("person", "substitute_for").order_by(
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


# ---------------------------------------------------------------------------------------
# Equal access


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


# ---------------------------------------------------------------------------------------
# Follow-up


def follow_up_board(
    *,
    municipality_id: int,
    body_id: int | None = None,
    owner_id: int | None = None,
    include_closed: bool = False,
) -> dict[str, list[FollowUp]]:
    """Actions by status column; each has ``is_overdue`` set for today."""
    rows = FollowUp.objects.filter(municipality_id=municipality_id).select_related(
        "owner", "body", "item"
    )
    if body_id is not None:
        rows = rows.filter(body_id=body_id)
    if owner_id is not None:
        rows = rows.filter(owner_id=owner_id)
    if not include_closed:
        day = today()
        rows = rows.filter(
            Q(status__in=OPEN_FOLLOW_UP)
            | Q(status=FollowUp.Status.DONE, done_on__gte=day - datetime.timedelta(days=30))
        )
    board: dict[str, list[FollowUp]] = {status: [] for status in FollowUp.Status.values}
    day = today()
    for follow_up in rows.order_by("due_on", "pk")[:2000]:
        follow_up.is_overdue = (  # type: ignore[attr-defined]
            follow_up.status in OPEN_FOLLOW_UP and follow_up.due_on < day
        )
        board[follow_up.status].append(follow_up)
    return board


def bodies_with_meetings(*, municipality_id: int) -> QuerySet[Body]:
    return Body.objects.filter(municipality_id=municipality_id).order_by("name")


# ---------------------------------------------------------------------------------------
# Many meetings for one reader (the API's list)


@dataclass(frozen=True)
class Reach:
    """The bodies whose meetings a user sees beyond the public ones, read once, so a list
    of meetings asks ``permissions.can_see_internal`` of each without a query per row."""

    municipality_id: int | None
    admin: bool
    prepares: frozenset[int]
    sits_in: frozenset[int]

    def internal(self, meeting: Meeting) -> bool:
        """The same answer as ``permissions.can_see_internal`` for this user."""
        if meeting.municipality_id != self.municipality_id:
            return False
        if self.admin or meeting.body_id in self.prepares:
            return True
        return meeting.is_published and meeting.body_id in self.sits_in


def reach_of(user: Any) -> Reach:
    from trepart.organisation.permissions import is_municipal_admin

    municipality_id = getattr(user, "municipality_id", None)
    if not getattr(user, "is_authenticated", False) or municipality_id is None:
        return Reach(None, False, frozenset(), frozenset())
    person_id = permissions.person_id_of(user)
    seats = (
        list(
            Membership.objects.filter(
                active_q(today()), person_id=person_id, municipality_id=municipality_id
            ).values_list("body_id", "role")
        )
        if person_id
        else []
    )
    return Reach(
        municipality_id=municipality_id,
        admin=is_municipal_admin(user),
        prepares=frozenset(b for b, role in seats if role in ("CHAIR", "SECRETARY")),
        sits_in=frozenset(b for b, _role in seats),
    )


def meetings_visible(*, reach: Reach, municipality_id: int) -> QuerySet[Meeting]:
    """The meetings of ``municipality_id`` a reader may list: the public ones, and for the
    municipality's own people those of their bodies (all of them for administrators), as
    ``permissions.can_view_meeting`` decides for one."""
    public = Q(is_open=True, published_at__isnull=False) & ~Q(status=Meeting.Status.CANCELLED)
    rows = meeting_queryset(municipality_id=municipality_id)
    if reach.municipality_id != municipality_id:
        return rows.filter(public)
    if reach.admin:
        return rows
    return rows.filter(public | Q(body_id__in=reach.prepares | reach.sits_in))


# ---------------------------------------------------------------------------------------
# The follow-up board, column by column


FOLLOW_UP_COLUMNS = (FollowUp.Status.OPEN, FollowUp.Status.IN_PROGRESS, FollowUp.Status.DONE)
DONE_SHOWN_DAYS = 30


def follow_up_rows(
    *, municipality_id: int, body_id: int | None = None, owner_id: int | None = None
) -> QuerySet[FollowUp]:
    """What the board holds: open actions, and those done in the last 30 days."""
    day = today()
    rows = FollowUp.objects.filter(municipality_id=municipality_id).filter(
        Q(status__in=OPEN_FOLLOW_UP)
        | Q(status=FollowUp.Status.DONE, done_on__gte=day - datetime.timedelta(DONE_SHOWN_DAYS))
    )
    if body_id is not None:
        rows = rows.filter(body_id=body_id)
    if owner_id is not None:
        rows = rows.filter(owner_id=owner_id)
    return rows


def follow_up_counts(rows: QuerySet[FollowUp]) -> dict[str, int]:
    """How many in each column, and how many are past their due date, in one query."""
    day = today()
    return rows.aggregate(
        OPEN=Count("pk", filter=Q(status=FollowUp.Status.OPEN)),
        IN_PROGRESS=Count("pk", filter=Q(status=FollowUp.Status.IN_PROGRESS)),
        DONE=Count("pk", filter=Q(status=FollowUp.Status.DONE)),
        overdue=Count("pk", filter=Q(status__in=OPEN_FOLLOW_UP, due_on__lt=day)),
    )


def follow_up_column(rows: QuerySet[FollowUp], status: str) -> QuerySet[FollowUp]:
    """One column, soonest due first (the most recently done first for done ones)."""
    order = ("-done_on", "-pk") if status == FollowUp.Status.DONE else ("due_on", "pk")
    return rows.filter(status=status).select_related("owner", "body", "item").order_by(*order)


# ---------------------------------------------------------------------------------------
# The minutes as a reader may see them


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
