"""Committees: made as citizen committee bodies, their page (names only for users of the
municipality, elected members flagged), their proposals through the proposals flow."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from trepart.audit.writes import ConcurrentEditError
from trepart.community.models import Committee, CommitteeKind, CommitteeProposal
from trepart.community.services.committees import (
    committee_create,
    committee_propose,
    committee_update,
)
from trepart.community.services.grants import grant_ensure
from trepart.community.tests.world import build_committee_world
from trepart.organisation.models import Body
from trepart.organisation.selectors import today
from trepart.proposals.models import Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    """Pages in English, whatever the municipality's or the site's default language."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def test_a_committee_is_a_citizen_committee_body_with_its_area() -> None:
    world = build_committee_world()
    committee = world.committee
    assert committee.body.kind == Body.Kind.CITIZEN_COMMITTEE
    assert committee.body.municipality_id == world.municipality.pk
    assert list(committee.units.all()) == [world.units["skole"]]
    world.municipality.refresh_from_db()
    assert world.municipality.citizen_committees_enabled


def test_only_an_administrator_creates_a_committee() -> None:
    world = build_committee_world()
    with pytest.raises(PermissionDenied):
        committee_create(actor=world.users["chair"], municipality=world.municipality, name="X")
    with pytest.raises(ValidationError):
        committee_create(actor=world.users["admin"], municipality=world.municipality, name=" ")


def test_the_public_page_shows_the_committee_without_any_name(client: Client) -> None:
    world = build_committee_world()
    url = f"/utvalg/{world.committee.pk}/?kommune={world.municipality.organisation_number}"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hokksund byutvalg" in page
    assert "Loesmoen" in page
    for key in ("chair", "member", "councillor", "contact"):
        assert world.users[key].person.last_name not in page


def test_members_see_names_with_the_elected_member_flagged(client: Client) -> None:
    world = build_committee_world()
    client.force_login(world.users["outsider"])
    page = client.get(f"/utvalg/{world.committee.pk}/").content.decode()
    assert world.users["chair"].person.full_name in page
    assert world.users["contact"].person.full_name in page
    row = page.split(world.users["councillor"].person.full_name, 1)[1].split("</tr>", 1)[0]
    assert "Holds an elected office" in row
    row = page.split(world.users["member"].person.full_name, 1)[1].split("</tr>", 1)[0]
    assert "Holds an elected office" not in row


def test_another_municipalitys_committee_is_not_found(client: Client) -> None:
    world = build_committee_world()
    client.force_login(world.users["stranger"])
    assert client.get(f"/utvalg/{world.committee.pk}/").status_code == 404


def test_the_list_names_every_committee(client: Client) -> None:
    world = build_committee_world()
    client.force_login(world.users["member"])
    page = client.get("/utvalg/").content.decode()
    assert "Hokksund byutvalg" in page and "Vestfossen grendeutvalg" in page


def test_a_committee_proposal_goes_to_the_coordination_group_as_a_citizen_proposal() -> None:
    world = build_committee_world()
    proposal = committee_propose(
        actor=world.users["chair"],
        committee=world.committee,
        title="Benker langs elva",
        description="Vi foreslår fem benker langs elvepromenaden i Hokksund.",
    )
    assert proposal.source == Source.CITIZEN
    assert proposal.body == world.coordination
    assert proposal.proposer_name == "Hokksund byutvalg"
    assert proposal.proposer_email == world.users["contact"].person.email
    link = CommitteeProposal.objects.get(proposal=proposal)
    assert link.committee == world.committee and link.sent_by == world.users["chair"]


def test_only_members_propose_in_the_committees_name() -> None:
    world = build_committee_world()
    with pytest.raises(PermissionDenied):
        committee_propose(
            actor=world.users["other"],
            committee=world.committee,
            title="Noe",
            description="Et forslag som ikke er vårt å sende.",
        )


def test_a_bad_proposal_saves_nothing(client: Client) -> None:
    world = build_committee_world()
    client.force_login(world.users["chair"])
    response = client.post(
        f"/utvalg/{world.committee.pk}/forslag/ny/", {"title": "Benker", "description": "Kort"}
    )
    assert response.status_code == 200
    assert "Describe the proposal" in response.content.decode()
    assert not CommitteeProposal.objects.exists()


def test_the_proposal_page_names_the_committee_as_proposer(client: Client) -> None:
    world = build_committee_world()
    client.force_login(world.users["chair"])
    response = client.post(
        f"/utvalg/{world.committee.pk}/forslag/ny/",
        {"title": "Benker langs elva", "description": "Fem benker langs elvepromenaden."},
    )
    assert response.status_code == 302
    proposal = CommitteeProposal.objects.get().proposal
    client.force_login(world.users["admin"])
    response = client.get(f"/forslag/{proposal.pk}/")
    assert response.status_code == 200, response
    page = response.content.decode()
    assert "Proposed by a citizen committee" in page
    assert "Hokksund byutvalg" in page


def test_the_committee_meets_through_the_meetings_app(client: Client) -> None:
    world = build_committee_world()
    client.force_login(world.users["admin"])
    response = client.get(f"/organer/{world.committee.body_id}/moter/")
    assert response.status_code == 200


def test_the_administrator_creates_a_committee_on_the_page(client: Client) -> None:
    world = build_committee_world()
    client.force_login(world.users["admin"])
    response = client.post(
        "/utvalg/ny/",
        {
            "name": "Skotselv grendeutvalg",
            "kind": "GRENDEUTVALG",
            "places": "Skotselv, Ormåsen",
            "units": [world.units["bhg"].pk],
            "admin_contact": world.users["contact"].person.pk,
        },
    )
    assert response.status_code == 302
    made = Committee.objects.get(body__name="Skotselv grendeutvalg")
    assert made.admin_contact == world.users["contact"].person
    assert made.body.kind == Body.Kind.CITIZEN_COMMITTEE
    client.force_login(world.users["chair"])
    assert client.get("/utvalg/ny/").status_code == 403
    assert "/utvalg/" in client.get("/").content.decode()


def test_a_committee_update_checks_its_version() -> None:
    world = build_committee_world()
    committee = world.committee
    updated = committee_update(
        actor=world.users["admin"],
        committee=committee,
        version=committee.version,
        kind=CommitteeKind.GRENDEUTVALG,
        places="Hokksund",
        admin_contact=None,
        politician_contact=None,
        units=[world.units["bhg"]],
    )
    assert updated.places == "Hokksund"
    assert list(updated.units.all()) == [world.units["bhg"]]
    with pytest.raises(ConcurrentEditError):
        committee_update(
            actor=world.users["admin"],
            committee=committee,
            version=committee.version,
            kind=CommitteeKind.BYUTVALG,
            places="Igjen",
            admin_contact=None,
            politician_contact=None,
        )
    stranger = world.users["stranger"].person
    with pytest.raises(ValidationError):
        committee_update(
            actor=world.users["admin"],
            committee=updated,
            version=updated.version,
            kind=CommitteeKind.BYUTVALG,
            places="",
            admin_contact=stranger,
            politician_contact=None,
        )


def test_the_settings_page_sets_the_valuation_and_the_year(client: Client) -> None:
    world = build_committee_world()
    client.force_login(world.users["admin"])
    assert client.get("/utvalg/innstillinger/").status_code == 200
    response = client.post(
        "/utvalg/innstillinger/",
        {"action": "valuation", "version": 1, "hours_per_fte": 1700, "hourly_rate": 500},
    )
    assert response.status_code == 302
    response = client.post(
        "/utvalg/innstillinger/",
        {"action": "year", "year": 2026, "default_amount": 55000, "report_deadline": "2027-02-01"},
    )
    assert response.status_code == 302
    page = client.get("/utvalg/innstillinger/").content.decode()
    assert "2026" in page
    client.force_login(world.users["chair"])
    assert client.get("/utvalg/innstillinger/").status_code == 403


def test_the_public_meeting_calendar_takes_the_committee(client: Client) -> None:
    world = build_committee_world()
    number = world.municipality.organisation_number
    calendar = client.get(f"/motekalender/?kommune={number}&body={world.committee.body_id}")
    assert calendar.status_code == 200
    feed = client.get(f"/motekalender/organ/{world.committee.body_id}.ics")
    assert feed.status_code == 200
    page = client.get(f"/utvalg/{world.committee.pk}/?kommune={number}").content.decode()
    assert f"body={world.committee.body_id}" in page


def test_the_body_page_shows_the_committee_and_its_grant(client: Client) -> None:
    world = build_committee_world()
    grant_ensure(committee=world.committee, year=today().year)
    client.force_login(world.users["outsider"])
    page = client.get(f"/organer/{world.committee.body_id}/").content.decode()
    assert f"/utvalg/{world.committee.pk}/" in page
    assert "left." in page
    other = client.get(f"/organer/{world.coordination.pk}/").content.decode()
    assert "The committee&#x27;s page" not in other and "/utvalg/" not in other.split("<main", 1)[1]
