"""A small municipality with one service review, for the development app's tests.

The tripartite body gives the mandate; the project group has a seat for each party and a
service user, each with a login; an outsider employee and the municipality's administrator
stand outside. Rows are made directly, as test data: the services under test are not used
to build their own world.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from trepart.accounts.tests.factories import MunicipalAdminFactory, MunicipalityFactory, UserFactory
from trepart.development.models import LevelKind, Project, ProjectKind, Task, TaskLevel
from trepart.organisation.models import Body, Membership, Municipality, Party, Person, Unit
from trepart.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)


@dataclass
class ProjectWorld:
    municipality: Municipality
    unit: Unit
    mandating_body: Body
    group: Body
    project: Project
    leader: Person
    # A login per seat in the group, by party (SERVICE_USER included).
    group_users: dict[str, Any] = field(default_factory=dict)
    # A login per seat in the mandating body, by party.
    body_users: dict[str, Any] = field(default_factory=dict)
    outsider: Any = None
    admin: Any = None


def _seat(
    body: Body, party: str, *, kind: str, capacity: str, role: str = Membership.Role.MEMBER
) -> Any:
    user = UserFactory.create(municipality=body.municipality)
    person = PersonFactory.create(municipality=body.municipality, kind=kind, user=user)
    MembershipFactory.create(body=body, person=person, party=party, capacity=capacity, role=role)
    return user


def build_project_world(
    *, kind: str = ProjectKind.SERVICE_REVIEW, public: bool = False, target: int | None = 1_000_000
) -> ProjectWorld:
    municipality = MunicipalityFactory.create()
    sector = UnitFactory.create(municipality=municipality, name="Teknisk", kind=Unit.Kind.SECTOR)
    unit = UnitFactory.create(municipality=municipality, name="Vei og park", parent=sector)
    mandating = BodyFactory.create(municipality=municipality, name="Trepartsorganet")
    group = BodyFactory.create(
        municipality=municipality, name="Prosjektgruppe Vei og park", kind=Body.Kind.PROJECT_GROUP
    )
    body_users: dict[str, Any] = {
        Party.POLITICAL: _seat(
            mandating,
            Party.POLITICAL,
            kind=Person.Kind.POLITICIAN,
            capacity=Membership.Capacity.ELECTED,
        ),
        Party.ADMINISTRATION: _seat(
            mandating,
            Party.ADMINISTRATION,
            kind=Person.Kind.EMPLOYEE,
            capacity=Membership.Capacity.LEADER,
            role=Membership.Role.SECRETARY,
        ),
        Party.EMPLOYEE: _seat(
            mandating,
            Party.EMPLOYEE,
            kind=Person.Kind.EMPLOYEE,
            capacity=Membership.Capacity.UNION_REP,
        ),
    }
    group_users: dict[str, Any] = {
        Party.POLITICAL: _seat(
            group,
            Party.POLITICAL,
            kind=Person.Kind.POLITICIAN,
            capacity=Membership.Capacity.ELECTED,
        ),
        Party.ADMINISTRATION: _seat(
            group,
            Party.ADMINISTRATION,
            kind=Person.Kind.EMPLOYEE,
            capacity=Membership.Capacity.LEADER,
            role=Membership.Role.CHAIR,
        ),
        Party.EMPLOYEE: _seat(
            group, Party.EMPLOYEE, kind=Person.Kind.EMPLOYEE, capacity=Membership.Capacity.UNION_REP
        ),
        Party.SERVICE_USER: _seat(
            group,
            Party.SERVICE_USER,
            kind=Person.Kind.CITIZEN,
            capacity=Membership.Capacity.USER_REP,
        ),
    }
    leader = group_users[Party.ADMINISTRATION].person
    project = Project.objects.create(
        municipality=municipality,
        kind=kind,
        title="Tjenestegjennomgang Vei og park",
        summary="Hele tjenesten gjennomgås oppgave for oppgave.",
        visibility=Project.Visibility.PUBLIC if public else Project.Visibility.INTERNAL,
        mandating_body=mandating,
        mandate="Finn 1 mill. kr i varig innsparing med minst mulig tap av kvalitet.",
        leader=leader,
        group=group,
        starts_on=datetime.date(2026, 1, 5),
        ends_on=datetime.date(2026, 12, 31),
        savings_target=target if kind != ProjectKind.LEAN else None,
    )
    project.units.add(unit)
    outsider_person = PersonFactory.create(municipality=municipality, unit=unit)
    outsider = UserFactory.create(municipality=municipality)
    outsider_person.user = outsider
    outsider_person.save(update_fields=["user"])
    return ProjectWorld(
        municipality=municipality,
        unit=unit,
        mandating_body=mandating,
        group=group,
        project=project,
        leader=leader,
        group_users=group_users,
        body_users=body_users,
        outsider=outsider,
        admin=MunicipalAdminFactory.create(municipality=municipality),
    )


def task_make(
    project: Project,
    name: str,
    levels: dict[str, tuple[int, str, int]],
    *,
    statutory_minimum: str = "",
    unit: Unit | None = None,
) -> Task:
    """A task with its levels, each ``kind: (yearly cost, FTEs, quality)``; the KEEP level is
    the task as it is done today."""
    keep_cost, keep_ftes, _quality = levels[LevelKind.KEEP]
    task = Task.objects.create(
        project=project,
        unit=unit,
        name=name,
        yearly_cost=keep_cost,
        ftes=Decimal(keep_ftes),
        statutory=bool(statutory_minimum),
        statutory_minimum=statutory_minimum,
        position=project.tasks.count() + 1,
    )
    for kind, (cost, ftes, quality) in levels.items():
        TaskLevel.objects.create(
            task=task, kind=kind, yearly_cost=cost, ftes=Decimal(ftes), quality=quality
        )
    return task
