"""A tripartite body with its people, for the meetings tests.

Trepartsutvalget has three seats per party (the chair is a politician), a secretary from the
administration and a deputy for the employees; each has a login. ``outsider`` is an
employee of the same municipality who sits in no body; ``stranger`` belongs to another
municipality. An LMU with a chair and one member handles a proposal for the school.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.meetings import services
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.models import Body, Membership, Municipality, Person, Unit
from trepart.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REASON = "Partene er enige om at tiltaket gjennomføres fra nytt år."


def at(day: datetime.date, hour: int = 18) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=OSLO)


@dataclass
class World:
    municipality: Municipality
    school: Unit
    body: Body
    lmu: Body
    chair: Any  # users
    secretary: Any
    member: Any
    deputy: Any
    outsider: Any
    stranger: Any
    admin: Any
    lmu_chair: Any
    seats: dict[str, list[Membership]] = field(default_factory=dict)

    def person(self, user: Any) -> Person:
        return Person.objects.get(user=user)


def seat(
    body: Body, *, party: str, role: str = "MEMBER", user: Any = None, **person: Any
) -> Membership:
    kind = Person.Kind.POLITICIAN if party == "POLITICAL" else Person.Kind.EMPLOYEE
    who = PersonFactory.create(municipality=body.municipality, user=user, kind=kind, **person)
    voting = role not in ("SECRETARY", "OBSERVER", "DEPUTY")
    return MembershipFactory.create(body=body, person=who, party=party, role=role, voting=voting)


def build_world() -> World:
    municipality = MunicipalityFactory.create(name="Eikvik kommune")
    school = UnitFactory.create(municipality=municipality, name="Eikvik skole")
    body = BodyFactory.create(
        municipality=municipality, kind="TRIPARTITE", name="Trepartsutvalget", agenda_days_before=7
    )
    lmu = BodyFactory.create(municipality=municipality, kind="LMU", unit=school, name="LMU skole")
    BodyFactory.create(municipality=municipality, kind="COORDINATION", name="Koordineringsgruppa")

    def user(first: str, last: str, **extra: Any) -> Any:
        return UserFactory.create(
            municipality=municipality,
            first_name=first,
            last_name=last,
            email=f"{first.lower()}@eikvik.invalid",
            **extra,
        )

    chair = user("Per", "Politiker")
    secretary = user("Siri", "Sekretær")
    member = user("Tor", "Tillitsvalgt")
    deputy = user("Vara", "Verneombud")
    lmu_chair = user("Lise", "Leder")
    seats: dict[str, list[Membership]] = {"POLITICAL": [], "ADMINISTRATION": [], "EMPLOYEE": []}
    seats["POLITICAL"].append(
        seat(
            body,
            party="POLITICAL",
            role="CHAIR",
            user=chair,
            first_name="Per",
            last_name="Politiker",
            email="per@eikvik.invalid",
        )
    )
    seats["EMPLOYEE"].append(
        seat(
            body,
            party="EMPLOYEE",
            user=member,
            first_name="Tor",
            last_name="Tillitsvalgt",
            email="tor@eikvik.invalid",
        )
    )
    for party in ("POLITICAL", "ADMINISTRATION", "EMPLOYEE"):
        while len(seats[party]) < 3:
            seats[party].append(seat(body, party=party))
    seat(
        body,
        party="ADMINISTRATION",
        role="SECRETARY",
        user=secretary,
        first_name="Siri",
        last_name="Sekretær",
        email="siri@eikvik.invalid",
    )
    seat(
        body,
        party="EMPLOYEE",
        role="DEPUTY",
        user=deputy,
        first_name="Vara",
        last_name="Verneombud",
        email="vara@eikvik.invalid",
    )
    seat(
        lmu,
        party="ADMINISTRATION",
        role="CHAIR",
        user=lmu_chair,
        first_name="Lise",
        last_name="Leder",
        email="lise@eikvik.invalid",
    )
    seat(lmu, party="EMPLOYEE")
    return World(
        municipality=municipality,
        school=school,
        body=body,
        lmu=lmu,
        chair=chair,
        secretary=secretary,
        member=member,
        deputy=deputy,
        outsider=user("Olga", "Utenfor"),
        stranger=UserFactory.create(),
        admin=user("Ada", "Admin", is_municipal_admin=True),
        lmu_chair=lmu_chair,
        seats=seats,
    )


def plan_meeting(world: World, day: datetime.date, **fields: Any) -> Meeting:
    return services.meeting_create(
        actor=world.secretary,
        body=fields.pop("body", world.body),
        starts_at=at(day),
        ends_at=at(day, 20),
        place=fields.pop("place", "Kommunestyresalen"),
        **fields,
    )


def add_item(
    world: World, meeting: Meeting, title: str = "Budsjett 2027", **fields: Any
) -> AgendaItem:
    return services.item_add(
        actor=world.secretary,
        meeting=meeting,
        kind=fields.pop("kind", AgendaItem.Kind.DISCUSSION),
        title=title,
        **fields,
    )


def close_item(
    world: World, meeting: Meeting, title: str = "Nedbemanning ved Eikvik skole"
) -> AgendaItem:
    return add_item(
        world,
        meeting,
        title,
        closed=True,
        legal_basis="OFFL_23",
        description="Forhandlingsposisjon for kommunen.",
    )


def upload(name: str = "saksframlegg.pdf", content: bytes = PDF) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")
