"""The case officer of an agenda item is picked by search, with position and unit shown,
never from a list of everybody in the municipality."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from trepart.meetings.models import AgendaItem
from trepart.meetings.tests.world import World, add_item, build_world, plan_meeting
from trepart.organisation.models import Person
from trepart.organisation.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def namesakes(world: World) -> list[Person]:
    """Two people with the same name, told apart only by position and unit."""
    town_hall = UnitFactory.create(municipality=world.municipality, name="Rådhuset")
    return [
        PersonFactory.create(
            municipality=world.municipality,
            first_name="Kari",
            last_name="Fjellstuen",
            position="Rådgiver",
            unit=town_hall,
        ),
        PersonFactory.create(
            municipality=world.municipality,
            first_name="Kari",
            last_name="Fjellstuen",
            position="Lærer",
            unit=world.school,
        ),
    ]


def client_for(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_item_form_lists_nobody_until_one_searches(world: World, namesakes: Any) -> None:
    others = PersonFactory.create_batch(30, municipality=world.municipality, last_name="Olsen")
    meeting = plan_meeting(world, timezone.localdate() + datetime.timedelta(days=20))
    page = client_for(world.secretary).get(reverse("meetings:item-add", args=[meeting.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Fjellstuen" not in html
    assert not any(person.full_name in html for person in others)
    assert 'name="case_officer_q"' in html
    assert f'data-hx-get="{reverse("organisation:person-picker")}' in html


def test_a_search_without_javascript_keeps_the_form_and_tells_namesakes_apart(
    world: World, namesakes: list[Person]
) -> None:
    meeting = plan_meeting(world, timezone.localdate() + datetime.timedelta(days=20))
    url = reverse("meetings:item-add", args=[meeting.pk])
    client = client_for(world.secretary)
    typed = {"kind": "DISCUSSION", "title": "Nytt skolebygg", "description": "Saken gjelder …"}
    page = client.post(
        url, {**typed, "case_officer_q": "kari fjellstuen", "case_officer_search": "1"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert not AgendaItem.objects.exists()
    assert 'value="Nytt skolebygg"' in html and 'value="kari fjellstuen"' in html
    assert "Kari Fjellstuen – Rådgiver, Rådhuset (Employee)" in html
    assert "Kari Fjellstuen – Lærer, Eikvik skole (Employee)" in html
    assert "error-summary" not in html
    teacher = namesakes[1]
    response = client.post(url, {**typed, "case_officer": str(teacher.pk)})
    assert response.status_code == 302
    assert AgendaItem.objects.get().case_officer == teacher


def test_the_search_endpoint_sends_only_the_matches(world: World, namesakes: list[Person]) -> None:
    citizen = PersonFactory.create(
        municipality=world.municipality,
        first_name="Kari",
        last_name="Fjellstuen",
        kind=Person.Kind.CITIZEN,
    )
    params = {
        "field": "case_officer",
        "id": "id_case_officer",
        "kinds": "EMPLOYEE,POLITICIAN",
        "none": "1",
        "case_officer_q": "Fjellstuen",
        "case_officer": str(namesakes[0].pk),
    }
    fragment = client_for(world.secretary).get(reverse("organisation:person-picker"), params)
    html = fragment.content.decode()
    assert fragment.status_code == 200
    assert "<html" not in html
    assert html.count('name="case_officer"') == 3  # none, and the two Fjellstuens
    assert f'value="{citizen.pk}"' not in html
    assert "Rådgiver, Rådhuset" in html and "Lærer, Eikvik skole" in html
    nobody = client_for(world.secretary).get(
        reverse("organisation:person-picker"), {**params, "case_officer_q": "Zyxw"}
    )
    assert "Nobody matches the search." in nobody.content.decode()


def test_editing_keeps_the_case_officer_without_a_search(
    world: World, namesakes: list[Person]
) -> None:
    meeting = plan_meeting(world, timezone.localdate() + datetime.timedelta(days=20))
    item = add_item(world, meeting, case_officer=namesakes[0])
    html = (
        client_for(world.secretary)
        .get(reverse("meetings:item-edit", args=[item.pk]))
        .content.decode()
    )
    assert "Kari Fjellstuen – Rådgiver, Rådhuset" in html
    assert "Lærer" not in html
