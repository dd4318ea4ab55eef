"""A municipality for the proposals API tests: bodies with a chair, a secretary and members,
each with a user and a bearer token, plus an administrator and a stranger from elsewhere;
and the steps the tests take through the services (submit, take up, everyone agrees)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.test import Client

from trepart.accounts.models import ApiToken, hash_token
from trepart.accounts.tests.factories import MunicipalAdminFactory, MunicipalityFactory, UserFactory
from trepart.organisation.models import Body, Membership, Municipality, Unit
from trepart.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)
from trepart.proposals import services
from trepart.proposals.models import Proposal

REASON = "Tiltaket passer godt inn i planene for neste år og gjennomføres i vår."


class Api:
    """A client that sends one user's bearer token (or none) and asks for English."""

    def __init__(self, user: Any | None = None) -> None:
        headers: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"}
        if user is not None:
            raw = ApiToken.new_raw()
            ApiToken.objects.create(user=user, name="t", token_hash=hash_token(raw), hint=raw[:8])
            headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
        self.client = Client(**headers)
        self.last: Any = None

    def get(self, path: str, expect: int = 200, **params: Any) -> Any:
        response = self.client.get(f"/api/v1{path}", params)
        self.last = response
        assert response.status_code == expect, response.content
        return response.json()

    def post(self, path: str, body: dict[str, Any] | None = None, expect: int = 200) -> Any:
        response = self.client.post(
            f"/api/v1{path}", json.dumps(body or {}), content_type="application/json"
        )
        self.last = response
        assert response.status_code == expect, response.content
        return response.json()


@dataclass
class World:
    municipality: Municipality
    school: Unit
    kindergarten: Unit
    lmu: Body
    coordination: Body
    tripartite: Body
    chair: Any
    secretary: Any
    member: Any
    member_seat: Membership
    seats: list[Membership]
    coordinator: Any
    proposer: Any
    employee: Any
    admin: Any
    stranger: Any


def user_with_person(municipality: Municipality, first: str, last: str) -> Any:
    user = UserFactory.create(municipality=municipality, first_name=first, last_name=last)
    PersonFactory.create(
        municipality=municipality,
        user=user,
        first_name=first,
        last_name=last,
        email=f"{first.lower()}@kommune.invalid",
    )
    return user


def seat_user(body: Body, user: Any, party: str, role: str = "MEMBER", **extra: Any) -> Membership:
    return MembershipFactory.create(body=body, person=user.person, party=party, role=role, **extra)


def make_world() -> World:
    municipality = MunicipalityFactory.create(name="Eikvik")
    school = UnitFactory.create(municipality=municipality, name="Bakken skole")
    kindergarten = UnitFactory.create(municipality=municipality, name="Solsida barnehage")
    tripartite = BodyFactory.create(municipality=municipality, kind="TRIPARTITE", name="PSU")
    coordination = BodyFactory.create(
        municipality=municipality, kind="COORDINATION", name="Koordineringsgruppa"
    )
    lmu = BodyFactory.create(
        municipality=municipality, kind="LMU", unit=school, name="LMU Bakken skole"
    )
    chair = user_with_person(municipality, "Cecilie", "Leder")
    secretary = user_with_person(municipality, "Sigurd", "Skriver")
    member = user_with_person(municipality, "Mona", "Medlem")
    safety = user_with_person(municipality, "Vera", "Verneombud")
    seats = [
        seat_user(lmu, chair, "ADMINISTRATION", "CHAIR", capacity="LEADER"),
        seat_user(lmu, member, "EMPLOYEE", capacity="UNION_REP"),
        seat_user(lmu, safety, "EMPLOYEE", capacity="SAFETY_REP"),
    ]
    seat_user(lmu, secretary, "ADMINISTRATION", "SECRETARY", voting=False)
    coordinator = user_with_person(municipality, "Kjell", "Koordinator")
    seat_user(coordination, coordinator, "ADMINISTRATION", "CHAIR")
    return World(
        municipality=municipality,
        school=school,
        kindergarten=kindergarten,
        lmu=lmu,
        coordination=coordination,
        tripartite=tripartite,
        chair=chair,
        secretary=secretary,
        member=member,
        member_seat=seats[1],
        seats=seats,
        coordinator=coordinator,
        proposer=user_with_person(municipality, "Petra", "Forslagsstiller"),
        employee=user_with_person(municipality, "Ola", "Ansatt"),
        admin=MunicipalAdminFactory.create(municipality=municipality),
        stranger=user_with_person(MunicipalityFactory.create(name="Annenby"), "Sture", "Fremmed"),
    )


def proposal_body(world: World, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Felles lunsjrom for lærerne",
        "description": "Lærerne spiser i klasserommene. Et lunsjrom gir pause og fellesskap.",
        "unit_ids": [world.school.pk],
    }
    body.update(changes)
    return body


def submit(world: World, actor: Any = None, **changes: Any) -> Proposal:
    values = proposal_body(world, **changes)
    return services.proposal_submit(
        actor=actor or world.proposer, municipality=world.municipality, **values
    )


def taken_up(world: World, **changes: Any) -> Proposal:
    proposal = submit(world, **changes)
    return services.proposal_take_up(actor=world.chair, proposal=proposal)


def agree_all(world: World, proposal: Proposal) -> None:
    for seat in world.seats:
        services.position_record(
            actor=world.chair, proposal=proposal, membership=seat, stance="AGREE"
        )
