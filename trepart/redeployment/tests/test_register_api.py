"""The register and the vacancies in the API, with the pages' rules: members see and change
the register, hiring authorities their units' vacancies, nobody else anything."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from trepart.accounts.tests.factories import MunicipalAdminFactory, MunicipalityFactory
from trepart.organisation.tests.factories import UnitFactory
from trepart.redeployment.models import CaseEvent, RedeploymentCase, Vacancy
from trepart.redeployment.tests.helpers import bank_world, client_for
from trepart.redeployment.tests.world import BankWorld, login

pytestmark = pytest.mark.django_db

CASES = "/api/v1/redeployment/cases"
VACANCIES = "/api/v1/redeployment/vacancies"


@pytest.fixture
def world() -> BankWorld:
    return bank_world()


def send(client: Client, method: str, url: str, body: dict[str, Any]) -> Any:
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def case_body(world: BankWorld, person_id: int, **changes: Any) -> dict[str, Any]:
    body = {
        "person_id": person_id,
        "kind": "REDUNDANT",
        "from_unit_id": world.units["bhg"].pk,
        "position": "Barnehagelærer",
        "percent": 80,
        "wage_level": 540000,
        "qualifications": ["PED", "bil"],
        "location": "GRU",
        "seniority_date": "2011-01-01",
        "preferred_locations": ["HAR"],
        "redundant_on": "2026-10-01",
    }
    body.update(changes)
    return body


def vacancy_body(world: BankWorld, **changes: Any) -> dict[str, Any]:
    body = {
        "unit_id": world.units["skole"].pk,
        "title": "Lærer",
        "percent": 60,
        "required": ["PED"],
        "location": "HAR",
        "wage_min": 500000,
        "wage_max": 600000,
        "starts_on": "2027-02-01",
    }
    body.update(changes)
    return body


def test_a_member_reads_the_register_a_page_at_a_time(world: BankWorld) -> None:
    client = client_for(world.members["union"])
    first = client.get(f"{CASES}?limit=2").json()
    second = client.get(f"{CASES}?limit=2&offset=2").json()
    assert first["count"] == 3 and len(first["items"]) == 2 and len(second["items"]) == 1
    bjorn = client.get(f"{CASES}/{world.cases['bjorn'].pk}").json()
    assert bjorn["adapted_work_note"] == "Tåler ikke tunge løft."
    assert bjorn["qualifications"] == ["FAG"] and bjorn["location"] == "HAR"
    part_time = client.get(f"{CASES}?kind=PART_TIME").json()
    assert [item["wanted_percent"] for item in part_time["items"]] == [80]


@pytest.mark.parametrize("who", ["hiring", "outsider", "person"])
def test_nobody_outside_the_bank_gets_the_register(world: BankWorld, who: str) -> None:
    user = {"hiring": world.hiring, "outsider": world.outsider, "person": world.people["anne"]}[who]
    client = client_for(user)
    assert client.get(CASES).status_code == 403
    assert client.get(f"{CASES}/{world.cases['anne'].pk}").status_code == 403
    assert send(client, "post", CASES, case_body(world, user.person.pk)).status_code == 403
    assert RedeploymentCase.objects.count() == 3


def test_anonymous_and_another_municipality_get_nothing(world: BankWorld) -> None:
    assert Client().get(CASES).status_code == 401
    assert Client().get(VACANCIES).status_code == 401
    elsewhere = MunicipalityFactory.create(require_mfa_for_admins=False)
    UnitFactory.create(municipality=elsewhere)
    stranger = client_for(MunicipalAdminFactory.create(municipality=elsewhere))
    assert stranger.get(CASES).json()["count"] == 0
    assert stranger.get(f"{CASES}/{world.cases['anne'].pk}").status_code == 404
    assert stranger.get(f"{VACANCIES}/{world.vacancies['natt'].pk}").status_code == 404


def test_a_member_registers_and_corrects_a_case(world: BankWorld) -> None:
    client = client_for(world.members["chair"])
    person = login(world.municipality, unit=world.units["bhg"]).person
    response = send(client, "post", CASES, case_body(world, person.pk))
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["status"] == "ACTIVE"
    assert sorted(made["qualifications"]) == ["BIL", "PED"]
    body = case_body(world, person.pk, version=made["version"], percent=60)
    body.pop("person_id")
    changed = send(client, "put", f"{CASES}/{made['id']}", body)
    assert changed.status_code == 200 and changed.json()["percent"] == 60
    kinds = list(CaseEvent.objects.filter(case_id=made["id"]).values_list("kind", flat=True))
    assert kinds == ["REGISTERED", "CHANGED"]
    stale = send(client, "put", f"{CASES}/{made['id']}", body)
    assert stale.status_code == 409


def test_bad_input_is_refused_with_reasons_and_saves_nothing(world: BankWorld) -> None:
    client = client_for(world.members["chair"])
    person = login(world.municipality).person
    refused = send(client, "post", CASES, case_body(world, person.pk, qualifications=["XYZ"]))
    assert refused.status_code == 400
    assert refused.json()["errors"]["qualifications"] == ["Unknown qualification codes: XYZ."]
    refused = send(client, "post", CASES, case_body(world, person.pk, percent=0))
    assert "between 1 and 100" in refused.json()["errors"]["percent"][0]
    refused = send(client, "post", CASES, case_body(world, person.pk, wanted_percent=70))
    assert "larger than the current 80 %" in refused.json()["errors"]["wanted_percent"][0]
    assert not RedeploymentCase.objects.filter(person=person).exists()


def test_a_hiring_authority_registers_its_units_vacancies_only(world: BankWorld) -> None:
    client = client_for(world.hiring)
    listed = client.get(VACANCIES).json()
    assert [item["title"] for item in listed["items"]] == ["Helsefagarbeider (assistent)"]
    assert client.get(f"{VACANCIES}/{world.vacancies['natt'].pk}").status_code == 404
    made = send(client, "post", VACANCIES, vacancy_body(world))
    assert made.status_code == 201 and made.json()["held"] is True
    elsewhere = send(
        client, "post", VACANCIES, vacancy_body(world, unit_id=world.units["pleie"].pk)
    )
    assert elsewhere.status_code == 400 and "unit_id" in elsewhere.json()["errors"]
    reversed_band = send(
        client,
        "put",
        f"{VACANCIES}/{made.json()['id']}",
        vacancy_body(world, version=1, wage_min=600000, wage_max=500000),
    )
    assert reversed_band.status_code == 400
    assert "reversed" in reversed_band.json()["errors"]["wage_max"][0]
    assert Vacancy.objects.get(pk=made.json()["id"]).wage_min == 500000
    assert client_for(world.outsider).get(VACANCIES).status_code == 403


def test_the_vacancy_status_filter_names_every_status() -> None:
    from typing import get_args

    from trepart.redeployment.api.schemas import VacancyStatus
    from trepart.redeployment.models import Vacancy

    assert set(get_args(VacancyStatus)) == set(Vacancy.Status.values)
