"""The register's pages: the overview, the list, a case with its history, registering and
editing — for the bank's members only; everyone else (a hiring authority, an outsider, the
person, another municipality, a visitor) gets nothing of the register."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from trepart.accounts.tests.factories import MunicipalAdminFactory, MunicipalityFactory
from trepart.meetings.models import Meeting
from trepart.redeployment.models import CaseEvent, CaseKind, RedeploymentCase
from trepart.redeployment.tests.helpers import bank_world, case_post, client_for
from trepart.redeployment.tests.world import BankWorld, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> BankWorld:
    return bank_world()


def url(name: str, *args: Any) -> str:
    return reverse(f"redeployment:{name}", args=args)


def test_a_member_sees_the_overview_with_counts_and_the_next_meeting(world: BankWorld) -> None:
    Meeting.objects.create(
        municipality=world.municipality,
        body=world.bank,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        release_due_on=timezone.localdate(),
        is_open=False,
    )
    page = client_for(world.members["union"]).get(url("home"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "People in the bank" in text
    assert page.context["overview"].in_bank == 3
    assert page.context["overview"].held == 3
    assert page.context["overview"].next_meeting is not None
    # The menu leads members there.
    assert f'href="{url("home")}"' in text
    # An administrator (HR) outside the bank follows every bank of the municipality.
    overview = client_for(world.admin).get(url("home")).context["overview"]
    assert overview.next_meeting is not None and overview.in_bank == 3


def test_the_menu_leads_only_those_it_concerns_to_the_bank(world: BankWorld) -> None:
    home = f'href="{url("home")}"'
    assert home in client_for(world.hiring).get("/").content.decode()
    assert home in client_for(world.people["anne"]).get("/").content.decode()
    assert home not in client_for(world.outsider).get("/").content.decode()


def test_a_hiring_authority_is_led_to_the_vacancies(world: BankWorld) -> None:
    response = client_for(world.hiring).get(url("home"))
    assert response.status_code == 302
    assert response["Location"] == url("vacancy_list")


@pytest.mark.parametrize("who", ["hiring", "outsider", "person"])
def test_nobody_outside_the_bank_sees_the_register(world: BankWorld, who: str) -> None:
    user = {"hiring": world.hiring, "outsider": world.outsider, "person": world.people["bjorn"]}[
        who
    ]
    client = client_for(user)
    case = world.cases["bjorn"]
    for page in (
        url("case_list"),
        url("case_create"),
        url("case_import"),
        url("case_edit", case.pk),
    ):
        assert client.get(page).status_code in (403, 404), page
    detail = client.get(url("case_detail", case.pk))
    if who == "person":
        # Their own case: led to their own page if it exists, never the bank's view.
        assert detail.status_code in (302, 403)
        assert "Tåler ikke" not in detail.content.decode()
    else:
        assert detail.status_code == 404


def test_a_visitor_is_sent_to_log_in(world: BankWorld) -> None:
    for page in (url("home"), url("case_list"), url("case_detail", world.cases["anne"].pk)):
        response = Client().get(page)
        assert response.status_code == 302 and "login" in response["Location"]


def test_another_municipality_gets_a_404(world: BankWorld) -> None:
    elsewhere = MunicipalityFactory.create(require_mfa_for_admins=False)
    stranger = MunicipalAdminFactory.create(municipality=elsewhere)
    client = client_for(stranger)
    assert client.get(url("case_detail", world.cases["anne"].pk)).status_code == 404
    assert client.get(url("case_edit", world.cases["anne"].pk)).status_code == 404
    assert client.get(url("case_list")).context["page_obj"].paginator.count == 0


def test_the_list_filters_by_status_kind_and_unit(world: BankWorld) -> None:
    client = client_for(world.members["chair"])
    rows = client.get(url("case_list")).context["page_obj"].object_list
    assert len(rows) == 3
    rows = client.get(url("case_list"), {"kind": "PART_TIME"}).context["page_obj"].object_list
    assert [case.pk for case in rows] == [world.cases["cecilie"].pk]
    rows = client.get(url("case_list"), {"unit": world.units["skole"].pk}).context["page_obj"]
    assert rows.paginator.count == 0
    rows = client.get(url("case_list"), {"status": "PLACED"}).context["page_obj"]
    assert rows.paginator.count == 0


def test_the_detail_shows_the_history_and_the_note_to_members(world: BankWorld) -> None:
    page = client_for(world.admin).get(url("case_detail", world.cases["bjorn"].pk))
    assert page.status_code == 200
    assert "Tåler ikke tunge løft." in page.content.decode()
    assert "History" in page.content.decode()


def test_a_member_registers_a_case_with_its_history(world: BankWorld) -> None:
    person = login(world.municipality, unit=world.units["bhg"]).person
    client = client_for(world.members["leader"])
    data = {
        "person": person.pk,
        "kind": CaseKind.REDUNDANT,
        "from_unit": world.units["bhg"].pk,
        "position": "Barnehagelærer",
        "percent": 100,
        "wage_level": 560000,
        "qualifications": [world.qualifications["PED"].pk],
        "qualifications_note": "Førstehjelp",
        "location": world.locations["GRU"].pk,
        "seniority_date": "2010-08-01",
        "social_priority": 3,
        "preferred_units": [world.units["skole"].pk],
        "preferred_locations": [world.locations["HAR"].pk],
        "max_travel_minutes": 30,
        "needs_adapted_work": "yes",
        "adapted_work_note": "Kortere dager",
        "redundant_on": "2026-10-01",
    }
    response = client.post(url("case_create"), data)
    case = RedeploymentCase.objects.get(person=person)
    assert response["Location"] == url("case_detail", case.pk)
    assert case.bank == world.bank and case.needs_adapted_work
    assert list(case.preferred_units.all()) == [world.units["skole"]]
    assert [e.kind for e in case.events.all()] == [CaseEvent.Kind.REGISTERED]


def test_bad_input_on_the_form_keeps_what_was_typed_and_saves_nothing(world: BankWorld) -> None:
    client = client_for(world.members["chair"])
    case = world.cases["cecilie"]
    response = client.post(
        url("case_edit", case.pk), case_post(world, case, wanted_percent=40, position="Ny")
    )
    assert response.status_code == 200
    assert (
        "The wished position % must be larger than the current 50 %." in response.content.decode()
    )
    assert 'value="Ny"' in response.content.decode()
    case.refresh_from_db()
    assert case.position == "Helsefagarbeider" and case.version == 1
    response = client.post(url("case_edit", case.pk), case_post(world, case, percent=120))
    assert "The position % must be between 1 and 100." in response.content.decode()


def test_an_edit_writes_changed_and_a_concurrent_edit_is_refused(world: BankWorld) -> None:
    client = client_for(world.members["chair"])
    case = world.cases["anne"]
    stale = case_post(world, case, position="Fagarbeider")
    response = client.post(url("case_edit", case.pk), case_post(world, case, wage_level=530000))
    assert response.status_code == 302
    event = case.events.get(kind=CaseEvent.Kind.CHANGED)
    assert "yearly wage" in event.why
    response = client.post(url("case_edit", case.pk), stale)
    assert response.status_code == 409
    assert "Someone else saved this" in response.content.decode()
    assert 'value="Fagarbeider"' in response.content.decode()
    case.refresh_from_db()
    assert case.position == "Helsefagarbeider" and case.wage_level == 530000


def test_the_register_comes_fifty_to_a_page(world: BankWorld) -> None:
    template = world.cases["anne"]
    for number in range(50):
        person = login(world.municipality).person
        RedeploymentCase.objects.create(
            municipality=world.municipality,
            bank=world.bank,
            person=person,
            from_unit=template.from_unit,
            position=f"Stilling {number}",
            percent=100,
            wage_level=500000,
            location=template.location,
            seniority_date=template.seniority_date,
            redundant_on=template.redundant_on,
        )
    client = client_for(world.members["chair"])
    first = client.get(url("case_list")).context["page_obj"]
    second = client.get(url("case_list"), {"page": 2}).context["page_obj"]
    assert (len(first.object_list), len(second.object_list)) == (50, 3)
    assert not {c.pk for c in first.object_list} & {c.pk for c in second.object_list}
