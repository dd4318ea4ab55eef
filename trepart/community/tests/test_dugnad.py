"""Dugnad: entries checked before they are saved (no zero or negative hours), hours per
person or in total, the valuation in hours, FTE equivalents and kroner with the method
stated, the public figures without names, and the API."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from trepart.community.models import DugnadEntry, HoursBasis
from trepart.community.selectors.figures import dugnad_figures, municipal_employees
from trepart.community.services.dugnad import dugnad_add, dugnad_delete
from trepart.community.services.settings import (
    community_settings_ensure,
    community_settings_update,
)
from trepart.community.tests.world import CommitteeWorld, build_committee_world
from trepart.organisation.selectors import today
from trepart.platform.charts import check

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    """Pages in English, whatever the municipality's or the site's default language."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


DAY = datetime.date(2025, 5, 10)


def add(world: CommitteeWorld, **changes: object) -> DugnadEntry:
    fields: dict[str, object] = {
        "held_on": DAY,
        "what": "Rydding av elvebredden",
        "place": "Loesmoen",
        "people": 12,
        "hours": 3,
        "hours_basis": HoursBasis.PER_PERSON,
    }
    fields.update(changes)
    return dugnad_add(actor=world.users["chair"], committee=world.committee, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("hours", [0, -3, "-0.5"])
def test_zero_or_negative_hours_are_refused(hours: object) -> None:
    world = build_committee_world()
    with pytest.raises(ValidationError) as refused:
        add(world, hours=hours)
    assert "more than zero" in str(refused.value)
    assert not DugnadEntry.objects.exists()


def test_no_people_or_a_future_date_is_refused() -> None:
    world = build_committee_world()
    with pytest.raises(ValidationError):
        add(world, people=0)
    with pytest.raises(ValidationError) as refused:
        add(world, people=10**9, hours=1)
    assert "more people than a dugnad can have" in str(refused.value)
    with pytest.raises(ValidationError):
        add(world, held_on=today() + datetime.timedelta(days=30))
    assert not DugnadEntry.objects.exists()


def test_hours_per_person_and_in_total_are_both_summed_as_total_hours() -> None:
    world = build_committee_world()
    assert add(world, hours=3).total_hours == Decimal(36)
    assert add(world, hours=20, hours_basis=HoursBasis.TOTAL).total_hours == Decimal(20)


def test_only_members_register_dugnad() -> None:
    world = build_committee_world()
    for key in ("other", "outsider", "stranger"):
        with pytest.raises(PermissionDenied):
            dugnad_add(
                actor=world.users[key],
                committee=world.committee,
                held_on=DAY,
                what="X",
                place="Y",
                people=1,
                hours=1,
            )


def test_the_value_in_ftes_and_kroner_follows_the_municipal_settings() -> None:
    world = build_committee_world()
    add(world, people=40, hours=1695, hours_basis=HoursBasis.TOTAL)  # one FTE by default
    figures = dugnad_figures(municipality_id=world.municipality.pk)
    assert figures.hours_in(2025) == Decimal("1695.0")
    assert figures.ftes_in(2025) == Decimal("1.0")
    assert figures.value_in(2025) == 1695 * 450
    settings = community_settings_ensure(municipality_id=world.municipality.pk)
    community_settings_update(
        actor=world.users["admin"],
        settings=settings,
        version=settings.version,
        hours_per_fte=847,
        hourly_rate=300,
    )
    figures = dugnad_figures(municipality_id=world.municipality.pk)
    assert figures.ftes_in(2025) == Decimal("2.0")
    assert figures.value_in(2025) == 1695 * 300


def test_the_municipalitys_employees_count_each_unit_once() -> None:
    world = build_committee_world()
    # 42 + 18 in the units; the sector's own 5 are not counted as it has units under it.
    assert municipal_employees(world.municipality.pk) == 60
    assert dugnad_figures(municipality_id=world.municipality.pk).employees == 60


def test_figures_are_by_committee_and_year() -> None:
    world = build_committee_world()
    add(world, held_on=datetime.date(2024, 6, 1), hours=2)
    add(world, hours=1)
    dugnad_add(
        actor=world.users["other"],
        committee=world.other_committee,
        held_on=DAY,
        what="Maling av gapahuk",
        place="Vestfossen",
        people=4,
        hours=5,
    )
    figures = dugnad_figures(municipality_id=world.municipality.pk)
    rows = {(row.committee, row.year): row.hours for row in figures.rows}
    assert rows == {
        ("Hokksund byutvalg", 2024): Decimal(24),
        ("Hokksund byutvalg", 2025): Decimal(12),
        ("Vestfossen grendeutvalg", 2025): Decimal(20),
    }
    only = dugnad_figures(municipality_id=world.municipality.pk, committee_id=world.committee.pk)
    assert {row.committee for row in only.rows} == {"Hokksund byutvalg"}


def test_the_chart_is_valid_and_has_its_table() -> None:
    from trepart.community.display import dugnad_hours_chart

    world = build_committee_world()
    add(world)
    chart = dugnad_hours_chart(dugnad_figures(municipality_id=world.municipality.pk))
    assert chart is not None
    check(chart.spec)
    assert chart.table.rows[0][1] == "Hokksund byutvalg"


def test_the_public_figures_state_the_method_and_name_nobody(client: Client) -> None:
    world = build_committee_world()
    add(world)
    page = client.get(f"/utvalg/dugnad/?kommune={world.municipality.organisation_number}")
    text = page.content.decode()
    assert page.status_code == 200
    assert "How the value is reckoned" in text
    assert "1695" in text or "1\xa0695" in text or "1,695" in text
    assert world.users["chair"].person.last_name not in text


def test_a_member_registers_dugnad_on_the_page(client: Client) -> None:
    world = build_committee_world()
    client.force_login(world.users["member"])
    url = f"/utvalg/{world.committee.pk}/dugnad/ny/"
    data = {
        "held_on": "2025-05-10",
        "what": "Rydding",
        "place": "Loesmoen",
        "people": "8",
        "hours": "-2",
        "hours_basis": "PER_PERSON",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "more than zero" in refused.content.decode()
    assert not DugnadEntry.objects.exists()
    data["hours"] = "2.5"
    assert client.post(url, data).status_code == 302
    assert DugnadEntry.objects.get().total_hours == Decimal(20)
    client.force_login(world.users["other"])
    assert client.get(url).status_code == 403


def test_the_api_gives_figures_and_registers_dugnad(client: Client) -> None:
    world = build_committee_world()
    client.force_login(world.users["chair"])
    url = f"/api/v1/community/committees/{world.committee.pk}/dugnad"
    body = {"held_on": "2025-05-10", "what": "Rydding", "place": "Elva", "people": 5, "hours": -1}
    refused = client.post(url, json.dumps(body), content_type="application/json")
    assert refused.status_code == 400
    assert "hours" in refused.json()["errors"]
    body["hours"] = 2
    made = client.post(url, json.dumps(body), content_type="application/json")
    assert made.status_code == 201
    assert Decimal(str(made.json()["total_hours"])) == Decimal(10)
    figures = client.get("/api/v1/community/dugnad/figures").json()
    assert figures["hours_per_fte"] == 1695
    assert figures["rows"][0]["committee"] == "Hokksund byutvalg"
    committees = client.get("/api/v1/community/committees").json()
    assert {row["name"] for row in committees} == {"Hokksund byutvalg", "Vestfossen grendeutvalg"}
    assert client.get("/api/v1/community/grants").status_code == 200
    client.force_login(world.users["stranger"])
    assert client.post(url, json.dumps(body), content_type="application/json").status_code == 404
    client.force_login(world.users["other"])
    assert client.post(url, json.dumps(body), content_type="application/json").status_code == 403


def test_an_entry_made_by_mistake_is_taken_back_by_a_member_only() -> None:
    world = build_committee_world()
    entry = add(world)
    with pytest.raises(PermissionDenied):
        dugnad_delete(actor=world.users["other"], entry=entry)
    dugnad_delete(actor=world.users["member"], entry=entry)
    assert not DugnadEntry.objects.exists()
