"""Steps the project tests share, on top of ``world.build_project_world``: meetings of the
mandating body, an agenda item that gave a mandate, a proposal the body answered "further
evaluation", and the form data of a new project.

The day is fixed (``TODAY``, travelled to by the tests' ``clock`` fixture) so dates in the
assertions are stable; meetings come after it unless told otherwise.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from trepart.development.tests.world import ProjectWorld
from trepart.meetings import services as meetings
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.models import Party
from trepart.proposals.models import AnswerKind, Proposal, Source, Status

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
TODAY = datetime.date(2026, 3, 2)
NOW = datetime.datetime.combine(TODAY, datetime.time(9), tzinfo=OSLO)
MEETING_DAY = datetime.date(2026, 3, 16)


def at(day: datetime.date, hour: int = 18) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=OSLO)


def meeting_of(world: ProjectWorld, day: datetime.date = MEETING_DAY, **fields: Any) -> Meeting:
    """A meeting of the mandating body (planned, not yet published)."""
    return meetings.meeting_create(
        actor=world.admin,
        body=fields.pop("body", world.mandating_body),
        starts_at=at(day),
        ends_at=at(day, 20),
        **fields,
    )


def mandate_item(world: ProjectWorld, title: str = "Tjenestegjennomgang i Vei og park") -> Any:
    """An item of the mandating body on which it decided: the project's mandate."""
    meeting = meeting_of(world, datetime.date(2026, 2, 2))
    item = meetings.item_add(
        actor=world.admin, meeting=meeting, kind=AgendaItem.Kind.DECISION, title=title
    )
    AgendaItem.objects.filter(pk=item.pk).update(
        outcome=AgendaItem.Outcome.DECISION, outcome_text="Gjennomgangen settes i gang."
    )
    item.refresh_from_db()
    return item


def handed_proposal(
    world: ProjectWorld, *, email: str = "forslag@example.invalid", answer: str = ""
) -> Proposal:
    """A proposal to the mandating body, answered "further evaluation" (unless told)."""
    return Proposal.objects.create(
        municipality=world.municipality,
        title="Felles maskinpark",
        description="Vei og park og eiendom kan dele maskinene sine.",
        source=Source.CITIZEN,
        proposer_name="Kari Innbygger",
        proposer_email=email,
        body=world.mandating_body,
        arrived_on=datetime.date(2026, 1, 10),
        due_on=datetime.date(2026, 6, 1),
        status=Status.FURTHER_EVALUATION,
        answer=answer or AnswerKind.FURTHER_EVALUATION,
    )


def new_project(world: ProjectWorld, **fields: Any) -> dict[str, Any]:
    """The arguments of ``project_create`` for a new Lean project under the world's body."""
    values: dict[str, Any] = {
        "kind": "LEAN",
        "title": "Lean i hjemmetjenesten",
        "mandating_body": world.mandating_body,
        "mandate": "Finn og fjern sløsing i rutinene.",
        "leader": world.group_users[Party.ADMINISTRATION].person,
        "starts_on": datetime.date(2026, 3, 2),
        "ends_on": datetime.date(2026, 10, 30),
        "units": [world.unit],
        "members": [
            (world.group_users[Party.EMPLOYEE].person, Party.EMPLOYEE),
            (world.group_users[Party.POLITICAL].person, Party.POLITICAL),
            (world.group_users[Party.SERVICE_USER].person, Party.SERVICE_USER),
        ],
    }
    values.update(fields)
    return values
