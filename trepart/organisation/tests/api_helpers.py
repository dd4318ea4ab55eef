"""Helpers for the JSON API tests: organisation rows with unique names, users, a token client."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from trepart.accounts.models import ApiToken, hash_token
from trepart.organisation import services
from trepart.organisation.models import Body, CompositionRule, Municipality, Party, Person, Unit

_numbers = itertools.count(1)


def next_number() -> int:
    """A number no other call has given, for unique codes and names."""
    return next(_numbers)


def make_municipality(name: str = "Lunner") -> Municipality:
    return services.municipality_create(
        actor=None,
        name=name,
        organisation_number=f"{next_number():09d}",
        require_mfa_for_admins=False,
    )


def make_unit(m: Municipality, name: str = "Lunner skole", **fields: Any) -> Unit:
    return services.unit_create(
        actor=None, municipality=m, code=f"U{next_number()}", name=name, **fields
    )


def make_person(m: Municipality, kind: str = Person.Kind.EMPLOYEE, **fields: Any) -> Person:
    n = next_number()
    fields.setdefault("first_name", f"Kari{n}")
    fields.setdefault("last_name", f"Nordmann{n}")
    return services.person_create(actor=None, municipality=m, kind=kind, **fields)


def make_body(m: Municipality, name: str = "Trepartsorganet", **fields: Any) -> Body:
    fields.setdefault("kind", Body.Kind.TRIPARTITE)
    fields.setdefault("rules", [{"kind": CompositionRule.Kind.PARITY, "seats_per_party": 3}])
    return services.body_create(actor=None, municipality=m, name=name, **fields)


@dataclass
class Seated:
    politicians: list[Person]
    administration: list[Person]
    employees: list[Person]


def make_people_for_seats(m: Municipality, counts: tuple[int, int, int]) -> Seated:
    return Seated(
        politicians=[make_person(m, Person.Kind.POLITICIAN) for _ in range(counts[0])],
        administration=[make_person(m) for _ in range(counts[1])],
        employees=[make_person(m) for _ in range(counts[2])],
    )


def seat(body: Body, seated: Seated, counts: tuple[int, int, int]) -> None:
    """Give ``counts`` voting seats to the politicians, administration and employees."""
    start = timezone.localdate() - datetime.timedelta(days=30)
    groups = [
        (Party.POLITICAL, seated.politicians),
        (Party.ADMINISTRATION, seated.administration),
        (Party.EMPLOYEE, seated.employees),
    ]
    for (party, people), count in zip(groups, counts, strict=True):
        for person in people[:count]:
            services.membership_add(actor=None, body=body, person=person, party=party, start=start)


def make_user(
    m: Municipality | None, *, admin: bool = False, person: Person | None = None, language: str = ""
) -> Any:
    user = get_user_model().objects.create_user(
        username=f"user{next_number()}",
        password="pw-not-used-1234",
        municipality=m,
        is_municipal_admin=admin,
        language=language,
    )
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    return user


class Api:
    """A client that sends one user's bearer token with every request."""

    def __init__(self, user: Any) -> None:
        raw = ApiToken.new_raw()
        ApiToken.objects.create(user=user, name="t", token_hash=hash_token(raw), hint=raw[:8])
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def get(self, path: str, status: int = 200, **params: Any) -> Any:
        response = self.client.get(f"/api/v1{path}", params, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == status, response.content
        return response.json()


def ids(page: dict[str, Any]) -> set[int]:
    return {item["id"] for item in page["items"]}
