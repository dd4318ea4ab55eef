"""A municipality for the tests of the proposal services: a sector with a school and a
kindergarten, the school's LMU under the coordination group under the tripartite body, the
LMU's seats, and the steps the tests take (submit, everyone agrees)."""

from __future__ import annotations

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
from trepart.proposals.models import (
    Proposal,
)

REASON = "Tiltaket passer godt inn i planene for neste år og gjennomføres i vår."


@dataclass
class Town:
    municipality: Municipality
    sector: Unit
    school: Unit
    kindergarten: Unit
    lmu: Body
    coordination: Body
    tripartite: Body
    seats: list[Membership]
    user: Any


def seat(body: Body, party: str, *, role: str = "MEMBER", **extra: Any) -> Membership:
    kind = "POLITICIAN" if party == "POLITICAL" else "EMPLOYEE"
    if party in ("CITIZEN", "SERVICE_USER"):
        kind = "CITIZEN"
    person = PersonFactory.create(municipality=body.municipality, kind=kind)
    return MembershipFactory.create(body=body, party=party, role=role, person=person, **extra)


def build_town() -> Town:
    municipality = MunicipalityFactory.create()
    sector = UnitFactory.create(municipality=municipality, kind="SECTOR", name="Oppvekst")
    school = UnitFactory.create(municipality=municipality, parent=sector, name="Eikvik skole")
    kindergarten = UnitFactory.create(
        municipality=municipality, parent=sector, name="Solsikken barnehage"
    )
    tripartite = BodyFactory.create(municipality=municipality, kind="TRIPARTITE", name="PSU")
    coordination = BodyFactory.create(
        municipality=municipality,
        kind="COORDINATION",
        name="Koordineringsgruppa",
        parent=tripartite,
    )
    lmu = BodyFactory.create(
        municipality=municipality, kind="LMU", unit=school, name="LMU skole", parent=coordination
    )
    seats = [
        seat(lmu, "ADMINISTRATION", role="CHAIR", capacity="LEADER"),
        seat(lmu, "EMPLOYEE", capacity="UNION_REP"),
        seat(lmu, "EMPLOYEE", capacity="SAFETY_REP"),
    ]
    user = UserFactory.create(municipality=municipality, email="ansatt@kommune.invalid")
    return Town(
        municipality, sector, school, kindergarten, lmu, coordination, tripartite, seats, user
    )


def submit(town: Town, **fields: Any) -> Proposal:
    values: dict[str, Any] = {
        "title": "Felles kjøkkenhage",
        "description": "Vi vil lage en kjøkkenhage som elevene passer på.",
        "unit_ids": [town.school.pk],
    }
    values.update(fields)
    actor = values.pop("actor", town.user)
    return services.proposal_submit(actor=actor, municipality=town.municipality, **values)


def agree_all(town: Town, proposal: Proposal, seats: list[Membership] | None = None) -> None:
    for membership in seats or town.seats:
        services.position_record(
            actor=town.user, proposal=proposal, membership=membership, stance="AGREE"
        )
