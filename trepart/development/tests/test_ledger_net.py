"""An adopted plan that raises a task is booked net: its added cost goes into the ledger
beside its savings, and every total (unit, sector, municipality, by year, the waterfall,
the CSV, the API, the result report and the frozen ledger) shows the plan's net saving."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings

from trepart.development.ledger_display import waterfall_chart, waterfall_steps, year_summary
from trepart.development.ledger_snapshot import ledger_snapshot
from trepart.development.models import LevelKind, Plan, Project, Realisation, SavingsYear
from trepart.development.report_sections import savings_section
from trepart.development.selectors.ledger import ledger_figures
from trepart.development.services.decision import decision_record
from trepart.development.tests.world import ProjectWorld, build_project_world, task_make
from trepart.meetings import services as meetings
from trepart.meetings.tests.world import at
from trepart.organisation.models import Party
from trepart.platform.charts import check

pytestmark = pytest.mark.django_db

# Brøyting lowered saves 420 000, Parkstell removed 500 000; Lys raised costs 120 000 more.
NET = 800_000
YEARS = [2027, 2028, 2029]


@pytest.fixture
def world() -> ProjectWorld:
    world = build_project_world(public=True)
    road = task_make(
        world.project,
        "Brøyting",
        {LevelKind.KEEP: (1_000_000, "2", 8), LevelKind.LOWER: (580_000, "1.5", 6)},
        unit=world.unit,
    )
    parks = task_make(
        world.project,
        "Parkstell",
        {LevelKind.KEEP: (500_000, "1", 7), LevelKind.REMOVE: (0, "0", 0)},
    )
    lights = task_make(
        world.project,
        "Lys",
        {LevelKind.KEEP: (100_000, "0", 5), LevelKind.RAISE: (220_000, "0.5", 9)},
    )
    result = {
        "status": "optimal",
        "target": 800_000,
        "saving": NET,
        "choices": [
            {"key": str(road.pk), "name": "Brøyting", "kind": "LOWER", "saving": 420_000,
             "fte_change": -0.5, "quality_lost": 2.0, "locked": False, "minimum": ""},
            {"key": str(parks.pk), "name": "Parkstell", "kind": "REMOVE", "saving": 500_000,
             "fte_change": -1.0, "quality_lost": 7.0, "locked": False, "minimum": ""},
            {"key": str(lights.pk), "name": "Lys", "kind": "RAISE", "saving": -120_000,
             "fte_change": 0.5, "quality_lost": -4.0, "locked": False, "minimum": ""},
        ],
    }  # fmt: skip
    Plan.objects.create(project=world.project, target=800_000, result=result, chosen=True)
    Project.objects.filter(pk=world.project.pk).update(status=Project.Status.RECOMMENDED)
    world.project.refresh_from_db()
    decision_record(
        actor=world.body_users[Party.ADMINISTRATION],
        project=world.project,
        version=world.project.version,
        decision_maker="COUNCIL",
        adopted=True,
        text="Kommunestyret vedtar innstillingen.",
        decided_on=datetime.date(2026, 11, 20),
    )
    return world


def test_the_adopted_plan_is_booked_with_its_added_cost(world: ProjectWorld) -> None:
    rows = SavingsYear.objects.filter(measure__project=world.project, year=2027)
    booked = {row.measure.title: (row.measure.realisation, row.planned) for row in rows}
    assert booked == {
        "Brøyting: Lower": (Realisation.ATTRITION, 420_000),
        "Parkstell: Remove": (Realisation.ATTRITION, 500_000),
        "Lys: Raise": (Realisation.ADDED_COST, -120_000),
    }
    assert sorted(set(SavingsYear.objects.values_list("year", flat=True))) == YEARS


def test_unit_sector_and_municipality_show_the_net(world: ProjectWorld) -> None:
    municipality = world.municipality
    sector = world.unit.parent
    assert sector is not None
    for unit_id in (None, sector.pk, world.unit.pk):
        figures = ledger_figures(municipality=municipality, unit_id=unit_id)
        assert figures.years == YEARS
        assert [figures.year_sums(year).planned for year in YEARS] == [NET] * 3
        assert figures.total.planned == 3 * NET
        assert figures.added_cost(2027).planned == -120_000
    whole = ledger_figures(municipality=municipality)
    assert [(row.unit.name, row.total.planned) for row in whole.rows] == [("Teknisk", 3 * NET)]
    part = ledger_figures(municipality=municipality, unit_id=sector.pk)
    assert [(row.unit.name, row.total.planned) for row in part.rows] == [("Vei og park", 3 * NET)]
    assert "plans to save 800,000 kr in 2027" in year_summary(whole, 2027)
    assert "less 120,000 kr of added cost" in year_summary(whole, 2027)


def test_the_waterfall_shows_the_added_cost_as_its_own_step(world: ProjectWorld) -> None:
    SavingsYear.objects.filter(measure__title="Lys: Raise", year=2027).update(realised=-150_000)
    SavingsYear.objects.filter(measure__title="Brøyting: Lower", year=2027).update(realised=420_000)
    figures = ledger_figures(municipality=world.municipality)
    steps = waterfall_steps(figures, 2027)
    assert [(s["step"], s["start"], s["end"], s["change"]) for s in steps] == [
        ("Planned savings", 0, 920_000, None),
        ("Added cost", 920_000, NET, -120_000),
        ("Planned, net", 0, NET, None),
        ("Natural attrition", NET, 300_000, -500_000),
        ("Added cost against the plan", 300_000, 270_000, -30_000),
        ("Realised", 0, 270_000, None),
    ]
    chart = waterfall_chart(figures, 2027)
    check(chart.spec)
    assert ["Added cost", "\u2212120,000 kr", "800,000 kr"] in chart.table.rows
    assert chart.summary == (
        "In 2027, 270,000 kr was realised of 800,000 kr planned; the largest shortfall is in "
        "natural attrition (500,000 kr). The figures are net: the savings of 2027 less "
        "120,000 kr of added cost for tasks given more to do."
    )


def test_the_csv_and_the_api_show_the_net(client: Any, world: ProjectWorld) -> None:
    client.force_login(world.outsider)
    data = client.get("/api/v1/development/ledger").json()
    assert data["years"][0] == {"year": 2027, "planned": NET, "realised": None}
    assert data["total"]["planned"] == 3 * NET
    assert data["units"][0]["total"]["planned"] == 3 * NET
    kinds = {row["realisation"]: row["years"] for row in data["by_realisation"]}
    assert kinds["ADDED_COST"][0] == {"year": 2027, "planned": -120_000, "realised": None}
    client.force_login(world.body_users[Party.ADMINISTRATION])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    response = client.get("/utvikling/innsparing/innsparing.csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    header = lines[0].split(";")
    planned = header.index("planlagt")
    rows = [line.split(";") for line in lines[1:]]
    assert sum(int(row[planned]) for row in rows if row[header.index("år")] == "2027") == NET
    assert any(row[2] == "Økt innsats" and row[planned] == "-120000" for row in rows)


def test_the_result_report_and_the_frozen_ledger_show_the_net(world: ProjectWorld) -> None:
    secretary = world.body_users[Party.ADMINISTRATION]
    meeting = meetings.meeting_create(
        actor=secretary,
        body=world.mandating_body,
        starts_at=at(datetime.date(2027, 3, 10)),
        ends_at=at(datetime.date(2027, 3, 10), 20),
        place="Rådhuset",
    )
    section = savings_section(meeting, datetime.date(2027, 3, 10))
    assert section is not None
    assert section["this_year"] == {"planned": NET, "realised": None}
    assert section["total"]["planned"] == 3 * NET
    assert {"realisation": "Added cost", "planned": -120_000, "realised": None} in section[
        "by_realisation"
    ]
    assert section["projects"][0]["planned"] == NET
    assert section["projects"][0]["planned_total"] == 3 * NET
    frozen = ledger_snapshot(secretary, {"aar": "2027"})
    assert "800,000 kr" in frozen["summary"]
    assert frozen["tables"][0]["rows"][0][-2] == "2,400,000 kr"
