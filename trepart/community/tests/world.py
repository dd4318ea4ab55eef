"""A small municipality with two citizen committees, for the app's tests.

Øvre Eiker-like: a coordination group (where citizen proposals go), a municipal council
with one politician, a sector with two units (42 and 18 employees). ``Hokksund byutvalg``
has three citizen members with logins (``chair``, ``member``, and ``councillor``, who also
sits in the council and so holds an elected office) and an administration contact with a
login (``contact``); ``Vestfossen grendeutvalg`` has one member (``other``). ``admin`` is
the municipality's administrator; ``outsider`` an employee in no committee; ``stranger``
belongs to another municipality. Committees are made through the service; seats directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trepart.accounts.tests.factories import MunicipalAdminFactory, MunicipalityFactory, UserFactory
from trepart.community.models import Committee, CommitteeKind
from trepart.community.services.committees import committee_create
from trepart.organisation.models import Body, Membership, Municipality, Party, Person, Unit
from trepart.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)


@dataclass
class CommitteeWorld:
    municipality: Municipality
    units: dict[str, Unit]
    coordination: Body
    council: Body
    committee: Committee
    other_committee: Committee
    users: dict[str, Any]


def login(municipality: Municipality, *, kind: str = Person.Kind.CITIZEN, email: str = "") -> Any:
    user = UserFactory.create(municipality=municipality)
    PersonFactory.create(
        municipality=municipality,
        user=user,
        kind=kind,
        email=email or f"{user.username}@example.no",
    )
    return user


def seat(
    body: Body, user: Any, *, party: str = Party.CITIZEN, role: str = Membership.Role.MEMBER
) -> None:
    MembershipFactory.create(
        body=body,
        person=user.person,
        party=party,
        role=role,
        capacity=Membership.Capacity.CITIZEN
        if party == Party.CITIZEN
        else Membership.Capacity.ELECTED,
    )


def build_committee_world() -> CommitteeWorld:
    # The administrator's pages are tested here, not the second factor.
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    sector = UnitFactory.create(
        municipality=municipality, name="Oppvekst", kind=Unit.Kind.SECTOR, employee_count=5
    )
    units = {
        "skole": UnitFactory.create(
            municipality=municipality, name="Hokksund skole", parent=sector, employee_count=42
        ),
        "bhg": UnitFactory.create(
            municipality=municipality, name="Vestfossen barnehage", parent=sector, employee_count=18
        ),
    }
    coordination = BodyFactory.create(
        municipality=municipality, kind=Body.Kind.COORDINATION, name="Koordineringsgruppa"
    )
    council = BodyFactory.create(
        municipality=municipality, kind=Body.Kind.COUNCIL, name="Kommunestyret"
    )
    admin = MunicipalAdminFactory.create(municipality=municipality)
    users = {
        "admin": admin,
        "chair": login(municipality),
        "member": login(municipality),
        "councillor": login(municipality),
        "other": login(municipality),
        "contact": login(municipality, kind=Person.Kind.EMPLOYEE),
        "outsider": login(municipality, kind=Person.Kind.EMPLOYEE),
        "stranger": login(MunicipalityFactory.create()),
    }
    politician = PersonFactory.create(municipality=municipality, kind=Person.Kind.POLITICIAN)
    committee = committee_create(
        actor=admin,
        municipality=municipality,
        name="Hokksund byutvalg",
        kind=CommitteeKind.BYUTVALG,
        units=[units["skole"]],
        places="Hokksund sentrum, Loesmoen",
        admin_contact=users["contact"].person,
        politician_contact=politician,
    )
    other = committee_create(
        actor=admin,
        municipality=municipality,
        name="Vestfossen grendeutvalg",
        units=[units["bhg"]],
        places="Vestfossen",
    )
    seat(committee.body, users["chair"], role=Membership.Role.CHAIR)
    seat(committee.body, users["member"])
    seat(committee.body, users["councillor"])
    seat(council, users["councillor"], party=Party.POLITICAL)
    seat(other.body, users["other"])
    return CommitteeWorld(
        municipality=municipality,
        units=units,
        coordination=coordination,
        council=council,
        committee=committee,
        other_committee=other,
        users=users,
    )
