"""Proposals (forslag): from an employee or a citizen, routed to a body, always answered.

Two modules, one per topic; this package re-exports them so ``proposals.models`` is the one
place to import from (and the place Django finds the models).
"""

from trepart.proposals.models.handling import (
    Answer,
    Attachment,
    Attendance,
    Event,
    Position,
    ProposalUnit,
    ProposalUnitQuerySet,
    Reminder,
    ReminderQuerySet,
    Support,
)
from trepart.proposals.models.proposal import (
    OPEN_STATUSES,
    AnswerKind,
    DecisionMaker,
    Proposal,
    RoutingRule,
    Source,
    Status,
    new_tracking_code,
)

__all__ = [
    "OPEN_STATUSES",
    "Answer",
    "AnswerKind",
    "Attachment",
    "Attendance",
    "DecisionMaker",
    "Event",
    "Position",
    "Proposal",
    "ProposalUnit",
    "ProposalUnitQuerySet",
    "Reminder",
    "ReminderQuerySet",
    "RoutingRule",
    "Source",
    "Status",
    "Support",
    "new_tracking_code",
]
