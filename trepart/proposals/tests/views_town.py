"""A municipality for the tests of the proposals pages: a school with its LMU, a kindergarten,
a coordination group and a tripartite body, the people who sit in them, and the steps the
tests take (submit through the services, act and read through the pages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import reverse

from trepart.accounts.tests.factories import (
    MunicipalAdminFactory,
    MunicipalityFactory,
    UserFactory,
)
from trepart.organisation.models import Body, Membership, Municipality, Unit
from trepart.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)
from trepart.proposals import services
from trepart.proposals.models import Proposal

REASON = "Vi har vurdert forslaget grundig og finner det godt begrunnet."


@dataclass
class Town:
    municipality: Municipality
    school: Unit
    kindergarten: Unit
    lmu: Body
    group: Body
    tripartite: Body
    users: dict[str, Any]
    seats: dict[str, Membership]


def make_user(municipality: Municipality, username: str, first: str, last: str) -> Any:
    user = UserFactory.create(
        municipality=municipality, username=username, first_name=first, last_name=last
    )
    PersonFactory.create(municipality=municipality, user=user, first_name=first, last_name=last)
    return user


def seat(body: Body, user: Any, party: str, role: str, capacity: str = "OTHER", **extra: Any):
    return MembershipFactory.create(
        body=body, person=user.person, party=party, role=role, capacity=capacity, **extra
    )


def build_town() -> Town:
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    school = UnitFactory.create(municipality=municipality, name="Bakken skole")
    kindergarten = UnitFactory.create(municipality=municipality, name="Solsida barnehage")
    lmu = BodyFactory.create(municipality=municipality, kind="LMU", unit=school, name="LMU Bakken")
    group = BodyFactory.create(municipality=municipality, kind="COORDINATION", name="Koordinering")
    tripartite = BodyFactory.create(municipality=municipality, kind="TRIPARTITE", name="PSU")
    users = {
        name: make_user(municipality, name, first, last)
        for name, first, last in [
            ("chair", "Lise", "Leder"),
            ("secretary", "Siri", "Sekretær"),
            ("member", "Tor", "Tillitsvalgt"),
            ("safety", "Vera", "Verneombud"),
            ("other", "Ola", "Annen"),
            ("proposer", "Kari", "Forslagsstiller"),
            ("group_chair", "Gro", "Koordinator"),
            ("group_member", "Geir", "Gruppemedlem"),
            ("psu_chair", "Per", "Partssammensatt"),
        ]
    }
    users["admin"] = MunicipalAdminFactory.create(municipality=municipality, username="admin")
    users["outsider"] = UserFactory.create(username="outsider")
    seats = {
        "chair": seat(lmu, users["chair"], "ADMINISTRATION", "CHAIR", "LEADER"),
        "secretary": seat(lmu, users["secretary"], "ADMINISTRATION", "SECRETARY", voting=False),
        "member": seat(lmu, users["member"], "EMPLOYEE", "MEMBER", "UNION_REP"),
        "safety": seat(lmu, users["safety"], "EMPLOYEE", "MEMBER", "SAFETY_REP"),
    }
    seat(group, users["group_chair"], "ADMINISTRATION", "CHAIR")
    seat(group, users["group_member"], "EMPLOYEE", "MEMBER")
    seat(tripartite, users["psu_chair"], "POLITICAL", "CHAIR")
    return Town(municipality, school, kindergarten, lmu, group, tripartite, users, seats)


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def submit(town: Town, **changes: Any) -> Proposal:
    fields: dict[str, Any] = {
        "actor": town.users["proposer"],
        "municipality": town.municipality,
        "title": "Felles lunsjrom for lærerne",
        "description": "Lærerne spiser i klasserommene. Et lunsjrom gir pause og fellesskap.",
        "unit_ids": [town.school.pk],
    }
    fields.update(changes)
    return services.proposal_submit(**fields)


def act(town: Town, who: str, proposal: Proposal, action: str, **data: Any) -> Any:
    proposal.refresh_from_db()
    data.setdefault("version", proposal.version)
    url = reverse("proposals:act", args=[proposal.pk, action])
    return client_for(town.users[who]).post(url, data)


def page(town: Town, who: str, name: str, *args: Any, **params: Any) -> Any:
    return client_for(town.users[who]).get(reverse(name, args=args), params)
