"""The preferential rights: an employee's own § 14-3 wish (registered, shown, withdrawn),
the register page of § 14-2 rights and wishes, and the daily duty that ends lapsed rights."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from trepart.accounts.tests.factories import MunicipalityFactory
from trepart.platform.duties import registered_duties
from trepart.redeployment.models import CaseEvent, CaseKind, CaseStatus, RedeploymentCase
from trepart.redeployment.services.outcomes import case_outcome_record
from trepart.redeployment.services.rights import preferential_rights_lapse
from trepart.redeployment.tests.world import BankWorld, build_bank_world, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> BankWorld:
    return build_bank_world()


def client_for(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def wish_form(world: BankWorld, **changes: Any) -> dict[str, Any]:
    return {
        "position": "Assistent",
        "percent": "40",
        "wanted_percent": "80",
        "wage_level": "480000",
        "location": str(world.locations["GRU"].pk),
        "seniority_date": "2015-08-01",
        **changes,
    }


def test_a_part_time_employee_registers_and_withdraws_a_wish(world: BankWorld) -> None:
    employee = world.outsider
    client = client_for(employee)
    assert client.get(reverse("redeployment:wish")).status_code == 200
    response = client.post(reverse("redeployment:wish"), wish_form(world))
    assert response.status_code == 302
    case = RedeploymentCase.objects.get(person=employee.person)
    assert (case.kind, case.percent, case.wanted_percent, case.bank) == (
        CaseKind.PART_TIME,
        40,
        80,
        world.bank,
    )
    assert case.from_unit == world.units["bhg"]
    assert list(case.events.values_list("kind", "by")) == [(CaseEvent.Kind.REGISTERED, employee.pk)]
    page = client.get(reverse("redeployment:wish")).content.decode()
    assert "Your registered wish" in page and "80 %" in page
    # Twice is refused: one open wish at a time.
    client.post(reverse("redeployment:wish"), wish_form(world))
    assert RedeploymentCase.objects.filter(person=employee.person).count() == 1
    client.post(reverse("redeployment:wish"), {"action": "withdraw", "version": case.version})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.events.last().kind == CaseEvent.Kind.CLOSED  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"wanted_percent": "40"}, "must be larger than today"),
        ({"percent": "100"}, "Ensure this value is less than or equal to 99"),
        ({"seniority_date": "2099-01-01"}, "cannot be in the future"),
    ],
)
def test_a_wish_that_makes_no_sense_is_refused(
    world: BankWorld, changes: dict[str, str], words: str
) -> None:
    response = client_for(world.outsider).post(
        reverse("redeployment:wish"), wish_form(world, **changes)
    )
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not RedeploymentCase.objects.filter(person=world.outsider.person).exists()


def test_without_a_stillingsbank_no_wish_can_be_registered() -> None:
    municipality = MunicipalityFactory.create()
    employee = login(municipality)
    response = client_for(employee).get(reverse("redeployment:wish"))
    assert "has no stillingsbank" in response.content.decode()


def test_the_person_sees_their_own_case_offers_and_history_but_not_the_note(
    world: BankWorld,
) -> None:
    case_outcome_record(
        actor=world.members["chair"],
        case=world.cases["bjorn"],
        version=1,
        kind=CaseEvent.Kind.RETRAINING,
        on=datetime.date(2026, 10, 1),
        why="Omskolering til barnehage.",
    )
    page = client_for(world.people["bjorn"]).get(reverse("redeployment:my_case"))
    text = page.content.decode()
    assert "Omskolering til barnehage." in text
    assert "Tåler ikke tunge løft." not in text
    assert world.people["anne"].person.full_name not in text
    empty = client_for(world.hiring).get(reverse("redeployment:my_case")).content.decode()
    assert "You have no case in the stillingsbank." in empty


def notice(world: BankWorld, key: str, on: datetime.date) -> None:
    case = RedeploymentCase.objects.get(pk=world.cases[key].pk)
    case_outcome_record(
        actor=world.members["chair"],
        case=case,
        version=case.version,
        kind=CaseEvent.Kind.NOTICE,
        on=on,
        why="Ingen passende stilling.",
    )


def test_the_register_of_rights_shows_who_has_which_right_and_for_how_long(
    world: BankWorld,
) -> None:
    notice(world, "anne", datetime.date(2026, 10, 1))
    page = client_for(world.members["union"]).get(reverse("redeployment:rights"))
    text = page.content.decode()
    anne, cecilie = world.people["anne"].person, world.people["cecilie"].person
    assert anne.full_name in text and cecilie.full_name in text
    assert world.people["bjorn"].person.full_name not in text
    assert page.context["preferential"][0][0].pk == world.cases["anne"].pk
    for user in (world.outsider, world.hiring, world.people["anne"]):
        assert client_for(user).get(reverse("redeployment:rights")).status_code == 403


def test_the_daily_duty_ends_rights_whose_year_has_passed(world: BankWorld) -> None:
    assert "redeployment_rights_lapse" in {duty.name for duty in registered_duties()}
    notice(world, "anne", datetime.date(2026, 9, 15))
    notice(world, "bjorn", datetime.date(2026, 10, 15))
    assert preferential_rights_lapse(datetime.date(2027, 9, 15)) == {"closed": 0}
    assert preferential_rights_lapse(datetime.date(2027, 9, 16)) == {"closed": 1}
    anne = RedeploymentCase.objects.get(pk=world.cases["anne"].pk)
    assert anne.status == CaseStatus.CLOSED
    last = anne.events.order_by("pk").last()
    assert last is not None
    assert (last.kind, last.on, last.by) == (
        CaseEvent.Kind.CLOSED,
        datetime.date(2027, 9, 15),
        None,
    )
    bjorn = RedeploymentCase.objects.get(pk=world.cases["bjorn"].pk)
    assert bjorn.status == CaseStatus.PREFERENTIAL
