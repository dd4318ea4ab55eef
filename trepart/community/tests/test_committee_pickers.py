"""The committee's create and edit pages pick the area's units from a checklist and the
administration contact by search: the search round trip saves nothing and keeps what was
typed, and only an employee of the municipality or its own units are accepted."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trepart.community.forms import CommitteeForm
from trepart.community.models import Committee, CommitteeKind
from trepart.community.tests.world import CommitteeWorld, build_committee_world
from trepart.organisation.models import Person, Unit
from trepart.organisation.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    """Pages in English, whatever the municipality's or the site's default language."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def _employee(world: CommitteeWorld, last_name: str) -> Person:
    return PersonFactory.create(
        municipality=world.municipality,
        kind=Person.Kind.EMPLOYEE,
        first_name="Kari",
        last_name=last_name,
        position="Rådgiver",
    )


def test_the_pages_list_units_by_sector_and_no_employee_unasked(client: Client) -> None:
    world = build_committee_world()
    hidden = _employee(world, "Usynligsen")
    client.force_login(world.users["admin"])
    for url in ("/utvalg/ny/", f"/utvalg/{world.committee.pk}/endre/"):
        text = client.get(url).content.decode()
        assert "<legend" in text and "Oppvekst" in text
        assert f'name="units" value="{world.units["bhg"].pk}"' in text
        assert 'name="admin_contact_q"' in text
        assert "Usynligsen" not in text
        assert f'value="{hidden.pk}"' not in text
    edit = client.get(f"/utvalg/{world.committee.pk}/endre/").content.decode()
    contact = world.users["contact"].person
    assert f'name="admin_contact" value="{contact.pk}"' in edit  # the saved contact is shown


def test_a_committee_is_created_with_a_contact_found_by_search(client: Client) -> None:
    world = build_committee_world()
    wanted = _employee(world, "Søkeland")
    client.force_login(world.users["admin"])
    typed = {
        "name": "Skotselv grendeutvalg",
        "kind": CommitteeKind.GRENDEUTVALG,
        "places": "Skotselv, Ormåsen",
        "units": [world.units["skole"].pk, world.units["bhg"].pk],
        "admin_contact_q": "Søkeland",
        "admin_contact_search": "1",
    }
    found = client.post("/utvalg/ny/", typed)
    text = found.content.decode()
    assert found.status_code == 200
    assert not Committee.objects.filter(body__name="Skotselv grendeutvalg").exists()
    assert 'value="Skotselv grendeutvalg"' in text
    assert "Skotselv, Ormåsen" in text
    for unit in world.units.values():
        assert f'value="{unit.pk}" id="id_units_{unit.pk}" checked' in text
    assert f'name="admin_contact" value="{wanted.pk}"' in text
    assert 'value="Søkeland"' in text
    assert "errorlist" not in text and "ds-validation-message" not in text
    chosen = {k: v for k, v in typed.items() if k != "admin_contact_search"}
    response = client.post("/utvalg/ny/", {**chosen, "admin_contact": wanted.pk})
    assert response.status_code == 302
    made = Committee.objects.get(body__name="Skotselv grendeutvalg")
    assert made.admin_contact == wanted
    assert set(made.units.all()) == set(world.units.values())


def test_the_edit_page_searches_then_saves_the_contact(client: Client) -> None:
    world = build_committee_world()
    committee = world.committee
    wanted = _employee(world, "Endresen")
    client.force_login(world.users["admin"])
    url = f"/utvalg/{committee.pk}/endre/"
    typed = {
        "version": committee.version,
        "kind": CommitteeKind.GRENDEUTVALG,
        "places": "Typed before searching",
        "units": [world.units["bhg"].pk],
        "admin_contact": world.users["contact"].person.pk,
        "admin_contact_q": "Endresen",
    }
    found = client.post(url, {**typed, "admin_contact_search": "1"})
    text = found.content.decode()
    assert found.status_code == 200
    assert "Typed before searching" in text
    assert f'value="{world.units["bhg"].pk}" id="id_units_{world.units["bhg"].pk}" checked' in text
    assert f'id="id_units_{world.units["skole"].pk}" checked' not in text
    assert f'name="admin_contact" value="{wanted.pk}"' in text
    assert f'name="version" value="{committee.version}"' in text
    assert Committee.objects.get(pk=committee.pk).version == committee.version
    response = client.post(url, {**typed, "admin_contact": wanted.pk})
    assert response.status_code == 302
    saved = Committee.objects.get(pk=committee.pk)
    assert saved.admin_contact == wanted
    assert list(saved.units.all()) == [world.units["bhg"]]
    assert saved.places == "Typed before searching"


@pytest.mark.parametrize("who", ["politician", "citizen", "stranger", "missing"])
def test_only_an_employee_of_the_municipality_is_a_contact(client: Client, who: str) -> None:
    world = build_committee_world()
    people = {
        "politician": lambda: (
            PersonFactory.create(municipality=world.municipality, kind=Person.Kind.POLITICIAN).pk
        ),
        "citizen": lambda: world.users["chair"].person.pk,
        "stranger": lambda: world.users["stranger"].person.pk,
        "missing": lambda: 999_999_999,
    }
    client.force_login(world.users["admin"])
    response = client.post(
        "/utvalg/ny/",
        {
            "name": "Refused grendeutvalg",
            "kind": CommitteeKind.GRENDEUTVALG,
            "places": "Kept places",
            "admin_contact": people[who](),
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Choose an employee of this municipality as the contact in the administration." in text
    assert "Kept places" in text and 'value="Refused grendeutvalg"' in text
    assert not Committee.objects.filter(body__name="Refused grendeutvalg").exists()


def test_a_unit_of_another_municipality_is_refused(client: Client) -> None:
    world = build_committee_world()
    committee = world.committee
    elsewhere = UnitFactory.create(name="Fremmed skole")
    client.force_login(world.users["admin"])
    url = f"/utvalg/{committee.pk}/endre/"
    data = {
        "version": committee.version,
        "kind": CommitteeKind.BYUTVALG,
        "places": "Kept here",
        "units": [world.units["bhg"].pk, elsewhere.pk],
    }
    response = client.post(url, data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "A unit chosen is not in this municipality." in text
    assert "Kept here" in text
    assert f'id="id_units_{world.units["bhg"].pk}" checked' in text
    assert "Fremmed skole" not in text
    saved = Committee.objects.get(pk=committee.pk)
    assert saved.version == committee.version
    assert list(saved.units.all()) == [world.units["skole"]]
    created = client.post("/utvalg/ny/", {"name": "Nope", "kind": "BYUTVALG", "units": ["x"]})
    assert created.status_code == 200
    assert not Unit.objects.filter(name="Nope").exists()
    assert not Committee.objects.filter(body__name="Nope").exists()


def test_the_politician_contact_is_a_plain_choice_of_politicians(client: Client) -> None:
    world = build_committee_world()
    politician = PersonFactory.create(
        municipality=world.municipality, kind=Person.Kind.POLITICIAN, last_name="Politikersen"
    )
    client.force_login(world.users["admin"])
    text = client.get("/utvalg/ny/").content.decode()
    assert f'<option value="{politician.pk}">' in text
    assert "Politikersen" in text
    assert f'<option value="{world.users["outsider"].person.pk}"' not in text


def test_the_pages_cost_the_same_queries_however_many_units_and_people(client: Client) -> None:
    world = build_committee_world()
    client.force_login(world.users["admin"])
    urls = ("/utvalg/ny/", f"/utvalg/{world.committee.pk}/endre/")

    def counts() -> list[int]:
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    before = counts()
    sector = world.units["skole"].parent
    UnitFactory.create_batch(20, municipality=world.municipality, parent=sector)
    PersonFactory.create_batch(20, municipality=world.municipality, kind=Person.Kind.EMPLOYEE)
    PersonFactory.create_batch(5, municipality=world.municipality, kind=Person.Kind.POLITICIAN)
    assert counts() == before


@pytest.mark.parametrize("who", ["employee", "stranger"])
def test_only_a_politician_of_the_municipality_is_the_political_contact(
    client: Client, who: str
) -> None:
    world = build_committee_world()
    people = {
        "employee": lambda: (
            PersonFactory.create(municipality=world.municipality, kind=Person.Kind.EMPLOYEE).pk
        ),
        "stranger": lambda: PersonFactory.create(kind=Person.Kind.POLITICIAN).pk,
    }
    client.force_login(world.users["admin"])
    response = client.post(
        "/utvalg/ny/",
        {
            "name": "Refused byutvalg",
            "kind": CommitteeKind.BYUTVALG,
            "places": "Kept places",
            "politician_contact": people[who](),
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice." in text
    assert "Kept places" in text and 'value="Refused byutvalg"' in text
    assert not Committee.objects.filter(body__name="Refused byutvalg").exists()


def test_a_politician_who_is_no_longer_one_when_the_form_is_checked_is_refused() -> None:
    world = build_committee_world()
    politician = PersonFactory.create(municipality=world.municipality, kind=Person.Kind.POLITICIAN)
    form = CommitteeForm(
        data={"name": "Late", "kind": CommitteeKind.BYUTVALG, "politician_contact": politician.pk},
        municipality_id=world.municipality.pk,
        user=world.users["admin"],
    )
    Person.objects.filter(pk=politician.pk).update(kind=Person.Kind.EMPLOYEE)
    assert not form.is_valid()
    assert form.errors["politician_contact"] == [
        "Choose a politician of this municipality as the contact."
    ]


def test_the_contact_search_offers_employees_only(client: Client) -> None:
    world = build_committee_world()
    employee = _employee(world, "Delesen")
    politician = PersonFactory.create(
        municipality=world.municipality,
        kind=Person.Kind.POLITICIAN,
        first_name="Per",
        last_name="Delesen",
    )
    client.force_login(world.users["admin"])
    page = client.post(
        "/utvalg/ny/",
        {"name": "Søk", "kind": CommitteeKind.BYUTVALG, "admin_contact_q": "Delesen"}
        | {"admin_contact_search": "1"},
    ).content.decode()
    assert f'name="admin_contact" value="{employee.pk}"' in page
    assert f'name="admin_contact" value="{politician.pk}"' not in page
    # The picker asks the search as it is typed, for employees only.
    assert "kinds=EMPLOYEE&amp;" in page
    fragment = client.get(
        reverse("organisation:person-picker"),
        {
            "field": "admin_contact",
            "id": "id_admin_contact",
            "kinds": "EMPLOYEE",
            "none": "1",
            "admin_contact_q": "Delesen",
        },
    ).content.decode()
    assert f'value="{employee.pk}"' in fragment
    assert f'value="{politician.pk}"' not in fragment
    # Without the picker's kinds, a search offers the municipality's own people, not citizens.
    both = client.get(
        reverse("organisation:person-picker"),
        {"field": "admin_contact", "id": "id_admin_contact", "admin_contact_q": "Delesen"},
    ).content.decode()
    assert f'value="{employee.pk}"' in both and f'value="{politician.pk}"' in both
