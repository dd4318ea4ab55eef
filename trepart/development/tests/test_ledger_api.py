"""The ledger in the API: the roll-up and the measures, with the pages' rules."""

from __future__ import annotations

from typing import Any

import pytest

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.development.tests.ledger_world import LedgerWorld, build_ledger_world, measure_make
from trepart.organisation.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger() -> LedgerWorld:
    return build_ledger_world()


def test_the_roll_up_as_the_pages_show_it(client: Any, ledger: LedgerWorld) -> None:
    client.force_login(ledger.world.outsider)
    data = client.get("/api/v1/development/ledger").json()
    assert data["unit"] is None
    assert data["measures"] == 2
    assert data["years"] == [
        {"year": 2026, "planned": 600_000, "realised": 550_000},
        {"year": 2027, "planned": 400_000, "realised": None},
    ]
    assert data["total"] == {"planned": 1_000_000, "realised": 550_000}
    assert data["fte_effect"] == -1.0
    # The municipality's roll-up lists its sectors, not every unit.
    assert [(row["unit"]["name"], row["depth"]) for row in data["units"]] == [
        ("Helse", 0),
        ("Teknisk", 0),
    ]
    assert data["units"][1]["total"] == {"planned": 800_000, "realised": 300_000}
    kinds = {row["realisation"]: row["years"] for row in data["by_realisation"]}
    assert kinds["PURCHASING"] == [{"year": 2026, "planned": 200_000, "realised": 250_000}]
    sector = client.get(f"/api/v1/development/ledger?unit={ledger.health.pk}").json()
    assert sector["unit"]["name"] == "Helse"
    assert sector["total"] == {"planned": 200_000, "realised": 250_000}
    assert sector["measures"] == 1
    assert [(row["unit"]["name"], row["depth"]) for row in sector["units"]] == [("Sykehjemmet", 0)]
    kinds = {row["realisation"]: row["years"] for row in sector["by_realisation"]}
    assert kinds["ATTRITION"] == []


def test_the_measures_come_a_page_at_a_time_in_a_stable_order(
    client: Any, ledger: LedgerWorld
) -> None:
    for number in range(5):
        measure_make(ledger.home, f"Tiltak {number}", "OTHER", {2026: (1_000, None)})
    client.force_login(ledger.world.outsider)
    url = "/api/v1/development/ledger/measures"
    seen = []
    for offset in (0, 3, 6):
        page = client.get(f"{url}?limit=3&offset={offset}").json()
        assert page["count"] == 7
        seen += [item["title"] for item in page["items"]]
    # Units by name (Hjemmetjenesten, Sykehjemmet, Vei og park), then titles: each once.
    assert seen == [
        "Tiltak 0",
        "Tiltak 1",
        "Tiltak 2",
        "Tiltak 3",
        "Tiltak 4",
        "Felles innkjøp",
        "Færre brøyterunder",
    ]
    subtree = client.get(f"{url}?unit={ledger.health.pk}&limit=2").json()
    assert subtree["count"] == 6 and len(subtree["items"]) == 2
    assert client.get(f"{url}?limit=501").status_code == 422


def test_the_measures_with_their_years(client: Any, ledger: LedgerWorld) -> None:
    client.force_login(ledger.world.outsider)
    data = client.get(f"/api/v1/development/ledger/measures?unit={ledger.sector.pk}").json()
    assert data["count"] == 1
    (measure,) = data["items"]
    assert measure["title"] == "Færre brøyterunder"
    assert measure["realisation"] == "ATTRITION"
    assert measure["fte_effect"] == -1.0
    assert measure["years"] == [
        {"year": 2026, "planned": 400_000, "realised": 300_000},
        {"year": 2027, "planned": 400_000, "realised": None},
    ]
    page = client.get("/api/v1/development/ledger/measures?limit=1&offset=1").json()
    assert page["count"] == 2 and len(page["items"]) == 1


def test_other_municipalities_and_strangers_get_nothing(client: Any, ledger: LedgerWorld) -> None:
    assert client.get("/api/v1/development/ledger").status_code == 401
    other = UnitFactory.create(municipality=MunicipalityFactory.create())
    client.force_login(ledger.world.outsider)
    for path in ("/api/v1/development/ledger", "/api/v1/development/ledger/measures"):
        response = client.get(f"{path}?unit={other.pk}")
        assert response.status_code == 404
        assert response.json()["detail"] == "No such unit."
    stranger = UserFactory.create(municipality=other.municipality)
    client.force_login(stranger)
    data = client.get("/api/v1/development/ledger/measures").json()
    assert data == {"count": 0, "items": []}


def _payload(ledger: LedgerWorld, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit_id": ledger.home.pk,
        "title": "Ruteplanlegging",
        "realisation": "REORGANISATION",
        "fte_effect": -0.5,
        "years": [{"year": 2026, "planned": 100_000, "realised": None}],
    }
    data.update(fields)
    return data


def test_an_editor_adds_and_changes_a_measure(client: Any, ledger: LedgerWorld) -> None:
    client.force_login(ledger.world.admin)
    url = "/api/v1/development/ledger/measures"
    response = client.post(url, _payload(ledger), content_type="application/json")
    assert response.status_code == 201
    made = response.json()
    assert (made["unit"]["code"], made["fte_effect"], made["version"]) == ("HJEM", -0.5, 1)
    edit = _payload(ledger, version=1, years=[{"year": 2026, "planned": 1, "realised": 2}])
    response = client.put(f"{url}/{made['id']}", edit, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["years"] == [{"year": 2026, "planned": 1, "realised": 2}]
    response = client.put(f"{url}/{made['id']}", edit, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Someone else saved this")


def test_bad_measures_are_400_with_messages_and_others_may_not_write(
    client: Any, ledger: LedgerWorld
) -> None:
    url = "/api/v1/development/ledger/measures"
    client.force_login(ledger.world.admin)
    other = UnitFactory.create(municipality=MunicipalityFactory.create())
    bad = _payload(
        ledger, unit_id=other.pk, years=[{"year": 2026, "planned": -1, "realised": None}]
    )
    response = client.post(url, bad, content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["unit_id"] == ["Choose one of your municipality's units."]
    assert errors["__all__"][0].startswith("A saving cannot be negative (2026).")
    client.force_login(ledger.world.outsider)
    response = client.post(url, _payload(ledger), content_type="application/json")
    assert response.status_code == 403
    response = client.put(
        f"{url}/{ledger.roads.pk}", _payload(ledger, version=1), content_type="application/json"
    )
    assert response.status_code == 403
    client.force_login(UserFactory.create(municipality=other.municipality, is_municipal_admin=True))
    other.municipality.require_mfa_for_admins = False
    other.municipality.save()
    response = client.put(
        f"{url}/{ledger.roads.pk}", _payload(ledger, version=1), content_type="application/json"
    )
    assert response.status_code == 404


def test_an_added_cost_is_posted_negative_and_the_roll_up_is_net(
    client: Any, ledger: LedgerWorld
) -> None:
    url = "/api/v1/development/ledger/measures"
    client.force_login(ledger.world.admin)
    cost = _payload(
        ledger,
        title="Flere hjemmebesøk",
        realisation="ADDED_COST",
        fte_effect=0.5,
        years=[{"year": 2026, "planned": 50_000, "realised": None}],
    )
    response = client.post(url, cost, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]["__all__"][0].startswith(
        "An added cost is entered as a negative amount (2026)"
    )
    cost["years"] = [{"year": 2026, "planned": -50_000, "realised": -60_000}]
    response = client.post(url, cost, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["realisation"] == "ADDED_COST"
    data = client.get("/api/v1/development/ledger").json()
    assert data["years"][0] == {"year": 2026, "planned": 550_000, "realised": 490_000}
    kinds = {row["realisation"]: row["years"] for row in data["by_realisation"]}
    assert kinds["ADDED_COST"] == [{"year": 2026, "planned": -50_000, "realised": -60_000}]
