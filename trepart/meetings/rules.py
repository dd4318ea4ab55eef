"""The meeting rules that need no database: deadlines, numbering, closure and approval.

Plain values in, plain values out, so each rule can be tested on its own.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from trepart.meetings.models import LegalBasis


def release_due_on(meeting_day: datetime.date, days_before: int) -> datetime.date:
    """The last day the agenda may reach the members (the body's notice period)."""
    return meeting_day - datetime.timedelta(days=days_before)


def is_late(released_on: datetime.date, due_on: datetime.date) -> bool:
    return released_on > due_on


def has_started(starts_at: datetime.datetime, now: datetime.datetime) -> bool:
    """Whether a meeting can have been held: attendance, stands, outcomes and the minutes'
    approval record what happened, so none of them exist before the start."""
    return now >= starts_at


def not_started_message(starts_at: datetime.datetime) -> str:
    """Why nothing of a meeting's conduct can be recorded yet, in the reader's language."""
    starts = formats.date_format(timezone.localtime(starts_at), "SHORT_DATETIME_FORMAT")
    return str(
        _(
            "The meeting has not started yet (it starts %(starts)s). Attendance, the parties' "
            "stands, motions, outcomes and the approval of the minutes are recorded from then on."
        )
        % {"starts": starts}
    )


def next_case_number(taken: Iterable[int]) -> int:
    """Case numbers run 1, 2, 3 … per body and year; a gap is never reused ahead of the end."""
    return max(taken, default=0) + 1


def closure_problem(closed: bool, legal_basis: str) -> str | None:
    """Why the closure as given cannot stand, or None. An item is closed only with a basis."""
    if closed and not legal_basis:
        return str(_("Choose the legal basis for closing the item."))
    if closed and legal_basis not in LegalBasis.values:
        return str(_("Choose the legal basis for closing the item."))
    if not closed and legal_basis:
        return str(_("An open item has no legal basis for closing: remove it or close the item."))
    return None


def recurring(
    first: datetime.datetime, *, every_weeks: int, count: int, until: datetime.date | None = None
) -> list[datetime.datetime]:
    """A meeting plan: ``count`` meetings ``every_weeks`` apart from ``first`` (stopping after
    ``until``). Wall-clock time is kept across summer time, as people expect."""
    if every_weeks < 1 or count < 1:
        return []
    found = []
    for step in range(count):
        moment = first + datetime.timedelta(weeks=every_weeks * step)
        if until is not None and moment.date() > until:
            break
        found.append(moment)
    return found


@dataclass(frozen=True)
class Approval:
    person_id: int
    role: str  # "CHAIR" or "MEMBER"


def approval_complete(approvals: Sequence[Approval]) -> bool:
    """Minutes are approved by the chair and one other member (who was at the meeting)."""
    roles = {a.role for a in approvals}
    return "CHAIR" in roles and "MEMBER" in roles


def overdue(due_on: datetime.date, status: str, day: datetime.date) -> bool:
    return status in ("OPEN", "IN_PROGRESS") and due_on < day
