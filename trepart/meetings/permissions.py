"""Who may see and do what with a meeting: plain predicates for views, templates and the API.

Three circles: those who prepare the meeting (the body's chair and secretary, and
administrators) see everything at all times; the body's members see everything once the
agenda is published, closed items included; everybody else — other employees, citizens, the
press — sees the public part of open meetings only.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from trepart.meetings.models import AgendaItem, Document, FollowUp, Meeting, Minutes
from trepart.organisation.models import Body, Membership
from trepart.organisation.permissions import can_manage_body
from trepart.organisation.selectors import active_q, today
from trepart.platform.tenancy import same_municipality


def person_id_of(user: Any) -> int | None:
    if not getattr(user, "is_authenticated", False):
        return None
    person = getattr(user, "person", None)
    return person.pk if person is not None else None


def is_member(user: Any, body: Body) -> bool:
    """Sits in the body now (any role: members, deputies, observers, the secretary)."""
    person_id = person_id_of(user)
    if person_id is None or not same_municipality(user, body):
        return False
    return Membership.objects.filter(active_q(today()), body=body, person_id=person_id).exists()


def can_prepare(user: Any, body: Body) -> bool:
    """Plans meetings, builds and publishes the agenda, records what happened."""
    return can_manage_body(user, body)


def can_see_internal(user: Any, meeting: Meeting) -> bool:
    """Sees closed items, real titles and released documents: the body's own people."""
    if can_prepare(user, meeting.body):
        return True
    return meeting.is_published and is_member(user, meeting.body)


def is_public(meeting: Meeting) -> bool:
    return meeting.is_open and meeting.is_published and meeting.status != Meeting.Status.CANCELLED


def can_view_meeting(user: Any, meeting: Meeting) -> bool:
    if is_public(meeting):
        return True
    if not same_municipality(user, meeting):
        return False
    return can_see_internal(user, meeting) or is_member(user, meeting.body)


def document_is_public(document: Document, item: AgendaItem, meeting: Meeting) -> bool:
    return (
        is_public(meeting)
        and not item.closed
        and not document.exempt
        and document.released_at is not None
    )


def can_read_document(user: Any, document: Document) -> bool:
    item = document.item
    meeting = item.meeting
    if document_is_public(document, item, meeting):
        return True
    if not same_municipality(user, meeting):
        return False
    if can_prepare(user, meeting.body):
        return True
    return document.released_at is not None and is_member(user, meeting.body)


def can_view_access_log(user: Any, meeting: Meeting) -> bool:
    """The chair and the secretary (and administrators) see who opened which document."""
    return can_prepare(user, meeting.body)


def approver_role(minutes: Minutes, person_id: int) -> str | None:
    """CHAIR for the body's chair; MEMBER for another member (or a deputy in a member's
    place) who attended; else None. The same rule for the buttons and the service."""
    meeting = minutes.meeting
    seats = Membership.objects.filter(
        active_q(timezone.localtime(meeting.starts_at).date()),
        body_id=meeting.body_id,
        person_id=person_id,
    )
    if seats.filter(role=Membership.Role.CHAIR).exists():
        return "CHAIR"
    attended = meeting.attendance.filter(person_id=person_id).exclude(status="ABSENT")
    if (
        attended.exists()
        and seats.exclude(role__in=[Membership.Role.SECRETARY, Membership.Role.OBSERVER]).exists()
    ):
        return "MEMBER"
    return None


def can_approve_minutes(user: Any, minutes: Minutes) -> bool:
    """The chair and one member who attended approve the draft; each once."""
    person_id = person_id_of(user)
    if person_id is None or not same_municipality(user, minutes.meeting):
        return False
    if minutes.status != Minutes.Status.DRAFT:
        return False
    if minutes.approvals.filter(person_id=person_id).exists():
        return False
    return approver_role(minutes, person_id) is not None


def can_see_minutes(user: Any, minutes: Minutes) -> bool:
    if minutes.status == Minutes.Status.PUBLISHED and is_public(minutes.meeting):
        return True
    return can_see_internal(user, minutes.meeting)


def can_edit_follow_up(user: Any, follow_up: FollowUp) -> bool:
    """Those who prepare the body's meetings, and the action's owner, move an action along."""
    if not same_municipality(user, follow_up):
        return False
    return person_id_of(user) == follow_up.owner_id or can_prepare(user, follow_up.body)
