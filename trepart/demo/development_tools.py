"""What the development demo's stories stand on: finding the made-up municipality's people,
places and agenda items, and writing a portfolio with its weights."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from trepart.demo.development_data import DemoTask
from trepart.development.models import Project, Task, Weighing, Weight
from trepart.development.services.review import LevelFields, TaskFields, task_add
from trepart.development.services.weighing import agreed_weights_record
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.models import Body, Municipality, Party, Person, Unit

PARTY_ORDER = (Party.ADMINISTRATION, Party.EMPLOYEE, Party.POLITICAL)


class Missing(Exception):
    """A unit or person a story needs is not in this made-up municipality."""


class StoryTools:
    """The municipality, its joint body and demo logins a story is told in."""

    def __init__(
        self,
        *,
        municipality: Municipality,
        joint: Body,
        users: dict[str, Any],
        today: datetime.date,
    ) -> None:
        self.municipality = municipality
        self.joint = joint
        self.users = users
        self.admin = users["admin"]
        self.today = today

    # -- finding the demo's people and places ------------------------------------------

    def unit(self, name: str) -> Unit:
        """The named unit; a small made-up municipality may not have it, and then its
        story is not told (``Missing``)."""
        unit = (
            Unit.objects.filter(municipality=self.municipality, name__startswith=name)
            .order_by("pk")
            .first()
        )
        if unit is None:
            raise Missing(name)
        return unit

    def lead(self, unit: Unit) -> Person:
        """The unit's leader, or else one of its employees."""
        people = self.staff(unit, 1, leaders=True) or self.staff(unit, 1)
        if not people:
            raise Missing(unit.name)
        return people[0]

    def staff(self, unit: Unit, count: int, *, leaders: bool = False) -> list[Person]:
        return list(
            Person.objects.filter(
                unit=unit, kind=Person.Kind.EMPLOYEE, is_leader=leaders, user__isnull=True
            ).order_by("pk")[:count]
        )

    def politicians(self, count: int) -> list[Person]:
        return list(
            Person.objects.filter(
                municipality=self.municipality, kind=Person.Kind.POLITICIAN, user__isnull=True
            ).order_by("pk")[:count]
        )

    def citizens(self, count: int) -> list[Person]:
        return list(
            Person.objects.filter(
                municipality=self.municipality, kind=Person.Kind.CITIZEN, user__isnull=True
            ).order_by("pk")[:count]
        )

    def item(self, title: str) -> AgendaItem:
        return AgendaItem.objects.select_related("meeting").get(body=self.joint, title=title)

    def next_meeting(self) -> Meeting | None:
        return (
            Meeting.objects.filter(
                body=self.joint, status=Meeting.Status.PLANNED, starts_at__gt=timezone.now()
            )
            .order_by("starts_at")
            .first()
        )

    def day(self, item: AgendaItem, days: int = 0) -> datetime.date:
        return timezone.localtime(item.meeting.starts_at).date() + datetime.timedelta(days=days)

    # -- the portfolio -----------------------------------------------------------------

    def tasks(self, project: Project, rows: tuple[DemoTask, ...], unit: Unit) -> list[Task]:
        tasks = []
        for row in rows:
            keep_cost, keep_ftes, _quality = row.levels["KEEP"]
            tasks.append(
                task_add(
                    actor=self.admin,
                    project=project,
                    fields=TaskFields(
                        name=row.name,
                        yearly_cost=keep_cost,
                        ftes=Decimal(str(keep_ftes)),
                        volume=row.volume,
                        statutory=bool(row.statutory_minimum),
                        statutory_minimum=row.statutory_minimum,
                        current_standard=row.current,
                        desired_standard=row.desired,
                        user_satisfaction=None
                        if row.satisfaction is None
                        else Decimal(str(row.satisfaction)),
                        unit=unit,
                    ),
                    levels={
                        kind: LevelFields(
                            yearly_cost=cost, ftes=Decimal(str(ftes)), quality=quality
                        )
                        for kind, (cost, ftes, quality) in row.levels.items()
                    },
                )
            )
        return tasks

    def weigh(
        self,
        project: Project,
        tasks: list[Task],
        rows: tuple[DemoTask, ...],
        *,
        finished: tuple[str, ...],
    ) -> None:
        """The parties' weights as the group members recorded them (they have no demo
        logins, so the rows are written as data) and which parties have finished."""
        Weight.objects.bulk_create(
            Weight(task=task, party=party, weight=weight)
            for task, row in zip(tasks, rows, strict=True)
            for party, weight in zip(PARTY_ORDER, row.weights, strict=True)
            if weight is not None
        )
        Weighing.objects.bulk_create(Weighing(project=project, party=party) for party in finished)

    def agree(self, project: Project, tasks: list[Task], rows: tuple[DemoTask, ...]) -> None:
        """The agreed weight: the mean of the parties' weights, as the group settled it."""
        weights = {}
        for task, row in zip(tasks, rows, strict=True):
            given = [w for w in row.weights if w is not None]
            weights[task.pk] = Decimal(str(round(sum(given) / len(given), 1)))
        agreed_weights_record(
            actor=self.admin,
            project=project,
            weights=weights,
            versions={task.pk: Task.objects.get(pk=task.pk).version for task in tasks},
        )
