"""Meetings (møter) of the bodies: agenda, documents, attendance, outcomes, follow-up, minutes.

Three modules by topic; this package re-exports them so ``meetings.models`` is the one place
to import from (and the place Django finds the models).
"""

from trepart.meetings.models.documents import Document, DocumentAccess, DocumentVersion
from trepart.meetings.models.meeting import (
    LEGAL_REFERENCE,
    MANDATORY_CLOSURE,
    AgendaItem,
    ItemStand,
    LegalBasis,
    Meeting,
    Motion,
    neutral_title,
)
from trepart.meetings.models.records import (
    OPEN_FOLLOW_UP,
    Attendance,
    CalendarFeed,
    FollowUp,
    Minutes,
    MinutesApproval,
    new_feed_token,
)

__all__ = [
    "LEGAL_REFERENCE",
    "MANDATORY_CLOSURE",
    "OPEN_FOLLOW_UP",
    "AgendaItem",
    "Attendance",
    "CalendarFeed",
    "Document",
    "DocumentAccess",
    "DocumentVersion",
    "FollowUp",
    "ItemStand",
    "LegalBasis",
    "Meeting",
    "Minutes",
    "MinutesApproval",
    "Motion",
    "neutral_title",
    "new_feed_token",
]
