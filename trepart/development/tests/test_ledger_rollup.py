"""The ledger's roll-up through the unit tree, its charts (valid Vega-Lite, with tables and
summaries) and the waterfall's arithmetic."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.http import Http404
from django.utils import translation

from trepart.accounts.tests.factories import MunicipalityFactory
from trepart.audit.cache import computed_afresh
from trepart.development.ledger_display import (
    by_year_chart,
    fte_chart,
    waterfall_chart,
    waterfall_steps,
)
from trepart.development.models import Realisation
from trepart.development.selectors.ledger import Sums, ledger_figures, report_year
from trepart.development.tests.ledger_world import LedgerWorld, build_ledger_world, measure_make
from trepart.organisation.tests.factories import UnitFactory
from trepart.platform.charts import check

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger() -> LedgerWorld:
    return build_ledger_world()


def test_units_roll_up_to_their_sector_and_the_municipality(ledger: LedgerWorld) -> None:
    municipality = ledger.world.municipality
    whole = ledger_figures(municipality=municipality)
    assert whole.years == [2026, 2027]
    assert whole.by_year[2026] == Sums(600_000, 550_000, True)
    assert whole.by_year[2027] == Sums(400_000, 0, False)
    assert whole.total == Sums(1_000_000, 550_000, True)
    assert whole.measure_count == 2
    # The municipality lists its sectors (each with its units' figures), not its units.
    rows = [(row.unit.name, row.depth, row.total.planned) for row in whole.rows]
    assert rows == [("Helse", 0, 200_000), ("Teknisk", 0, 800_000)]
    sector = ledger_figures(municipality=municipality, unit_id=ledger.sector.pk)
    assert sector.name == "Teknisk"
    assert sector.total == Sums(800_000, 300_000, True)
    assert [row.unit.name for row in sector.rows] == ["Vei og park"]
    assert sector.by_realisation[Realisation.ATTRITION][2026] == Sums(400_000, 300_000, True)
    assert sector.by_realisation[Realisation.PURCHASING] == {}
    unit = ledger_figures(municipality=municipality, unit_id=ledger.world.unit.pk)
    assert [node.name for node in unit.ancestors] == ["Teknisk"]
    assert unit.rows == []
    assert float(unit.fte_total) == -1.0


def test_a_sector_lists_its_whole_subtree_and_counts_only_it(ledger: LedgerWorld) -> None:
    municipality = ledger.world.municipality
    team = UnitFactory.create(municipality=municipality, name="Nattlaget", parent=ledger.nursing)
    measure_make(team, "Nattevakt", Realisation.OTHER, {2025: (10_000, 10_000)}, fte="-0.5")
    measure_make(ledger.home, "Turnus", Realisation.ATTRITION, {2026: (0, None)}, fte="-0.25")
    health = ledger_figures(municipality=municipality, unit_id=ledger.health.pk)
    rows = [(row.unit.name, row.depth, row.total.planned) for row in health.rows]
    assert rows == [
        ("Hjemmetjenesten", 0, 0),
        ("Sykehjemmet", 0, 210_000),
        ("Nattlaget", 1, 10_000),
    ]
    assert health.measure_count == 3
    assert health.years == [2025, 2026]
    assert health.by_year[2025] == Sums(10_000, 10_000, True)
    # FTE effects by each measure's first year; the other sector's are not counted.
    assert health.ftes == {
        (2025, Realisation.OTHER): Decimal("-0.50"),
        (2026, Realisation.ATTRITION): Decimal("-0.25"),
    }
    whole = ledger_figures(municipality=municipality)
    assert whole.measure_count == 4
    assert [row.unit.name for row in whole.rows] == ["Helse", "Teknisk"]
    assert whole.rows[0].total == Sums(210_000, 260_000, True)


def test_a_new_measure_shows_at_once_despite_the_cache(ledger: LedgerWorld) -> None:
    from trepart.development.services.ledger import YearFigures, measure_create

    municipality = ledger.world.municipality
    assert ledger_figures(municipality=municipality).total.planned == 1_000_000
    measure_create(
        actor=ledger.world.admin,
        unit=ledger.home,
        title="Ruteplanlegging",
        realisation=Realisation.REORGANISATION,
        years=[YearFigures(2026, 50_000)],
    )
    assert ledger_figures(municipality=municipality).total.planned == 1_050_000


def test_a_unit_of_another_municipality_is_not_found(ledger: LedgerWorld) -> None:
    other = UnitFactory.create(municipality=MunicipalityFactory.create())
    with pytest.raises(Http404):
        ledger_figures(municipality=ledger.world.municipality, unit_id=other.pk)


def test_the_page_shows_this_year_or_the_latest_before_it() -> None:
    day = datetime.date(2027, 5, 1)
    assert report_year([2026, 2027, 2028], day) == 2027
    assert report_year([2025, 2026, 2029], day) == 2026
    assert report_year([2029, 2030], day) == 2029
    assert report_year([], day) == 2027


def test_the_waterfall_goes_from_planned_through_each_kind_to_realised(
    ledger: LedgerWorld,
) -> None:
    measure_make(ledger.home, "Inntekter", Realisation.INCOME, {2026: (100_000, None)})
    figures = ledger_figures(municipality=ledger.world.municipality)
    steps = waterfall_steps(figures, 2026)
    assert [(s["step"], s["start"], s["end"], s["change"]) for s in steps] == [
        ("Planned", 0, 700_000, None),
        ("Natural attrition", 700_000, 600_000, -100_000),
        ("Purchasing", 600_000, 650_000, 50_000),
        ("Income", 650_000, 550_000, -100_000),
        ("Realised", 0, 550_000, None),
    ]
    chart = waterfall_chart(figures, 2026)
    check(chart.spec)
    assert chart.summary == (
        "In 2026, 550,000 kr was realised of 700,000 kr planned; the largest shortfall is "
        "in natural attrition (100,000 kr)."
    )
    assert chart.table.rows[-1] == ["Realised", "—", "550,000 kr"]


def test_the_charts_are_valid_with_tables_and_summaries_in_norwegian(
    ledger: LedgerWorld,
) -> None:
    figures = ledger_figures(municipality=ledger.world.municipality)
    with translation.override("nb"):
        years = by_year_chart(figures, 2026)
        ftes = fte_chart(figures)
    for chart in (years, ftes):
        check(chart.spec)
        assert chart.table.rows
    assert years.table.rows[0] == ["2026", "600\u00a0000 kr", "550\u00a0000 kr", "91,7 %"]
    assert years.table.rows[1][2] == "—"
    assert "realiserte 550\u00a0000 kr av 600\u00a0000 kr" in years.summary
    assert ftes.table.rows == [["2026", "Naturlig avgang", "\u22121,0"]]
    assert "naturlig avgang" in ftes.summary


def test_the_figures_take_three_queries_however_many_units(
    ledger: LedgerWorld, django_assert_num_queries: Any
) -> None:
    municipality = ledger.world.municipality
    for number in range(20):
        unit = UnitFactory.create(municipality=municipality, parent=ledger.health)
        measure_make(unit, f"Tiltak {number}", Realisation.OTHER, {2026: (1_000, 500)})
    # The tree, the years grouped by parent (or by unit) and the measures grouped by kind.
    with computed_afresh():
        for unit_id in (None, ledger.health.pk):
            with django_assert_num_queries(3):
                figures = ledger_figures(municipality=municipality, unit_id=unit_id)
            assert figures.measure_count == (22 if unit_id is None else 21)
    assert ledger_figures(municipality=municipality).rows[0].total == Sums(220_000, 260_000, True)


def test_a_unit_whose_parent_is_not_in_the_tree_counts_as_a_sector(ledger: LedgerWorld) -> None:
    municipality = ledger.world.municipality
    elsewhere = UnitFactory.create(municipality=MunicipalityFactory.create())
    stray = UnitFactory.create(municipality=municipality, name="Arkivet", parent=elsewhere)
    measure_make(stray, "Digitalt arkiv", Realisation.OTHER, {2026: (5_000, None)})
    whole = ledger_figures(municipality=municipality)
    assert [row.unit.name for row in whole.rows] == ["Arkivet", "Helse", "Teknisk"]
    assert whole.total.planned == 1_005_000
