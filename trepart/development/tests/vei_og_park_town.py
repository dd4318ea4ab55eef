"""The world of the Vei og park story, made as rows before the pages take over: a
municipality with its tripartite body, the meeting where the body gave the mandate (a
DECISION item), its coming meeting, the unit Vei og park and its people with logins per
party, a politician to keep informed, an outsider employee and the administrator."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import time_machine

from trepart.accounts.tests.factories import MunicipalAdminFactory, MunicipalityFactory, UserFactory
from trepart.development.tests.project_steps import MEETING_DAY, at
from trepart.meetings import services as meetings
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.models import Body, Party, Person, Unit
from trepart.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)

MANDATE_TITLE = "Mandat: tjenestegjennomgang i Vei og park"


@dataclass
class Town:
    unit: Unit
    body: Body
    mandate: AgendaItem
    meeting: Meeting
    politician: Any  # sits in the body for the elected
    secretary: Any  # the administration's seat, the body's secretary
    union_rep: Any  # the employees' seat in the body
    leader: Any  # head of Vei og park: leads the project
    shop_steward: Any  # the employees' representative in the group
    workers: list[Person]  # employees in the group without a login
    informed: Any  # a politician kept informed
    outsider: Any  # an employee of the unit outside the group
    admin: Any


def _login(municipality: Any, **person: Any) -> Any:
    user = UserFactory.create(municipality=municipality)
    PersonFactory.create(municipality=municipality, user=user, **person)
    return user


def town_build() -> Town:
    municipality = MunicipalityFactory.create()
    sector = UnitFactory.create(municipality=municipality, name="Teknisk", kind=Unit.Kind.SECTOR)
    unit = UnitFactory.create(municipality=municipality, name="Vei og park", parent=sector)
    body = BodyFactory.create(municipality=municipality, name="Trepartsutvalget")
    employee = {"kind": Person.Kind.EMPLOYEE, "unit": unit}
    seats = {
        Party.POLITICAL: (_login(municipality, kind=Person.Kind.POLITICIAN), "ELECTED", "MEMBER"),
        Party.ADMINISTRATION: (_login(municipality, **employee), "LEADER", "SECRETARY"),
        Party.EMPLOYEE: (_login(municipality, **employee), "UNION_REP", "MEMBER"),
    }
    for party, (user, capacity, role) in seats.items():
        MembershipFactory.create(
            body=body, person=user.person, party=party, capacity=capacity, role=role
        )
    admin = MunicipalAdminFactory.create(municipality=municipality)
    with time_machine.travel(at(datetime.date(2026, 2, 2), 9), tick=False):
        held = meetings.meeting_create(
            actor=admin,
            body=body,
            starts_at=at(datetime.date(2026, 2, 2)),
            ends_at=at(datetime.date(2026, 2, 2), 20),
        )
        mandate = meetings.item_add(
            actor=admin, meeting=held, kind=AgendaItem.Kind.DECISION, title=MANDATE_TITLE
        )
    AgendaItem.objects.filter(pk=mandate.pk).update(
        outcome=AgendaItem.Outcome.DECISION, outcome_text="Gjennomgangen settes i gang."
    )
    coming = meetings.meeting_create(
        actor=admin, body=body, starts_at=at(MEETING_DAY), ends_at=at(MEETING_DAY, 20)
    )
    leader = _login(municipality, first_name="Vera", last_name="Veisjef", **employee)
    leader.language = "nb"
    leader.save(update_fields=["language"])
    return Town(
        unit=unit,
        body=body,
        mandate=mandate,
        meeting=coming,
        politician=seats[Party.POLITICAL][0],
        secretary=seats[Party.ADMINISTRATION][0],
        union_rep=seats[Party.EMPLOYEE][0],
        leader=leader,
        shop_steward=_login(municipality, first_name="Tor", last_name="Tillitsvalgt", **employee),
        workers=[
            PersonFactory.create(
                municipality=municipality, first_name="Ada", last_name="Asfalt", **employee
            ),
            PersonFactory.create(
                municipality=municipality, first_name="Pål", last_name="Plenklipper", **employee
            ),
        ],
        informed=_login(
            municipality, first_name="Ola", last_name="Ordfører", kind=Person.Kind.POLITICIAN
        ),
        outsider=_login(municipality, first_name="Siri", last_name="Utenfor", **employee),
        admin=admin,
    )
