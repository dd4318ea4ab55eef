"""A small municipality with a stillingsbank, for the app's tests.

The bank has three members with logins (HR's chair, a unit leader, a union representative);
a hiring authority leads a unit outside the bank; two redundant employees and one part-time
employee have logins and cases; an outsider employee and the municipality's administrator
stand outside. Qualifications, locations, travel times and the agreed rules are there, and
a handful of vacancies. Rows are made directly, as test data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from trepart.accounts.tests.factories import MunicipalAdminFactory, MunicipalityFactory, UserFactory
from trepart.organisation.models import Body, Membership, Municipality, Party, Person, Unit
from trepart.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)
from trepart.redeployment.models import (
    CaseKind,
    Location,
    MatchingRules,
    Qualification,
    RedeploymentCase,
    TravelTime,
    Vacancy,
)


@dataclass
class BankWorld:
    municipality: Municipality
    sector: Unit
    units: dict[str, Unit]
    bank: Body
    members: dict[str, Any]  # "chair", "leader", "union": logins of the bank's members
    hiring: Any  # a unit leader outside the bank (the hiring authority of "skole")
    admin: Any
    outsider: Any
    people: dict[str, Any] = field(default_factory=dict)  # logins of the register's people
    cases: dict[str, RedeploymentCase] = field(default_factory=dict)
    vacancies: dict[str, Vacancy] = field(default_factory=dict)
    qualifications: dict[str, Qualification] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    rules: MatchingRules | None = None


def login(municipality: Municipality, *, unit: Unit | None = None, leader: bool = False) -> Any:
    user = UserFactory.create(municipality=municipality)
    PersonFactory.create(
        municipality=municipality, user=user, unit=unit, is_leader=leader, kind=Person.Kind.EMPLOYEE
    )
    return user


def seat(
    bank: Body, user: Any, party: str, capacity: str, role: str = Membership.Role.MEMBER
) -> None:
    MembershipFactory.create(
        body=bank, person=user.person, party=party, capacity=capacity, role=role
    )


def build_bank_world() -> BankWorld:
    municipality = MunicipalityFactory.create()
    sector = UnitFactory.create(municipality=municipality, name="Oppvekst", kind=Unit.Kind.SECTOR)
    units = {
        name: UnitFactory.create(municipality=municipality, name=title, parent=sector)
        for name, title in (
            ("skole", "Harestua skole"),
            ("bhg", "Grua barnehage"),
            ("pleie", "Lunner omsorgssenter"),
        )
    }
    bank = BodyFactory.create(
        municipality=municipality, name="Stillingsbanken", kind=Body.Kind.REDEPLOYMENT
    )
    members = {
        "chair": login(municipality),
        "leader": login(municipality, unit=units["pleie"], leader=True),
        "union": login(municipality),
    }
    seat(
        bank,
        members["chair"],
        Party.ADMINISTRATION,
        Membership.Capacity.LEADER,
        Membership.Role.CHAIR,
    )
    seat(bank, members["leader"], Party.ADMINISTRATION, Membership.Capacity.LEADER)
    seat(bank, members["union"], Party.EMPLOYEE, Membership.Capacity.UNION_REP)
    world = BankWorld(
        municipality=municipality,
        sector=sector,
        units=units,
        bank=bank,
        members=members,
        hiring=login(municipality, unit=units["skole"], leader=True),
        admin=MunicipalAdminFactory.create(municipality=municipality),
        outsider=login(municipality, unit=units["bhg"]),
    )
    world.rules = MatchingRules.objects.create(municipality=municipality)
    for code, name in (
        ("FAG", "Fagbrev helsefagarbeider"),
        ("PED", "Barnehagelærer"),
        ("BIL", "Førerkort klasse B"),
    ):
        world.qualifications[code] = Qualification.objects.create(
            municipality=municipality, code=code, name=name
        )
    for code, name in (("HAR", "Harestua"), ("ROA", "Roa"), ("GRU", "Grua")):
        world.locations[code] = Location.objects.create(
            municipality=municipality, code=code, name=name
        )
    loc = world.locations
    for a, b, minutes in (("HAR", "ROA", 20), ("HAR", "GRU", 15), ("ROA", "GRU", 60)):
        first, second = sorted((loc[a], loc[b]), key=lambda location: location.pk)
        TravelTime.objects.create(
            municipality=municipality, origin=first, destination=second, minutes=minutes
        )
    for key, percent, wanted, kind in (
        ("anne", 100, None, CaseKind.REDUNDANT),
        ("bjorn", 80, None, CaseKind.REDUNDANT),
        ("cecilie", 50, 80, CaseKind.PART_TIME),
    ):
        user = login(municipality, unit=units["pleie"])
        world.people[key] = user
        case = RedeploymentCase.objects.create(
            municipality=municipality,
            bank=bank,
            kind=kind,
            person=user.person,
            from_unit=units["pleie"],
            position="Helsefagarbeider",
            percent=percent,
            wanted_percent=wanted,
            wage_level=520_000,
            location=loc["HAR"],
            seniority_date=datetime.date(2005 + len(world.cases) * 5, 3, 1),
            redundant_on=datetime.date(2026, 9, 1),
            needs_adapted_work=key == "bjorn",
            adapted_work_note="Tåler ikke tunge løft." if key == "bjorn" else "",
        )
        case.qualifications.add(world.qualifications["FAG"])
        world.cases[key] = case
    for key, unit, percent, location in (
        ("sykepleie", "pleie", 100, "ROA"),
        ("assistent", "skole", 80, "HAR"),
        ("natt", "pleie", 30, "GRU"),
    ):
        vacancy = Vacancy.objects.create(
            municipality=municipality,
            unit=units[unit],
            title=f"Helsefagarbeider ({key})",
            percent=percent,
            location=loc[location],
            wage_min=500_000,
            wage_max=560_000,
            starts_on=datetime.date(2027, 1, 1),
        )
        vacancy.required.add(world.qualifications["FAG"])
        world.vacancies[key] = vacancy
    return world
