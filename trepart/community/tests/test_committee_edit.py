"""The committee's edit page: administrators change the area and contacts, a form opened
before someone else saved is refused with what was typed kept, others are turned away."""

from __future__ import annotations

import pytest
from django.test import Client

from trepart.community.models import Committee, CommitteeKind
from trepart.community.tests.world import build_committee_world
from trepart.organisation.models import Person
from trepart.organisation.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    """Pages in English, whatever the municipality's or the site's default language."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def test_the_administrator_changes_the_area_and_contacts(client: Client) -> None:
    world = build_committee_world()
    committee = world.committee
    politician = PersonFactory.create(
        municipality=world.municipality, kind=Person.Kind.POLITICIAN, first_name="Solveig"
    )
    client.force_login(world.users["admin"])
    page = client.get(f"/utvalg/{committee.pk}/")
    assert f"/utvalg/{committee.pk}/endre/" in page.content.decode()
    form = client.get(f"/utvalg/{committee.pk}/endre/")
    assert form.status_code == 200
    assert "Hokksund sentrum, Loesmoen" in form.content.decode()
    response = client.post(
        f"/utvalg/{committee.pk}/endre/",
        {
            "version": committee.version,
            "kind": CommitteeKind.GRENDEUTVALG,
            "places": "Hokksund, Steinberg",
            "units": [world.units["skole"].pk, world.units["bhg"].pk],
            "admin_contact": world.users["outsider"].person.pk,
            "politician_contact": politician.pk,
        },
    )
    assert response.status_code == 302
    saved = Committee.objects.get(pk=committee.pk)
    assert saved.places == "Hokksund, Steinberg"
    assert saved.kind == CommitteeKind.GRENDEUTVALG
    assert set(saved.units.all()) == {world.units["skole"], world.units["bhg"]}
    assert saved.admin_contact == world.users["outsider"].person
    assert saved.politician_contact == politician
    assert saved.version == committee.version + 1


def test_a_stale_form_is_refused_and_keeps_what_was_typed(client: Client) -> None:
    world = build_committee_world()
    committee = world.committee
    opened = committee.version
    client.force_login(world.users["admin"])
    first = {
        "version": opened,
        "kind": CommitteeKind.BYUTVALG,
        "places": "Saved first",
        "units": [world.units["skole"].pk],
        "admin_contact": world.users["contact"].person.pk,
    }
    assert client.post(f"/utvalg/{committee.pk}/endre/", first).status_code == 302
    response = client.post(
        f"/utvalg/{committee.pk}/endre/",
        {
            "version": opened,
            "kind": CommitteeKind.GRENDEUTVALG,
            "places": "Typed by me",
            "units": [world.units["skole"].pk, world.units["bhg"].pk],
            "admin_contact": world.users["outsider"].person.pk,
        },
    )
    text = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this" in text
    assert "Typed by me" in text
    assert f'value="{world.units["bhg"].pk}" id="id_units_{world.units["bhg"].pk}" checked' in text
    assert f'name="admin_contact" value="{world.users["outsider"].person.pk}"' in text
    assert f'name="version" value="{opened + 1}"' in text
    saved = Committee.objects.get(pk=committee.pk)
    assert saved.places == "Saved first"
    assert saved.kind == CommitteeKind.BYUTVALG
    assert list(saved.units.all()) == [world.units["skole"]]
    assert saved.admin_contact == world.users["contact"].person


def test_only_an_administrator_opens_the_edit_page(client: Client) -> None:
    world = build_committee_world()
    committee = world.committee
    url = f"/utvalg/{committee.pk}/endre/"
    data = {"version": committee.version, "kind": CommitteeKind.BYUTVALG, "places": "Nope"}
    for name in ("chair", "contact"):
        client.force_login(world.users[name])
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
        assert url not in client.get(f"/utvalg/{committee.pk}/").content.decode()
    client.logout()
    assert client.get(url).status_code == 302
    assert Committee.objects.get(pk=committee.pk).places == "Hokksund sentrum, Loesmoen"


def test_another_municipalitys_committee_is_not_found(client: Client) -> None:
    world = build_committee_world()
    elsewhere = build_committee_world()
    client.force_login(world.users["admin"])
    url = f"/utvalg/{elsewhere.committee.pk}/endre/"
    assert client.get(url).status_code == 404
    data = {"version": elsewhere.committee.version, "kind": CommitteeKind.BYUTVALG, "places": "X"}
    assert client.post(url, data).status_code == 404
    assert Committee.objects.get(pk=elsewhere.committee.pk).places == "Hokksund sentrum, Loesmoen"


def test_a_contact_from_another_municipality_is_not_offered(client: Client) -> None:
    world = build_committee_world()
    committee = world.committee
    client.force_login(world.users["admin"])
    response = client.post(
        f"/utvalg/{committee.pk}/endre/",
        {
            "version": committee.version,
            "kind": CommitteeKind.BYUTVALG,
            "places": "Hokksund",
            "admin_contact": world.users["stranger"].person.pk,
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Hokksund" in text
    assert "Choose an employee of this municipality" in text
    assert Committee.objects.get(pk=committee.pk).version == committee.version
