"""Vacancies: a hiring authority registers and corrects its units' vacancies, which are held
for the stillingsbank; members see them all; bad input is refused with nothing saved."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from trepart.redeployment.models import Vacancy
from trepart.redeployment.services.vacancies import vacancy_create, vacancy_update
from trepart.redeployment.tests.helpers import bank_world, client_for
from trepart.redeployment.tests.world import BankWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> BankWorld:
    return bank_world()


def url(name: str, *args: Any) -> str:
    return reverse(f"redeployment:{name}", args=args)


def form(world: BankWorld, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit": world.units["skole"].pk,
        "title": "Lærer",
        "percent": 60,
        "required": [world.qualifications["PED"].pk],
        "wanted": [world.qualifications["BIL"].pk],
        "location": world.locations["HAR"].pk,
        "wage_min": 500000,
        "wage_max": 600000,
        "starts_on": "2027-02-01",
    }
    data.update(changes)
    return data


def test_a_hiring_authority_registers_a_vacancy_held_for_the_bank(world: BankWorld) -> None:
    client = client_for(world.hiring)
    response = client.post(url("vacancy_create"), form(world))
    vacancy = Vacancy.objects.get(title="Lærer")
    assert response["Location"] == url("vacancy_detail", vacancy.pk)
    assert vacancy.status == Vacancy.Status.HELD and vacancy.registered_by == world.hiring
    assert list(vacancy.wanted.all()) == [world.qualifications["BIL"]]
    page = client.get(url("vacancy_detail", vacancy.pk)).content.decode()
    assert "Held for the stillingsbank." in page
    assert "cannot be advertised externally yet" in page


def test_a_hiring_authority_sees_and_registers_only_its_units(world: BankWorld) -> None:
    client = client_for(world.hiring)
    rows = client.get(url("vacancy_list")).context["page_obj"].object_list
    assert [row.pk for row in rows] == [world.vacancies["assistent"].pk]
    assert client.get(url("vacancy_detail", world.vacancies["natt"].pk)).status_code == 404
    assert client.get(url("vacancy_edit", world.vacancies["natt"].pk)).status_code == 404
    response = client.post(url("vacancy_create"), form(world, unit=world.units["pleie"].pk))
    assert response.status_code == 200
    assert not Vacancy.objects.filter(title="Lærer").exists()
    with pytest.raises(ValidationError):
        vacancy_create(
            actor=world.hiring,
            unit=world.units["pleie"],
            title="X",
            percent=50,
            location=world.locations["HAR"],
            wage_min=1,
            wage_max=2,
            starts_on=world.vacancies["natt"].starts_on,
        )


def test_members_see_every_vacancy_and_others_none(world: BankWorld) -> None:
    rows = client_for(world.members["union"]).get(url("vacancy_list")).context["page_obj"]
    assert rows.paginator.count == 3
    outsider = client_for(world.outsider)
    assert outsider.get(url("vacancy_list")).status_code == 403
    assert outsider.get(url("vacancy_create")).status_code == 403
    assert outsider.get(url("vacancy_detail", world.vacancies["natt"].pk)).status_code == 404
    with pytest.raises(PermissionDenied):
        vacancy_update(
            actor=world.outsider, vacancy=world.vacancies["natt"], version=1, title="Ny tittel"
        )


def test_bad_figures_are_refused_with_clear_messages(world: BankWorld) -> None:
    client = client_for(world.hiring)
    page = client.post(url("vacancy_create"), form(world, percent=0)).content.decode()
    assert "The position % must be between 1 and 100." in page
    reply = client.post(url("vacancy_create"), form(world, wage_min=600000, wage_max=500000))
    assert "The wage band is reversed" in reply.content.decode()
    both = form(world, wanted=[world.qualifications["PED"].pk])
    reply = client.post(url("vacancy_create"), both)
    assert "either required or wanted, not both" in reply.content.decode()
    assert not Vacancy.objects.filter(title="Lærer").exists()


def test_an_edit_is_versioned_and_a_concurrent_one_refused(world: BankWorld) -> None:
    client = client_for(world.hiring)
    vacancy = world.vacancies["assistent"]
    data = form(world, version=1, title="Assistent (endret)")
    stale = form(world, version=1, title="Assistent (gammel)")
    assert client.post(url("vacancy_edit", vacancy.pk), data).status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.title == "Assistent (endret)" and vacancy.version == 2
    response = client.post(url("vacancy_edit", vacancy.pk), stale)
    assert response.status_code == 409
    assert 'value="Assistent (gammel)"' in response.content.decode()
    vacancy.refresh_from_db()
    assert vacancy.title == "Assistent (endret)"
