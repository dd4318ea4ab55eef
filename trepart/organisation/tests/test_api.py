"""The organisation's JSON API: scoping, visibility, rule checks and a fixed query count."""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass
from typing import Any, get_args

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trepart.accounts.models import ApiToken, hash_token
from trepart.organisation import schemas, services
from trepart.organisation.models import (
    Body,
    CompositionRule,
    Membership,
    Municipality,
    Party,
    Person,
    Unit,
)

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


# --- helpers ---------------------------------------------------------------------------


def make_municipality(name: str = "Lunner") -> Municipality:
    return services.municipality_create(
        actor=None,
        name=name,
        organisation_number=f"{next(_numbers):09d}",
        require_mfa_for_admins=False,
    )


def make_unit(m: Municipality, name: str = "Lunner skole", **fields: Any) -> Unit:
    return services.unit_create(
        actor=None, municipality=m, code=f"U{next(_numbers)}", name=name, **fields
    )


def make_person(m: Municipality, kind: str = Person.Kind.EMPLOYEE, **fields: Any) -> Person:
    n = next(_numbers)
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
        username=f"user{next(_numbers)}",
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


@pytest.fixture
def lunner() -> Municipality:
    return make_municipality("Lunner")


@pytest.fixture
def eiker() -> Municipality:
    return make_municipality("Øvre Eiker")


# --- authentication and tenancy -------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/units", "/units/1", "/people", "/people/1", "/bodies", "/bodies/1"]
)
def test_requests_without_credentials_get_401(client: Client, path: str) -> None:
    assert client.get(f"/api/v1{path}").status_code == 401


def test_an_unknown_token_gets_401(client: Client, lunner: Municipality) -> None:
    response = client.get("/api/v1/units", HTTP_AUTHORIZATION="Bearer tp_not-a-real-token")
    assert response.status_code == 401


def test_a_logged_in_browser_session_may_read(client: Client, lunner: Municipality) -> None:
    make_unit(lunner)
    client.force_login(make_user(lunner))
    response = client.get("/api/v1/units")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_user_without_municipality_is_refused(lunner: Municipality) -> None:
    make_unit(lunner)
    Api(make_user(None)).get("/units", status=403)


def test_another_municipalitys_ids_give_404_and_never_appear_in_lists(
    lunner: Municipality, eiker: Municipality
) -> None:
    own_unit, other_unit = make_unit(lunner), make_unit(eiker)
    own_person, other_person = make_person(lunner), make_person(eiker)
    own_body, other_body = make_body(lunner), make_body(eiker)
    api = Api(make_user(lunner, admin=True))

    assert ids(api.get("/units")) == {own_unit.pk}
    assert ids(api.get("/people")) == {own_person.pk}
    assert ids(api.get("/bodies")) == {own_body.pk}
    api.get(f"/units/{other_unit.pk}", status=404)
    api.get(f"/people/{other_person.pk}", status=404)
    api.get(f"/bodies/{other_body.pk}", status=404)
    assert api.get(f"/units/{own_unit.pk}")["id"] == own_unit.pk
    assert api.get(f"/people/{own_person.pk}")["id"] == own_person.pk
    assert api.get(f"/bodies/{own_body.pk}")["id"] == own_body.pk
    # Filtering by another municipality's unit finds nothing either.
    assert api.get("/units", parent_id=other_unit.pk)["count"] == 0


# --- units ----------------------------------------------------------------------------


def test_units_list_fields_and_filter_by_parent(lunner: Municipality) -> None:
    sector = make_unit(lunner, "Oppvekst", kind=Unit.Kind.SECTOR)
    school = make_unit(lunner, "Lunner skole", parent=sector, employee_count=42)
    make_unit(lunner, "Helse", kind=Unit.Kind.SECTOR)
    api = Api(make_user(lunner))

    assert api.get("/units")["count"] == 3
    page = api.get("/units", parent_id=sector.pk)
    assert page == {
        "count": 1,
        "items": [
            {
                "id": school.pk,
                "code": school.code,
                "name": "Lunner skole",
                "kind": "UNIT",
                "parent_id": sector.pk,
                "employee_count": 42,
            }
        ],
    }


def test_lists_are_paginated_with_a_maximum_of_500(lunner: Municipality) -> None:
    for n in range(5):
        make_unit(lunner, f"Enhet {n}")
    api = Api(make_user(lunner))

    page = api.get("/units", limit=2, offset=1)
    assert page["count"] == 5
    assert [u["name"] for u in page["items"]] == ["Enhet 1", "Enhet 2"]
    api.get("/units", status=422, limit=501)
    api.get("/people", status=422, limit=0)
    api.get("/bodies", status=422, offset=-1)


# --- people ---------------------------------------------------------------------------


def test_citizens_are_hidden_from_an_employee_but_visible_to_an_admin(
    lunner: Municipality,
) -> None:
    citizen = make_person(lunner, Person.Kind.CITIZEN, email="c@example.org")
    colleague = make_person(lunner)
    employee = Api(make_user(lunner, person=make_person(lunner)))
    admin = Api(make_user(lunner, admin=True))

    assert citizen.pk not in ids(employee.get("/people"))
    assert colleague.pk in ids(employee.get("/people"))
    assert employee.get("/people", kind="CITIZEN")["count"] == 0
    employee.get(f"/people/{citizen.pk}", status=404)

    assert citizen.pk in ids(admin.get("/people"))
    assert admin.get(f"/people/{citizen.pk}")["email"] == "c@example.org"


def test_a_citizen_is_visible_to_those_who_sit_with_them(lunner: Municipality) -> None:
    committee = make_body(lunner, "Grendeutvalget", kind=Body.Kind.CITIZEN_COMMITTEE, rules=[])
    citizen = make_person(lunner, Person.Kind.CITIZEN)
    politician = make_person(lunner, Person.Kind.POLITICIAN)
    for person, party in [(citizen, Party.CITIZEN), (politician, Party.POLITICAL)]:
        services.membership_add(actor=None, body=committee, person=person, party=party)
    api = Api(make_user(lunner, person=politician))

    assert citizen.pk in ids(api.get("/people", kind="CITIZEN"))
    assert api.get(f"/people/{citizen.pk}")["id"] == citizen.pk


def test_contact_details_only_for_self_body_colleagues_and_admins(lunner: Municipality) -> None:
    me = make_person(lunner, email="me@example.org", phone="111")
    colleague = make_person(lunner, email="colleague@example.org", phone="222")
    stranger = make_person(lunner, email="stranger@example.org", phone="333")
    lmu = make_body(lunner, "LMU skolen", kind=Body.Kind.LMU, rules=[])
    for person in (me, colleague):
        services.membership_add(actor=None, body=lmu, person=person, party=Party.EMPLOYEE)
    api = Api(make_user(lunner, person=me))

    listed = {p["id"]: p for p in api.get("/people")["items"]}
    assert (listed[me.pk]["email"], listed[me.pk]["phone"]) == ("me@example.org", "111")
    assert listed[colleague.pk]["email"] == "colleague@example.org"
    assert (listed[stranger.pk]["email"], listed[stranger.pk]["phone"]) == (None, None)
    assert api.get(f"/people/{stranger.pk}")["email"] is None
    assert api.get(f"/people/{colleague.pk}")["phone"] == "222"

    nobody = Api(make_user(lunner))
    assert all(p["email"] is None for p in nobody.get("/people")["items"])
    admin = Api(make_user(lunner, admin=True))
    assert all(p["email"] for p in admin.get("/people")["items"])


def test_people_search_by_words(lunner: Municipality) -> None:
    found = make_person(lunner, first_name="Ola", last_name="Haugen", position="Rektor")
    make_person(lunner, first_name="Kari", last_name="Berg")
    api = Api(make_user(lunner))

    assert ids(api.get("/people", q="haugen rektor")) == {found.pk}
    person = api.get(f"/people/{found.pk}")
    assert person["position"] == "Rektor"
    assert set(person) == {
        "id",
        "first_name",
        "last_name",
        "kind",
        "unit_id",
        "position",
        "is_leader",
        "email",
        "phone",
    }


# --- bodies ---------------------------------------------------------------------------


def test_body_with_3_3_2_seats_breaks_parity_and_3_3_3_meets_it(lunner: Municipality) -> None:
    seated = make_people_for_seats(lunner, (3, 3, 3))
    short = make_body(lunner, "Trepartsorganet A")
    seat(short, seated, (3, 3, 2))
    equal = make_body(lunner, "Trepartsorganet B")
    seat(equal, seated, (3, 3, 3))
    api = Api(make_user(lunner))

    listed = {b["id"]: b for b in api.get("/bodies")["items"]}
    assert listed[short.pk]["composition_ok"] is False
    assert any("3 voting seats" in problem for problem in listed[short.pk]["problems"])
    assert listed[equal.pk]["composition_ok"] is True
    assert listed[equal.pk]["problems"] == []
    assert listed[equal.pk]["kind"] == "TRIPARTITE"
    continuity = listed[equal.pk]["continuity"]
    assert (continuity["seats"], continuity["stable"], continuity["percent"]) == (9, 9, 100)
    assert continuity["period_end"] == timezone.localdate().isoformat()


def test_body_detail_has_rules_and_current_members(lunner: Municipality) -> None:
    seated = make_people_for_seats(lunner, (3, 3, 3))
    body = make_body(lunner)
    seat(body, seated, (3, 3, 3))
    chair = seated.politicians[0]
    Membership.objects.filter(body=body, person=chair).update(role=Membership.Role.CHAIR)
    services.membership_add(
        actor=None,
        body=body,
        person=make_person(lunner),
        party=Party.EMPLOYEE,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2021, 1, 1),
    )
    detail = Api(make_user(lunner)).get(f"/bodies/{body.pk}")

    assert detail["composition_ok"] is True
    assert detail["rules"] == [{"kind": "PARITY", "seats_per_party": 3}]
    assert len(detail["members"]) == 9  # the ended term is not a current member
    assert [m["party"] for m in detail["members"]][:3] == ["POLITICAL"] * 3
    first = detail["members"][0]
    assert first["person"] == {
        "id": chair.pk,
        "first_name": chair.first_name,
        "last_name": chair.last_name,
    }
    assert (first["role"], first["voting"], first["end"]) == ("CHAIR", True, None)


def test_body_detail_hides_a_citizen_member_from_those_who_may_not_see_them(
    lunner: Municipality,
) -> None:
    committee = make_body(lunner, "Grendeutvalget", kind=Body.Kind.CITIZEN_COMMITTEE, rules=[])
    citizen = make_person(lunner, Person.Kind.CITIZEN)
    services.membership_add(actor=None, body=committee, person=citizen, party=Party.CITIZEN)

    outsider = Api(make_user(lunner, person=make_person(lunner))).get(f"/bodies/{committee.pk}")
    assert outsider["members"][0]["person"] is None
    assert outsider["members"][0]["party"] == "CITIZEN"
    admin = Api(make_user(lunner, admin=True)).get(f"/bodies/{committee.pk}")
    assert admin["members"][0]["person"]["id"] == citizen.pk


def test_bodies_filter_by_kind(lunner: Municipality) -> None:
    lmu = make_body(lunner, "LMU", kind=Body.Kind.LMU, rules=[])
    make_body(lunner)
    assert ids(Api(make_user(lunner)).get("/bodies", kind="LMU")) == {lmu.pk}


def test_problems_come_in_the_language_asked_for(lunner: Municipality) -> None:
    make_body(lunner)  # no seats: breaks parity
    api = Api(make_user(lunner))
    english = api.client.get("/api/v1/bodies", HTTP_ACCEPT_LANGUAGE="en")
    assert english["Content-Language"] == "en"
    assert "voting seats" in english.json()["items"][0]["problems"][0]


def test_body_list_query_count_does_not_grow_with_the_number_of_bodies(
    lunner: Municipality,
) -> None:
    seated = make_people_for_seats(lunner, (3, 3, 3))
    api = Api(make_user(lunner))

    def add_bodies(n: int) -> None:
        for _ in range(n):
            body = make_body(lunner, f"Organ {next(_numbers)}", unit=make_unit(lunner))
            seat(body, seated, (3, 3, 2))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = api.get("/bodies")
        assert page["count"] == Body.objects.filter(municipality=lunner).count()
        return len(captured.captured_queries)

    add_bodies(3)
    api.get("/bodies")  # the first request also records the token's use
    few = queries()
    add_bodies(27)
    assert queries() == few


# --- the schema -----------------------------------------------------------------------


def test_openapi_lists_the_endpoints_with_response_schemas(lunner: Municipality) -> None:
    document = Client().get("/api/v1/openapi.json").json()
    expected = {
        "/api/v1/units": "UnitPage",
        "/api/v1/units/{unit_id}": "UnitOut",
        "/api/v1/people": "PersonPage",
        "/api/v1/people/{person_id}": "PersonOut",
        "/api/v1/bodies": "BodyPage",
        "/api/v1/bodies/{body_id}": "BodyDetailOut",
    }
    for path, schema in expected.items():
        ok = document["paths"][path]["get"]["responses"]["200"]
        assert ok["content"]["application/json"]["schema"]["$ref"].endswith(f"/{schema}")
    assert "continuity" in document["components"]["schemas"]["BodyOut"]["properties"]


def test_the_docs_page_loads_nothing_from_other_hosts() -> None:
    response = Client().get("/api/v1/docs")
    if response.status_code == 404:  # the docs page is switched off: nothing to load
        return
    assert response.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', response.content.decode())
    assert assets
    assert not [url for url in assets if "//" in url]


@pytest.mark.parametrize(
    ("literal", "choices"),
    [
        (schemas.UnitKind, Unit.Kind),
        (schemas.PersonKind, Person.Kind),
        (schemas.BodyKind, Body.Kind),
        (schemas.RuleKind, CompositionRule.Kind),
        (schemas.PartyName, Party),
        (schemas.MemberRole, Membership.Role),
        (schemas.MemberCapacity, Membership.Capacity),
    ],
)
def test_schema_choices_match_the_models(literal: Any, choices: Any) -> None:
    assert list(get_args(literal)) == list(choices.values)
