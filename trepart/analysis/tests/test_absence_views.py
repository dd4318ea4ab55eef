"""The sick-leave dashboard, the API, targets and the snapshot, on a hand-made municipality."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import pytest

from trepart.analysis.models import PresenceTarget
from trepart.analysis.selectors.absence import absence_figures
from trepart.analysis.services.absence import presence_target_set
from trepart.analysis.tests.absence_world import AbsenceWorld, build_absence_world
from trepart.audit.writes import ConcurrentEditError
from trepart.platform.snapshots import build_snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> AbsenceWorld:
    return build_absence_world()


def test_dashboard_needs_a_login(client: Any) -> None:
    response = client.get("/analyse/sykefravaer/")
    assert response.status_code == 302


def test_dashboard_shows_the_municipality_with_kpis_and_charts(
    client: Any, world: AbsenceWorld
) -> None:
    client.force_login(world.reader)
    response = client.get("/analyse/sykefravaer/")
    assert response.status_code == 200
    page = response.content.decode()
    figures = response.context["figures"]
    # All units: 110 employees x 20 days a month at 6 % (Skole B 10 %):
    # lost = 98 x 20 x 0.06 + 12 x 20 x 0.10 = 117.6 + 24 = 141.6 of 2,200 agreed: 6.436 %.
    assert figures.last.percent == pytest.approx(141.6 * 100 / 2200)
    assert figures.before.percent == pytest.approx(141.6 * 100 / 2200)
    assert [row.unit.name for row in figures.children] == ["Helse", "Oppvekst"]
    assert 'id="chart-absence-trend-spec"' in page
    assert 'id="chart-absence-units-spec"' in page
    assert "Show the numbers as a table" in page


def test_sector_hides_the_small_unit_and_the_one_it_could_be_derived_from(
    client: Any, world: AbsenceWorld
) -> None:
    client.force_login(world.reader)
    response = client.get(f"/analyse/sykefravaer/?enhet={world.health.pk}")
    rows = {row.unit.name: row for row in response.context["figures"].children}
    assert not rows["Hjemmetjenesten"].hidden
    assert rows["Hjemmetjenesten"].last.percent == pytest.approx(6.0)
    assert rows["Lille avdeling"].hidden and rows["Lille avdeling"].last.percent is None
    assert rows["Sykehjemmet"].hidden and rows["Sykehjemmet"].last.percent is None
    page = response.content.decode()
    assert "hidden (fewer than 5 employees)" in page


def test_a_hidden_unit_shows_no_figures_on_its_own_page(client: Any, world: AbsenceWorld) -> None:
    client.force_login(world.reader)
    response = client.get(f"/analyse/sykefravaer/?enhet={world.tiny.pk}")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.hidden
    assert figures.points == []
    assert figures.last.percent is None
    assert response.context["charts"] == []


def test_small_units_show_rolling_rates(world: AbsenceWorld) -> None:
    figures = absence_figures(municipality=world.municipality, unit_id=world.school_b.pk)
    assert figures.rolling
    # 24 months of data: rolling points from the 12th month on.
    assert len(figures.points) == 13
    assert figures.points[0].shares.percent == pytest.approx(10.0)


def test_dashboard_from_and_to_months(client: Any, world: AbsenceWorld) -> None:
    client.force_login(world.reader)
    response = client.get(f"/analyse/sykefravaer/?enhet={world.home.pk}&fra=2026-01&til=2026-06")
    figures = response.context["figures"]
    assert (figures.start, figures.end) == (datetime.date(2026, 1, 1), datetime.date(2026, 6, 1))
    assert [point.period.label for point in figures.points] == [
        "2026-01",
        "2026-02",
        "2026-03",
        "2026-04",
        "2026-05",
        "2026-06",
    ]


def test_dashboard_bad_months_keep_the_input_and_say_why(client: Any, world: AbsenceWorld) -> None:
    client.force_login(world.reader)
    response = client.get("/analyse/sykefravaer/?fra=2026-13&til=2026-01")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Write the month as year and month, like 2026-03." in page
    assert 'value="2026-13"' in page


def test_units_of_another_municipality_are_404(client: Any, world: AbsenceWorld) -> None:
    client.force_login(world.reader)
    response = client.get(f"/analyse/sykefravaer/?enhet={world.stranger_unit.pk}")
    assert response.status_code == 404
    response = client.get(f"/api/v1/absence?unit={world.stranger_unit.pk}")
    assert response.status_code == 404
    assert response.json()["detail"] == "No such unit."


def test_the_other_municipality_sees_only_its_own_figures(client: Any, world: AbsenceWorld) -> None:
    client.force_login(world.stranger)
    data = client.get("/api/v1/absence").json()
    assert data["last_12_months"]["percent"] == pytest.approx(21.0)
    assert [child["unit"]["id"] for child in data["children"]] == [world.stranger_unit.pk]


def test_api_gives_the_same_suppressed_figures_as_the_page(
    client: Any, world: AbsenceWorld
) -> None:
    client.force_login(world.reader)
    data = client.get(f"/api/v1/absence?unit={world.health.pk}&from=2025-07&to=2026-06").json()
    assert data["from"] == "2025-07" and data["to"] == "2026-06"
    assert data["unit"]["name"] == "Helse"
    children = {child["unit"]["name"]: child for child in data["children"]}
    assert children["Hjemmetjenesten"]["last_12_months"]["percent"] == pytest.approx(6.0)
    for name in ("Lille avdeling", "Sykehjemmet"):
        assert children[name]["hidden"] is True
        assert children[name]["last_12_months"] == {
            "percent": None,
            "certified": None,
            "self_certified": None,
        }
    assert len(data["periods"]) == 12
    assert "employees" not in str(data)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2026-13", "“from” must be a month as YYYY-MM, like 2026-03."),
        ("to=juni", "“to” must be a month as YYYY-MM, like 2026-03."),
        ("from=2026-05&to=2026-01", "“from” must not be after “to”."),
        ("from=1990-01&to=2026-01", "Ask for at most 240 months."),
    ],
)
def test_api_bad_parameters_are_400_with_a_message(
    client: Any, world: AbsenceWorld, query: str, message: str
) -> None:
    client.force_login(world.reader)
    response = client.get(f"/api/v1/absence?{query}")
    assert response.status_code == 400
    assert response.json()["detail"] == message


def test_api_needs_credentials(client: Any, world: AbsenceWorld) -> None:
    assert client.get("/api/v1/absence").status_code == 401


def test_presence_target_and_gap(client: Any, world: AbsenceWorld) -> None:
    presence_target_set(actor=world.admin, unit=world.home, year=2026, percent=Decimal("93.5"))
    figures = absence_figures(municipality=world.municipality, unit_id=world.health.pk)
    row = next(row for row in figures.children if row.unit == figures.children[0].unit)
    assert row.unit.name == "Hjemmetjenesten"
    # 6 % sick leave is 94 % presence: 0.5 points above a target of 93.5 %.
    assert row.target == 93.5
    assert row.gap == pytest.approx(0.5)


def test_targets_page_is_for_administrators_and_saves_with_versions(
    client: Any, world: AbsenceWorld
) -> None:
    client.force_login(world.reader)
    assert client.get("/analyse/sykefravaer/naervaersmal/").status_code == 403
    client.force_login(world.admin)
    assert client.get("/analyse/sykefravaer/naervaersmal/").status_code == 200
    response = client.post(
        "/analyse/sykefravaer/naervaersmal/",
        {"unit": world.home.pk, "year": 2026, "percent": "93.5"},
    )
    assert response.status_code == 302
    target = PresenceTarget.objects.get()
    assert (target.percent, target.version) == (Decimal("93.5"), 1)
    # Someone changes it meanwhile; an edit from the old version is refused and kept.
    presence_target_set(
        actor=world.admin, unit=world.home, year=2026, percent=Decimal(94), expected_version=1
    )
    response = client.post(
        "/analyse/sykefravaer/naervaersmal/",
        {"unit": world.home.pk, "year": 2026, "percent": "95", "version": 1},
    )
    assert response.status_code == 200
    assert "Someone else saved this" in response.content.decode()
    assert PresenceTarget.objects.get().percent == Decimal(94)


def test_a_second_new_target_for_the_same_year_is_a_concurrent_edit(world: AbsenceWorld) -> None:
    presence_target_set(actor=world.admin, unit=world.home, year=2026, percent=Decimal(93))
    with pytest.raises(ConcurrentEditError):
        presence_target_set(actor=world.admin, unit=world.home, year=2026, percent=Decimal(92))


def test_targets_of_another_municipality_cannot_be_set(client: Any, world: AbsenceWorld) -> None:
    client.force_login(world.admin)
    response = client.post(
        "/analyse/sykefravaer/naervaersmal/",
        {"unit": world.stranger_unit.pk, "year": 2026, "percent": "93"},
    )
    assert response.status_code == 200
    assert not PresenceTarget.objects.exists()


def test_snapshot_has_the_charts_tables_and_the_same_suppression(world: AbsenceWorld) -> None:
    snapshot = build_snapshot(
        "absence-dashboard", user=world.reader, params={"enhet": str(world.health.pk)}
    )
    assert snapshot["key"] == "absence-dashboard"
    assert snapshot["title"].startswith("Sick leave: Helse")
    assert "Helse was 6,0 %" in snapshot["summary"] or "Helse was 6.0 %" in snapshot["summary"]
    assert [chart["key"] for chart in snapshot["charts"]] == ["absence-trend", "absence-units"]
    units = snapshot["tables"][1]["rows"]
    by_name = {row[0]: row for row in units}
    assert by_name["Lille avdeling"][1] == "hidden (fewer than 5 employees)"
    assert by_name["Sykehjemmet"][1] == "hidden (fewer than 5 employees)"
    spec = json.dumps(snapshot["charts"][1]["spec"])
    assert "Hjemmetjenesten" in spec
    assert "Lille avdeling" not in spec and "Sykehjemmet" not in spec
    assert snapshot["url"].startswith("/analyse/sykefravaer/?")


def test_import_then_dashboard_shows_new_figures_without_a_stale_cache(
    client: Any, world: AbsenceWorld
) -> None:
    from trepart.analysis.services.absence import absence_import

    client.force_login(world.reader)
    before = client.get(f"/analyse/sykefravaer/?enhet={world.home.pk}").context["figures"]
    result = absence_import(
        actor=world.admin,
        municipality=world.municipality,
        data=(
            b"enhet;periode;avtalte_dagsverk;tapte_dagsverk_legemeldt;tapte_dagsverk_egenmeldt;"
            b"ansatte\n1100;2026-07;600;60;0;30\n"
        ),
    )
    assert result.ok, result.errors
    after = client.get(f"/analyse/sykefravaer/?enhet={world.home.pk}").context["figures"]
    assert after.end == datetime.date(2026, 7, 1)
    assert after.last.percent != before.last.percent


def test_the_unit_picker_lists_the_tree_indented(client: Any, world: AbsenceWorld) -> None:
    client.force_login(world.reader)
    response = client.get(f"/analyse/sykefravaer/?enhet={world.home.pk}")
    choices = response.context["unit_choices"]
    assert [label for _pk, label in choices][:4] == [
        "Helse",
        "\u2003Hjemmetjenesten",
        "\u2003Lille avdeling",
        "\u2003Sykehjemmet",
    ]
    assert f'<option value="{world.home.pk}" selected>' in response.content.decode()
