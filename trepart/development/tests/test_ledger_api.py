"""The ledger in the API: the roll-up and the measures, with the pages' rules."""

from __future__ import annotations

from typing import Any

import pytest

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.development.tests.ledger_world import LedgerWorld, build_ledger_world
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
    assert [(row["unit"]["name"], row["depth"]) for row in data["units"]] == [
        ("Helse", 0),
        ("Sykehjemmet", 1),
        ("Teknisk", 0),
        ("Vei og park", 1),
    ]
    kinds = {row["realisation"]: row["years"] for row in data["by_realisation"]}
    assert kinds["PURCHASING"] == [{"year": 2026, "planned": 200_000, "realised": 250_000}]
    sector = client.get(f"/api/v1/development/ledger?unit={ledger.health.pk}").json()
    assert sector["unit"]["name"] == "Helse"
    assert sector["total"] == {"planned": 200_000, "realised": 250_000}


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
