"""A project's status as a reader sees it: the meetings app records the innstilling item's
outcome and knows nothing of projects, so a project that is still ``ACTIVE`` when its
mandating body agreed on the item reads as recommended."""

from __future__ import annotations

from trepart.development.models import Project
from trepart.meetings.models import AgendaItem

# The outcomes that give a mandate or carry a recommendation: the body agreed, or decided
# within its own mandate.
MANDATE_OUTCOMES = (AgendaItem.Outcome.CONSENSUS, AgendaItem.Outcome.DECISION)


def shown_status(project: Project) -> str:
    """The project's status, reading the innstilling item's outcome."""
    item = project.recommendation_item
    if (
        project.status == Project.Status.ACTIVE
        and item is not None
        and item.outcome in MANDATE_OUTCOMES
    ):
        return Project.Status.RECOMMENDED
    return str(project.status)
