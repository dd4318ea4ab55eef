"""The JSON API's units and people: authentication, scoping to the caller's municipality,
and who sees citizens and contact details."""

from __future__ import annotations

import pytest
from django.test import Client

from trepart.organisation import services
from trepart.organisation.models import Body, Municipality, Party, Person, Unit
from trepart.organisation.tests.api_helpers import (
    Api,
    ids,
    make_body,
    make_municipality,
    make_person,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db


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
