"""The agreed settings: the rules (made with defaults on the first visit), the
qualifications list and the locations with their travel times. Members read them, the
administrators and the bank's chair change them, and nobody outside sees them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from trepart.redeployment.models import Location, MatchingRules, Qualification, TravelTime
from trepart.redeployment.services.settings import travel_times_set
from trepart.redeployment.tests.helpers import bank_world, client_for
from trepart.redeployment.tests.world import BankWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> BankWorld:
    return bank_world()


def url(name: str) -> str:
    return reverse(f"redeployment:{name}")


def rules_form(**changes: Any) -> dict[str, Any]:
    data = {
        "version": 1,
        "percent_tolerance": 20,
        "wage_not_lower": "on",
        "max_travel_minutes": 30,
        "selection": "SOCIAL",
        "answer_days": 14,
        "preferential_months": 12,
        "agreed_on": "2026-06-01",
        "agreement": "Med Fagforbundet og Utdanningsforbundet.",
    }
    data.update(changes)
    return data


def test_the_rules_are_made_with_defaults_on_the_first_visit(world: BankWorld) -> None:
    MatchingRules.objects.filter(municipality=world.municipality).delete()
    page = client_for(world.members["union"]).get(url("rules"))
    assert page.status_code == 200
    rules = MatchingRules.objects.get(municipality=world.municipality)
    assert (rules.percent_tolerance, rules.answer_days, rules.selection) == (10, 14, "SENIORITY")
    # A member who is not the chair reads them but has no form.
    assert '<form method="post" novalidate' not in page.content.decode()


def test_the_chair_changes_the_rules_and_a_stale_form_is_refused(world: BankWorld) -> None:
    client = client_for(world.members["chair"])
    assert client.post(url("rules"), rules_form()).status_code == 302
    rules = MatchingRules.objects.get(municipality=world.municipality)
    assert (rules.percent_tolerance, rules.selection, rules.version) == (20, "SOCIAL", 2)
    stale = client.post(url("rules"), rules_form(percent_tolerance=5))
    assert stale.status_code == 409
    assert "Someone else saved this" in stale.content.decode()
    rules.refresh_from_db()
    assert rules.percent_tolerance == 20


@pytest.mark.parametrize("who", ["union", "hiring", "outsider"])
def test_only_the_chair_and_administrators_change_settings(world: BankWorld, who: str) -> None:
    user = {"union": world.members["union"], "hiring": world.hiring, "outsider": world.outsider}[
        who
    ]
    client = client_for(user)
    for name in ("rules", "qualifications", "locations"):
        assert (
            client.post(url(name), {"add": "1", "add-code": "X", "add-name": "X"}).status_code
            == 403
        )
        assert client.get(url(name)).status_code == (200 if who == "union" else 403)
    assert not Qualification.objects.filter(code="X").exists()


def test_the_qualifications_list_is_added_to_renamed_and_taken_out_of_use(
    world: BankWorld,
) -> None:
    client = client_for(world.admin)
    response = client.post(
        url("qualifications"),
        {"add": "1", "add-code": "sert", "add-name": "Sertifikat", "add-is_certification": "on"},
    )
    assert response.status_code == 302
    added = Qualification.objects.get(municipality=world.municipality, code="SERT")
    assert added.is_certification
    taken = client.post(url("qualifications"), {"add": "1", "add-code": "SERT", "add-name": "Y"})
    assert "The code “SERT” is taken." in taken.content.decode()
    fag = world.qualifications["FAG"]
    client.post(
        url("qualifications"),
        {
            "save": "1",
            "edit-qualification": fag.pk,
            "edit-version": fag.version,
            "edit-name": "Helsefagarbeider",
        },
    )
    fag.refresh_from_db()
    assert fag.name == "Helsefagarbeider" and not fag.active
    # Out of use: not offered to a new case, still shown on the cases that have it.
    form = client.get(reverse("redeployment:case_create")).context["form"]
    assert fag not in form.fields["qualifications"].queryset
    case = world.cases["anne"]
    form = client.get(reverse("redeployment:case_edit", args=[case.pk])).context["form"]
    assert fag in form.fields["qualifications"].queryset


def test_travel_times_are_stored_once_per_pair_from_the_table(world: BankWorld) -> None:
    client = client_for(world.members["chair"])
    client.post(url("locations"), {"add": "1", "add-code": "lun", "add-name": "Lunner"})
    page = client.get(url("locations"))
    pairs = page.context["times"].pairs
    assert len(pairs) == 6  # four locations
    data = {"times": "1"}
    for pair in pairs:
        data[pair.key] = "" if pair.minutes is None else str(pair.minutes)
    lunner = [pair for pair in pairs if "Lunner" in (pair.origin.name, pair.destination.name)]
    data[lunner[0].key] = "25"
    data[pairs[0].key] = ""  # removes a stored time
    assert client.post(url("locations"), data).status_code == 302
    rows = TravelTime.objects.filter(municipality=world.municipality)
    assert rows.count() == 3
    assert all(row.origin_id < row.destination_id for row in rows)


def test_a_place_twice_or_a_pair_twice_refuses_the_whole_set(world: BankWorld) -> None:
    loc = world.locations
    before = list(TravelTime.objects.values_list("minutes", flat=True).order_by("pk"))
    with pytest.raises(ValidationError) as error:
        travel_times_set(
            actor=world.admin,
            times=[(loc["HAR"], loc["ROA"], 5), (loc["GRU"], loc["GRU"], 0)],
        )
    assert "Grua cannot have a travel time to itself." in error.value.messages
    with pytest.raises(ValidationError) as error:
        travel_times_set(
            actor=world.admin, times=[(loc["HAR"], loc["ROA"], 5), (loc["ROA"], loc["HAR"], 7)]
        )
    assert "The travel time between Harestua and Roa is given twice." in error.value.messages
    assert list(TravelTime.objects.values_list("minutes", flat=True).order_by("pk")) == before
    with pytest.raises(PermissionDenied):
        travel_times_set(actor=world.members["union"], times=[])


def test_a_qualification_changed_meanwhile_is_refused_and_keeps_what_was_typed(
    world: BankWorld,
) -> None:
    client = client_for(world.admin)
    fag = world.qualifications["FAG"]
    seen = {
        "save": "1",
        "edit-qualification": fag.pk,
        "edit-version": fag.version,
        "edit-name": "Fagbrev",
        "edit-active": "on",
    }
    assert client.post(url("qualifications"), seen).status_code == 302
    late = client.post(url("qualifications"), {**seen, "edit-name": "Helsefag"})
    assert late.status_code == 409
    page = late.content.decode()
    assert 'value="Helsefag"' in page and f'name="edit-version" value="{fag.version + 1}"' in page
    fag.refresh_from_db()
    assert (fag.name, fag.version) == ("Fagbrev", 2)


def test_a_location_is_renamed_with_the_version_seen(world: BankWorld) -> None:
    client = client_for(world.members["chair"])
    har = world.locations["HAR"]
    seen = {"rename": "1", "edit-location": har.pk, "edit-version": har.version}
    assert (
        client.post(url("locations"), {**seen, "edit-name": "Harestua sentrum"}).status_code == 302
    )
    har.refresh_from_db()
    assert (har.name, har.version) == ("Harestua sentrum", 2)
    late = client.post(url("locations"), {**seen, "edit-name": "Harestua"})
    assert late.status_code == 409 and 'value="Harestua"' in late.content.decode()
    har.refresh_from_db()
    assert har.name == "Harestua sentrum"
    empty = client.post(url("locations"), {**seen, "edit-version": 2, "edit-name": " "})
    assert empty.status_code == 200 and Location.objects.get(pk=har.pk).name == "Harestua sentrum"
    assert (
        client_for(world.members["union"])
        .post(url("locations"), {**seen, "edit-version": 2, "edit-name": "X"})
        .status_code
        == 403
    )
