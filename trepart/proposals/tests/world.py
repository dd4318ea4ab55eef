"""A small municipality for the tests of deadlines, reminders and e-mail: a school with its
LMU, a coordination group and a tripartite body, each with the people who are told."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import Any

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.organisation.models import Body, Membership, Municipality, Unit
from trepart.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)
from trepart.proposals import services
from trepart.proposals.models import Proposal

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
REASON = "Tiltaket passer godt inn i planene for neste år og gjennomføres i vår."
# The day proposals arrive in these tests; the LMU answers within 30 days.
ARRIVAL = datetime.date(2026, 10, 1)
DUE = datetime.date(2026, 10, 31)


def noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=OSLO)


@dataclass
class World:
    municipality: Municipality
    school: Unit
    kindergarten: Unit
    lmu: Body
    coordination: Body
    tripartite: Body
    lmu_chair: Membership
    coordination_chair: Membership
    coordination_secretary: Membership
    employee: Any


def member(
    body: Body, *, role: str, party: str = "ADMINISTRATION", user: Any = None, **extra: Any
) -> Membership:
    person = PersonFactory.create(municipality=body.municipality, user=user, **extra)
    return MembershipFactory.create(body=body, party=party, role=role, person=person)


def build_world(*, chair_language: str = "en") -> World:
    municipality = MunicipalityFactory.create(name="Eikvik kommune")
    school = UnitFactory.create(municipality=municipality, name="Eikvik skole")
    kindergarten = UnitFactory.create(municipality=municipality, name="Solsikken barnehage")
    tripartite = BodyFactory.create(municipality=municipality, kind="TRIPARTITE", name="PSU")
    coordination = BodyFactory.create(
        municipality=municipality, kind="COORDINATION", name="Koordineringsgruppa"
    )
    lmu = BodyFactory.create(municipality=municipality, kind="LMU", unit=school, name="LMU skole")
    chair_user = UserFactory.create(municipality=municipality, language=chair_language)
    lmu_chair = member(
        lmu,
        role="CHAIR",
        user=chair_user,
        first_name="Lise",
        last_name="Leder",
        email="lise.leder@kommune.invalid",
    )
    coordination_chair = member(
        coordination,
        role="CHAIR",
        user=UserFactory.create(municipality=municipality),
        first_name="Kari",
        last_name="Koordinator",
        email="kari.koordinator@kommune.invalid",
    )
    coordination_secretary = member(
        coordination,
        role="SECRETARY",
        first_name="Sverre",
        last_name="Sekretær",
        email="sverre.sekretaer@kommune.invalid",
    )
    employee = UserFactory.create(
        municipality=municipality,
        first_name="Anne",
        last_name="Ansatt",
        email="anne.ansatt@kommune.invalid",
    )
    return World(
        municipality=municipality,
        school=school,
        kindergarten=kindergarten,
        lmu=lmu,
        coordination=coordination,
        tripartite=tripartite,
        lmu_chair=lmu_chair,
        coordination_chair=coordination_chair,
        coordination_secretary=coordination_secretary,
        employee=employee,
    )


def submit(world: World, title: str = "Felles kjøkkenhage", **fields: Any) -> Proposal:
    """An employee's proposal for the school, handled by its LMU."""
    values: dict[str, Any] = {
        "title": title,
        "description": "Vi vil lage en kjøkkenhage som elevene passer på.",
        "unit_ids": [world.school.pk],
    }
    values.update(fields)
    actor = values.pop("actor", world.employee)
    return services.proposal_submit(actor=actor, municipality=world.municipality, **values)


def answer(
    world: World,
    proposal: Proposal,
    kind: str,
    *,
    reason: str = REASON,
    new_due_on: datetime.date | None = None,
) -> Proposal:
    """The LMU takes the proposal up if needed, agrees, and answers."""
    if proposal.status in ("SUBMITTED", "ESCALATED"):
        services.proposal_take_up(actor=world.employee, proposal=proposal)
    if proposal.body_id == world.lmu.pk:
        services.position_record(
            actor=world.employee, proposal=proposal, membership=world.lmu_chair, stance="AGREE"
        )
    return services.proposal_answer(
        actor=world.employee, proposal=proposal, kind=kind, reason=reason, new_due_on=new_due_on
    )
