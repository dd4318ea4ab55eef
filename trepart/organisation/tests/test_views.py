"""The organisation pages, through the real URLconf and templates."""

import datetime
import re

import pytest
from django.urls import reverse

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.organisation.models import Body, Membership, Person
from trepart.organisation.tests.factories import (
    BodyFactory,
    CompositionRuleFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
    seat_body,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality():
    return MunicipalityFactory.create(require_mfa_for_admins=False)


@pytest.fixture
def member(client, municipality):
    user = UserFactory.create(municipality=municipality)
    PersonFactory.create(municipality=municipality, user=user)
    client.force_login(user)
    return user


@pytest.fixture
def admin(client, municipality):
    user = UserFactory.create(municipality=municipality, is_municipal_admin=True)
    client.force_login(user)
    return user


def broken_lmu(municipality):
    unit = UnitFactory.create(municipality=municipality, name="Solsida barnehage")
    lmu = BodyFactory.create(municipality=municipality, kind="LMU", unit=unit, name="LMU Solsida")
    CompositionRuleFactory.create(body=lmu, kind="LMU_ROLES")
    seat_body(lmu, "ADMINISTRATION", 1, capacity="LEADER", role="CHAIR")
    seat_body(lmu, "EMPLOYEE", 1, capacity="UNION_REP")
    return lmu


def test_body_page_shows_the_broken_rule_in_plain_words(client, member, municipality):
    lmu = broken_lmu(municipality)
    response = client.get(reverse("organisation:body-detail", args=[lmu.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="composition-problems"' in html
    assert "An LMU must have a safety representative (verneombud), but has none." in html
    assert "Continuity: 2 of 2 seats (100 %)" in html


def test_body_page_in_nynorsk(client, member, municipality):
    lmu = broken_lmu(municipality)
    client.post(reverse("set_language"), {"language": "nn", "next": "/"})
    html = client.get(reverse("organisation:body-detail", args=[lmu.pk])).content.decode()
    assert '<html lang="nn">' in html


def test_members_are_grouped_by_party(client, member, municipality):
    body = BodyFactory.create(municipality=municipality)
    seat_body(body, "POLITICAL", 1, kind=Person.Kind.POLITICIAN)
    seat_body(body, "EMPLOYEE", 2)
    html = client.get(reverse("organisation:body-detail", args=[body.pk])).content.decode()
    assert html.index("Elected politicians") < html.index("Employees</h3>")


def test_another_municipalitys_body_is_not_found(client, member):
    foreign = BodyFactory.create(municipality=MunicipalityFactory.create())
    assert client.get(reverse("organisation:body-detail", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("organisation:body-list")).content.decode().count(foreign.name) == 0


def test_flagged_filter_lists_only_bodies_breaking_their_rules(client, member, municipality):
    lmu = broken_lmu(municipality)
    healthy = BodyFactory.create(municipality=municipality, name="Friskt organ")
    CompositionRuleFactory.create(body=healthy, kind="PARITY")
    for party in ("POLITICAL", "ADMINISTRATION", "EMPLOYEE"):
        kind = Person.Kind.POLITICIAN if party == "POLITICAL" else Person.Kind.EMPLOYEE
        seat_body(healthy, party, 1, kind=kind)
    html = client.get(reverse("organisation:body-list"), {"flagged": "on"}).content.decode()
    assert lmu.name in html
    assert healthy.name not in html


def test_plain_members_cannot_manage_a_body(client, member, municipality):
    body = BodyFactory.create(municipality=municipality)
    assert client.get(reverse("organisation:membership-add", args=[body.pk])).status_code == 403
    assert client.get(reverse("organisation:body-edit", args=[body.pk])).status_code == 403


def test_the_chair_may_add_members(client, member, municipality):
    body = BodyFactory.create(municipality=municipality)
    MembershipFactory.create(body=body, person=member.person, role="CHAIR")
    assert client.get(reverse("organisation:membership-add", args=[body.pk])).status_code == 200


def test_admin_adds_a_member_and_sees_the_rule_warning(client, admin, municipality):
    lmu = broken_lmu(municipality)
    person = PersonFactory.create(municipality=municipality, last_name="Verneombudsen")
    search = client.get(reverse("organisation:membership-add", args=[lmu.pk]), {"q": "Verneomb"})
    assert f'value="{person.pk}"' in search.content.decode()
    response = client.post(
        reverse("organisation:membership-add", args=[lmu.pk]),
        {
            "person": person.pk,
            "party": "EMPLOYEE",
            "role": "MEMBER",
            "capacity": "OTHER",
            "voting": "on",
            "start": "2026-01-01",
        },
        follow=True,
    )
    assert Membership.objects.filter(body=lmu, person=person).exists()
    html = response.content.decode()
    assert "An LMU must have a safety representative" in html  # still broken: sits as OTHER


def test_bad_membership_input_keeps_what_was_typed(client, admin, municipality):
    body = BodyFactory.create(municipality=municipality)
    person = PersonFactory.create(municipality=municipality)
    response = client.post(
        reverse("organisation:membership-add", args=[body.pk]),
        {
            "person": person.pk,
            "party": "EMPLOYEE",
            "role": "CHAIR",
            "capacity": "UNION_REP",
            "start": "2026-05-01",
            "end": "2026-01-01",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The term cannot end before it starts." in html
    assert 'value="2026-05-01"' in html
    assert re.search(
        rf'<input type="radio" name="person"[^>]* value="{person.pk}"[^>]* checked', html
    )
    assert '<option value="CHAIR" selected>' in html
    assert not Membership.objects.exists()


def test_concurrent_body_edit_is_shown_and_keeps_the_typed_text(client, admin, municipality):
    body = BodyFactory.create(municipality=municipality, name="Trepartsorganet")
    stale_version = body.version
    Body.objects.filter(pk=body.pk).update(version=stale_version + 1, name="Endret av andre")
    response = client.post(
        reverse("organisation:body-edit", args=[body.pk]),
        {
            "version": stale_version,
            "name": "Mitt nye navn",
            "kind": "TRIPARTITE",
            "established": "2020-01-01",
            "answer_deadline_days": 30,
            "agenda_days_before": 7,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this while you were editing." in html
    assert 'value="Mitt nye navn"' in html
    assert "Endret av andre" in html  # what is saved now is shown beside the form
    assert Body.objects.get(pk=body.pk).name == "Endret av andre"
    # Having seen both, the user saves again deliberately, and that goes through.
    assert f'name="version" value="{stale_version + 1}"' in html
    client.post(
        reverse("organisation:body-edit", args=[body.pk]),
        {
            "version": stale_version + 1,
            "name": "Mitt nye navn",
            "kind": "TRIPARTITE",
            "established": "2020-01-01",
            "answer_deadline_days": 30,
            "agenda_days_before": 7,
        },
    )
    assert Body.objects.get(pk=body.pk).name == "Mitt nye navn"


def test_ending_a_term(client, admin, municipality):
    membership = MembershipFactory.create(body=BodyFactory.create(municipality=municipality))
    client.post(
        reverse("organisation:membership-end", args=[membership.pk]),
        {"version": membership.version, "end": "2026-06-30"},
    )
    membership.refresh_from_db()
    assert membership.end == datetime.date(2026, 6, 30)


def test_citizens_are_hidden_from_plain_members_but_not_from_admins(client, municipality):
    citizen = PersonFactory.create(
        municipality=municipality, kind=Person.Kind.CITIZEN, last_name="Innbyggersen"
    )
    employee = UserFactory.create(municipality=municipality)
    PersonFactory.create(municipality=municipality, user=employee)
    client.force_login(employee)
    assert "Innbyggersen" not in client.get(reverse("organisation:person-list")).content.decode()
    assert client.get(reverse("organisation:person-detail", args=[citizen.pk])).status_code == 404
    client.force_login(UserFactory.create(municipality=municipality, is_municipal_admin=True))
    assert "Innbyggersen" in client.get(reverse("organisation:person-list")).content.decode()


def test_contact_details_only_for_those_who_may_see_them(client, member, municipality):
    other = PersonFactory.create(municipality=municipality, email="skjult@kommune.invalid")
    html = client.get(reverse("organisation:person-detail", args=[other.pk])).content.decode()
    assert "skjult@kommune.invalid" not in html
    body = BodyFactory.create(municipality=municipality)
    MembershipFactory.create(body=body, person=other)
    MembershipFactory.create(body=body, person=member.person)
    html = client.get(reverse("organisation:person-detail", args=[other.pk])).content.decode()
    assert "skjult@kommune.invalid" in html


def test_person_search_with_htmx_returns_only_the_results(client, member, municipality):
    PersonFactory.create(municipality=municipality, first_name="Solveig", last_name="Søkbar")
    response = client.get(
        reverse("organisation:person-list"), {"q": "Søkbar"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Søkbar" in html
    assert "<html" not in html


def test_unit_tree_shows_sectors_and_their_units_one_level_down(client, member, municipality):
    sector = UnitFactory.create(municipality=municipality, kind="SECTOR", name="Helse")
    UnitFactory.create(municipality=municipality, parent=sector, name="Aaa sykehjem")
    top = client.get(reverse("organisation:unit-list")).content.decode()
    assert "Helse" in top
    assert "Aaa sykehjem" not in top
    sector_page = client.get(reverse("organisation:unit-detail", args=[sector.pk]))
    assert "Aaa sykehjem" in sector_page.content.decode()
    found = client.get(reverse("organisation:unit-list"), {"q": "sykehjem"}).content.decode()
    assert "Aaa sykehjem" in found
    assert "1 unit found." in found


def test_only_admins_apply_structure_templates(client, member, municipality):
    url = reverse("organisation:structure-apply", args=["lunner"])
    assert client.post(url).status_code == 403
    client.force_login(UserFactory.create(municipality=municipality, is_municipal_admin=True))
    client.post(url)
    assert Body.objects.filter(municipality=municipality, kind="REDEPLOYMENT").exists()


def test_home_lists_my_bodies_and_roles(client, member, municipality):
    body = BodyFactory.create(municipality=municipality, name="Koordineringsgruppa")
    MembershipFactory.create(body=body, person=member.person, role="SECRETARY")
    html = client.get(reverse("organisation:home")).content.decode()
    assert "Koordineringsgruppa" in html
    assert "Secretary" in html


def test_pages_need_login(client):
    response = client.get(reverse("organisation:body-list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_body_edit_form_offers_units_and_keeps_the_choice(client, admin, municipality):
    unit = UnitFactory.create(municipality=municipality, name="Eikhaug skole")
    lmu = BodyFactory.create(municipality=municipality, kind="LMU", unit=unit)
    other_lmu = BodyFactory.create(municipality=municipality, kind="LMU", name="Et annet LMU")
    html = client.get(reverse("organisation:body-edit", args=[lmu.pk])).content.decode()
    assert f'<option value="{unit.pk}" selected>Eikhaug skole</option>' in html
    assert 'id="id_unit"' in html
    assert other_lmu.name not in html  # nothing reports to an LMU


def test_rules_filter_sees_a_change_at_once(client, admin, municipality):
    """The filter's answer is cached, but never served stale after a change."""
    lmu = broken_lmu(municipality)
    url = reverse("organisation:body-list")
    assert lmu.name in client.get(url, {"flagged": "on"}).content.decode()
    client.post(
        reverse("organisation:membership-add", args=[lmu.pk]),
        {
            "person": PersonFactory.create(municipality=municipality).pk,
            "party": "EMPLOYEE",
            "role": "MEMBER",
            "capacity": "SAFETY_REP",
            "voting": "on",
            "start": "2020-01-01",
        },
    )
    assert lmu.name not in client.get(url, {"flagged": "on"}).content.decode()


def test_people_pages_follow_the_page_links(client, admin, municipality):
    for number in range(120):
        PersonFactory.create(municipality=municipality, last_name=f"Etternavn{number:03d}")
    first = client.get(reverse("organisation:person-list")).content.decode()
    assert "Etternavn000" in first
    assert 'href="?page=3"' in first
    last = client.get(reverse("organisation:person-list"), {"page": 3}).content.decode()
    assert "Etternavn119" in last
    assert "Etternavn000" not in last
    assert 'aria-current="page"><span class="ds-sr-only">Page </span>3</a>' in last


def test_a_broad_search_asks_to_be_narrowed_down(client, admin, municipality, monkeypatch):
    monkeypatch.setattr("trepart.organisation.views.people.SEARCH_COUNT_CAP", 5)
    for number in range(8):
        PersonFactory.create(municipality=municipality, last_name=f"Hansen{number}")
    html = client.get(reverse("organisation:person-list"), {"q": "hansen"}).content.decode()
    assert "More than 5 people found. Add to the search to narrow it down." in html
    assert html.count("Hansen") >= 5
    exact = client.get(reverse("organisation:person-list"), {"q": "hansen7"}).content.decode()
    assert "1 person found." in exact


def test_a_citizens_seat_is_shown_but_their_name_only_to_those_who_may_see_it(
    client, member, municipality
):
    committee = BodyFactory.create(municipality=municipality, kind="CITIZEN_COMMITTEE")
    citizen = PersonFactory.create(
        municipality=municipality, kind=Person.Kind.CITIZEN, first_name="Synnøve", last_name="Sk"
    )
    MembershipFactory.create(body=committee, person=citizen, party="CITIZEN")
    url = reverse("organisation:body-detail", args=[committee.pk])
    html = client.get(url).content.decode()
    assert "Synnøve" not in html
    assert "Name not shown" in html
    MembershipFactory.create(body=committee, person=member.person, party="CITIZEN")
    assert "Synnøve" in client.get(url).content.decode()  # now they sit together
    client.force_login(UserFactory.create(municipality=municipality, is_municipal_admin=True))
    assert "Synnøve" in client.get(url).content.decode()


def test_a_body_marked_statutory_is_checked_against_5_11_without_a_rule_row(
    client, member, municipality
):
    committee = BodyFactory.create(municipality=municipality, is_statutory_5_11=True)
    seat_body(committee, "EMPLOYEE", 2)
    html = client.get(reverse("organisation:body-detail", args=[committee.pk])).content.decode()
    assert "must be in majority" in html
    assert "The committee has no chair" in html
    flagged = client.get(reverse("organisation:body-list"), {"flagged": "on"}).content.decode()
    assert committee.name in flagged


def test_a_body_that_follows_its_rules_says_which(client, member, municipality):
    body = BodyFactory.create(municipality=municipality)
    CompositionRuleFactory.create(body=body, kind="PARITY", seats_per_party=1)
    seat_body(body, "POLITICAL", 1, kind=Person.Kind.POLITICIAN)
    seat_body(body, "ADMINISTRATION", 1)
    seat_body(body, "EMPLOYEE", 1)
    html = client.get(reverse("organisation:body-detail", args=[body.pk])).content.decode()
    text = " ".join(html.split())
    assert "follows its rules: Equal voting seats for the three parties (1 + 1 + 1)." in text


def test_past_members_show_what_they_sat_as(client, member, municipality):
    body = BodyFactory.create(municipality=municipality)
    MembershipFactory.create(
        body=body,
        person=PersonFactory.create(municipality=municipality, first_name="Vera"),
        party="EMPLOYEE",
        capacity="SAFETY_REP",
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2021, 12, 31),
    )
    html = client.get(reverse("organisation:body-detail", args=[body.pk])).content.decode()
    assert "Employees, Member, Safety representative (verneombud)" in html
