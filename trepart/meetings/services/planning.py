"""Before the meeting: the meeting plan, the agenda (saksliste) and its publication.

An item's documents are in documents.py."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.meetings import rules
from trepart.meetings.models import AgendaItem, Document, Meeting
from trepart.meetings.services._common import auditable, require_not_cancelled
from trepart.meetings.services.notices import notify_late, notify_members
from trepart.meetings.services.report import result_report
from trepart.organisation.models import Body, Person
from trepart.proposals import services as proposal_services
from trepart.proposals.models import OPEN_STATUSES, Proposal, Status

MEETING_FIELDS = ("starts_at", "ends_at", "place", "video_url", "is_open")


def _check_times(starts_at: datetime.datetime, ends_at: datetime.datetime | None) -> None:
    if ends_at is not None and ends_at <= starts_at:
        raise ValidationError({"ends_at": [_("The meeting must end after it starts.")]})


def _due(body: Body, starts_at: datetime.datetime) -> datetime.date:
    return rules.release_due_on(timezone.localtime(starts_at).date(), body.agenda_days_before)


@transaction.atomic
def meeting_create(
    *,
    actor: Any,
    body: Body,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    place: str = "",
    video_url: str = "",
    is_open: bool = True,
) -> Meeting:
    """Put a meeting in the body's plan; its agenda is due ``agenda_days_before`` ahead."""
    _check_times(starts_at, ends_at)
    meeting = Meeting.objects.create(
        municipality_id=body.municipality_id,
        body=body,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        video_url=video_url.strip(),
        is_open=is_open,
        release_due_on=_due(body, starts_at),
    )
    audit_create(actor=auditable(actor), instance=meeting)
    return meeting


@transaction.atomic
def meeting_plan(
    *,
    actor: Any,
    body: Body,
    starts: list[datetime.datetime],
    duration: datetime.timedelta | None = None,
    place: str = "",
    video_url: str = "",
    is_open: bool = True,
) -> list[Meeting]:
    """A year's meetings at once (or any series), all with the same place and length."""
    if not starts:
        raise ValidationError(_("The plan has no meetings."), code="empty")
    return [
        meeting_create(
            actor=actor,
            body=body,
            starts_at=start,
            ends_at=start + duration if duration else None,
            place=place,
            video_url=video_url,
            is_open=is_open,
        )
        for start in starts
    ]


@transaction.atomic
def meeting_update(*, actor: Any, meeting: Meeting, version: int, **fields: Any) -> Meeting:
    """Change time, place, video link or openness; a new time moves the agenda's due date."""
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"meeting_update cannot change {sorted(unknown)}")
    with versioned_edit(meeting, actor=auditable(actor), version=version) as current:
        require_not_cancelled(current)
        for name, value in fields.items():
            setattr(current, name, value.strip() if isinstance(value, str) else value)
        _check_times(current.starts_at, current.ends_at)
        if current.status == Meeting.Status.HELD and not rules.has_started(
            current.starts_at, timezone.now()
        ):
            # The calendar would show a meeting still to come as held.
            raise ValidationError(
                {
                    "starts_at": [
                        _("A meeting that has been held cannot be moved to a time to come.")
                    ]
                }
            )
        if not current.is_published and "starts_at" in fields:
            current.release_due_on = _due(current.body, current.starts_at)
    return current


@transaction.atomic
def meeting_cancel(*, actor: Any, meeting: Meeting, version: int) -> Meeting:
    with versioned_edit(meeting, actor=auditable(actor), version=version) as current:
        if current.status == Meeting.Status.HELD:
            raise ValidationError(_("A meeting that has been held cannot be cancelled."))
        current.status = Meeting.Status.CANCELLED
    return current


# ---------------------------------------------------------------------------------------
# Agenda items


def _check_item(
    *, kind: str, title: str, closed: bool, legal_basis: str, meeting: Meeting
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind not in AgendaItem.Kind.values:
        errors["kind"] = [_("Choose what kind of item this is.")]
    if not title.strip():
        errors["title"] = [_("Give the item a title.")]
    problem = rules.closure_problem(closed, legal_basis)
    if problem:
        errors["legal_basis"] = [problem]
    return errors


def _check_proposals(meeting: Meeting, proposals: list[Proposal]) -> None:
    body_id = meeting.body_id
    wrong = [
        p
        for p in proposals
        if p.status not in OPEN_STATUSES
        or (p.body_id != body_id and p.recommendation_body_id != body_id)
    ]
    if wrong:
        raise ValidationError(
            {
                "proposals": [
                    _("“%(title)s” is not an open proposal in this body's inbox.")
                    % {"title": p.title}
                    for p in wrong
                ]
            }
        )


def _take_up(actor: Any, meeting: Meeting, proposals: list[Proposal]) -> None:
    """Putting a new proposal on the agenda is taking it up for consideration."""
    for proposal in proposals:
        if proposal.body_id == meeting.body_id and proposal.status in (
            Status.SUBMITTED,
            Status.ESCALATED,
        ):
            proposal_services.proposal_take_up(actor=actor, proposal=proposal)


@transaction.atomic
def item_add(
    *,
    actor: Any,
    meeting: Meeting,
    kind: str,
    title: str,
    description: str = "",
    case_officer: Person | None = None,
    closed: bool = False,
    legal_basis: str = "",
    proposals: list[Proposal] | None = None,
    snapshot: dict[str, Any] | None = None,
) -> AgendaItem:
    """Add an item with the body's next case number (e.g. 12/26).

    ``snapshot`` freezes an analysis onto the item (see ``trepart.platform.snapshots``).
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_not_cancelled(meeting)
    errors = _check_item(
        kind=kind, title=title, closed=closed, legal_basis=legal_basis, meeting=meeting
    )
    if errors:
        raise ValidationError(errors)
    proposals = proposals or []
    if kind == AgendaItem.Kind.PROPOSALS:
        _check_proposals(meeting, proposals)
    elif proposals:
        raise ValidationError({"proposals": [_("Only a proposals item brings proposals.")]})
    # Numbering is per body and year: lock the body so two items never get the same number.
    Body.objects.select_for_update().filter(pk=meeting.body_id).first()
    year = timezone.localtime(meeting.starts_at).year
    taken = AgendaItem.objects.filter(body_id=meeting.body_id, year=year).aggregate(
        top=Max("number")
    )["top"]
    position = (meeting.items.aggregate(top=Max("position"))["top"] or 0) + 1
    item = AgendaItem.objects.create(
        municipality_id=meeting.municipality_id,
        meeting=meeting,
        body_id=meeting.body_id,
        position=position,
        year=year,
        number=rules.next_case_number([taken] if taken else []),
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        case_officer=case_officer,
        closed=closed,
        legal_basis=legal_basis if closed else "",
        added_late=meeting.is_published,
        snapshot=snapshot,
    )
    if proposals:
        _take_up(actor, meeting, proposals)
        item.proposals.set(proposals)
    if meeting.is_published and kind == AgendaItem.Kind.RESULT_REPORT:
        item.snapshot = result_report(meeting)
        item.save(update_fields=["snapshot"])
    audit_create(actor=auditable(actor), instance=item)
    if meeting.is_published:
        transaction.on_commit(lambda: notify_late(item_id=item.pk))
    return item


@transaction.atomic
def item_update(
    *,
    actor: Any,
    item: AgendaItem,
    version: int,
    kind: str,
    title: str,
    description: str = "",
    case_officer: Person | None = None,
    closed: bool = False,
    legal_basis: str = "",
    proposals: list[Proposal] | None = None,
) -> AgendaItem:
    """Change an item; closing it needs a legal basis, which is stored on the item."""
    with versioned_edit(item, actor=auditable(actor), version=version) as current:
        require_not_cancelled(current.meeting)
        errors = _check_item(
            kind=kind, title=title, closed=closed, legal_basis=legal_basis, meeting=current.meeting
        )
        if errors:
            raise ValidationError(errors)
        current.kind = kind
        current.title = title.strip()
        current.description = description.strip()
        current.case_officer = case_officer
        current.closed = closed
        current.legal_basis = legal_basis if closed else ""
        if kind == AgendaItem.Kind.PROPOSALS and proposals is not None:
            _check_proposals(current.meeting, proposals)
            _take_up(actor, current.meeting, proposals)
            current.proposals.set(proposals)
        elif kind != AgendaItem.Kind.PROPOSALS:
            current.proposals.clear()
    return current


@transaction.atomic
def items_reorder(*, actor: Any, meeting: Meeting, order: list[int]) -> None:
    """Put the agenda in ``order`` (item ids); numbers stay, the order on the agenda changes."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    items = {item.pk: item for item in meeting.items.all()}
    if sorted(order) != sorted(items):
        raise ValidationError(_("The new order must list every item on the agenda once."))
    for position, pk in enumerate(order, start=1):
        item = items[pk]
        if item.position != position:
            with versioned_edit(item, actor=auditable(actor), version=None) as moved:
                moved.position = position


# ---------------------------------------------------------------------------------------
# Publication


@transaction.atomic
def meeting_publish_agenda(*, actor: Any, meeting: Meeting, version: int) -> Meeting:
    """Release the agenda and every document to every member at the same instant.

    A release after the body's notice period is flagged on the meeting. Standing result
    reports are frozen now, so the minutes refer to what the members saw.
    """
    with versioned_edit(meeting, actor=auditable(actor), version=version) as current:
        require_not_cancelled(current)
        if current.is_published:
            raise ValidationError(_("The agenda is already published."), code="published")
        if not current.items.exists():
            raise ValidationError(_("The agenda has no items yet."), code="empty")
        now = timezone.now()
        current.published_at = now
        current.published_by = auditable(actor)
        current.status = Meeting.Status.PUBLISHED
        current.released_late = rules.is_late(
            timezone.localtime(now).date(), current.release_due_on
        )
    # The items first: an UPDATE through a join makes PostgreSQL join the table with itself,
    # which its planner got badly wrong (50 s) on freshly filled tables.
    item_ids = list(current.items.values_list("pk", flat=True))
    Document.objects.filter(item_id__in=item_ids, released_at__isnull=True).order_by().update(
        released_at=now
    )
    reports = list(current.items.filter(kind=AgendaItem.Kind.RESULT_REPORT))
    if reports:
        frozen = result_report(current)
        for item in reports:
            item.snapshot = frozen
            item.save(update_fields=["snapshot"])
    transaction.on_commit(lambda: notify_members(current))
    return current
