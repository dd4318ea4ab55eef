"""The same figure reads the same wherever a page shows it — key figures, summary sentence,
tables, chart data — and a difference shown is the difference of the figures shown.

The figures are chosen where rounding paths part: 6.78 % (cut to 6,7 by one path, rounded
to 6,8 by another), 4.0 % against 3.349 % a year before (shown as 4,0 and 3,3: the change
must read 0,7, not 0,6), and a survey mean of 3.25 (3,2 or 3,3).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.analysis.absence import add_months
from trepart.analysis.tests.absence_world import add_records
from trepart.analysis.tests.frozen_specs import broken_units_spec
from trepart.analysis.tests.page_text import read_page, spec_rows
from trepart.analysis.tests.results_world import build_results_world, make_survey, respond_many
from trepart.organisation.models import Unit
from trepart.organisation.tests.factories import UnitFactory
from trepart.platform.charts import Chart, svg
from trepart.platform.snapshots import build_snapshot

pytestmark = pytest.mark.django_db

END = datetime.date(2026, 6, 1)
FIGURE = re.compile(r"[+\u2212]?\d+(?:,\d+)?")


def figures_in(text: str) -> list[str]:
    return FIGURE.findall(text)


def value_of(text: str) -> Decimal:
    return Decimal(text.replace("\u2212", "-").replace("+", "").replace(",", "."))


@pytest.fixture
def sick_leave() -> dict[str, Any]:
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    reader = UserFactory.create(municipality=municipality, language="nb")
    sector = UnitFactory.create(
        municipality=municipality, name="Helse", code="1000", kind=Unit.Kind.SECTOR
    )
    rising = UnitFactory.create(municipality=municipality, name="Ankerhagen", parent=sector)
    steady = UnitFactory.create(municipality=municipality, name="Bryggen", parent=sector)
    # Ankerhagen: 3.349 % the year before, 4.0 % in the last 12 months.
    add_records(
        rising,
        employees=30,
        certified=0.02349,
        self_certified=0.01,
        months=12,
        end=add_months(END, -12),
    )
    add_records(rising, employees=30, certified=0.03, self_certified=0.01, months=12, end=END)
    # Bryggen: 6.78 % throughout.
    add_records(steady, employees=20, certified=0.0578, self_certified=0.01, end=END)
    return {"reader": reader, "sector": sector, "rising": rising, "steady": steady}


def test_a_units_figure_and_change_read_the_same_everywhere(
    client: Any, sick_leave: dict[str, Any]
) -> None:
    client.force_login(sick_leave["reader"])
    response = client.get(f"/analyse/sykefravaer/?enhet={sick_leave['rising'].pk}")
    page = read_page(response.content.decode())
    headline, _certified, _self, before, _target = page.key_figures
    assert figures_in(headline) == ["4,0"]
    # "3,3 % (+0,7 points since)": the change is 4,0 - 3,3 as shown.
    assert figures_in(before) == ["3,3", "+0,7"]
    summary = page.by_id["chart-absence-trend-summary"]
    assert "4,0 %" in summary
    assert "0,7" in summary and "0,6" not in summary
    # The trend's chart data hold the figures its table shows.
    table = page.tables[0]
    rows = spec_rows(page.specs["chart-absence-trend-spec"])
    for period, _total, certified, self_certified in table[1:]:
        shown = {row["percent"] for row in rows if row.get("label") == period}
        assert shown == {float(value_of(certified[:-2])), float(value_of(self_certified[:-2]))}


def test_units_read_the_same_in_the_table_the_chart_and_its_sentence(
    client: Any, sick_leave: dict[str, Any]
) -> None:
    client.force_login(sick_leave["reader"])
    response = client.get(f"/analyse/sykefravaer/?enhet={sick_leave['sector'].pk}")
    page = read_page(response.content.decode())
    # Bryggen in the units table of the page and in the chart's own table.
    bryggen = page.row("Bryggen")
    assert len(bryggen) == 2
    assert {row[1] for row in bryggen} == {"6,8 %"}
    ankerhagen = page.row("Ankerhagen")
    assert {row[1] for row in ankerhagen} == {"4,0 %"}
    assert {row[2] for row in ankerhagen} == {"+0,7"}
    summary = page.by_id["chart-absence-units-summary"]
    assert "(6,8 %)" in summary and "(4,0 %)" in summary
    percents = {
        row["unit"]: row["percent"]
        for row in spec_rows(page.specs["chart-absence-units-spec"])
        if "unit" in row
    }
    assert percents == {"Bryggen": 6.8, "Ankerhagen": 4.0}


def test_a_survey_mean_reads_the_same_in_every_table_and_the_chart(client: Any) -> None:
    world = build_results_world(builtin_key="status-i-egen-kommune")
    world.reader.language = "nb"
    world.reader.save()
    # 8 politicians answer 3 three times and 4 once per four: every mean is 3.25.
    respond_many(world.survey, 6, values=[3, 3, 3], unit=world.school_a, party="POLITICAL")
    respond_many(world.survey, 2, values=[4, 4, 4], unit=world.school_a, party="POLITICAL")
    respond_many(world.survey, 6, values=[2, 2, 2], unit=world.school_b, party="EMPLOYEE")
    make_survey(world.instrument, round_label="Neste runde")
    client.force_login(world.reader)
    response = client.get(f"/analyse/undersokelser/{world.survey.pk}/resultater/?by=party")
    html = response.content.decode()
    page = read_page(html)
    politicians = [row for table in page.tables for row in table if "Folkevalgte" in row[0]]
    assert politicians, [table[0] for table in page.tables]
    means = {cell for row in politicians for cell in row[1:] if re.fullmatch(r"\d,\d", cell)}
    assert means == {"3,3"}, politicians
    chart = next(key for key in page.specs if key.endswith("-parties-spec"))
    values = {
        row["mean"]
        for row in spec_rows(page.specs[chart])
        if row.get("party", "").startswith("Folkevalgte")
    }
    assert values == {3.3}


@pytest.mark.parametrize(
    ("language", "short", "long_"),
    [
        ("nb", "15. okt. 2025", "15. oktober 2025"),
        ("nn", "15. okt. 2025", "15. oktober 2025"),
        ("en", "15 Oct 2025", "Oct. 15, 2025"),
    ],
)
def test_dates_read_as_the_language_writes_them(
    client: Any, language: str, short: str, long_: str
) -> None:
    world = build_results_world()
    world.survey.opens_on = datetime.date(2025, 10, 15)
    world.survey.closes_on = datetime.date(2025, 10, 15)
    world.survey.save()
    world.reader.language = language
    world.reader.save()
    client.force_login(world.reader)
    listing = client.get("/analyse/undersokelser/").content.decode()
    # The short date was "15. Okt 2025": Django's "M" capitalises the month.
    assert f"{short} – {short}" in listing
    assert "Okt" not in listing
    world.municipality.require_mfa_for_admins = False
    world.municipality.save()
    world.reader.is_municipal_admin = True
    world.reader.save()
    response = client.get(f"/analyse/undersokelser/{world.survey.pk}/")
    assert response.status_code == 200
    detail = response.content.decode()
    assert f"<dd>{long_}</dd>" in detail


def test_a_frozen_units_chart_from_before_the_fix_draws_its_bars_in_a_pdf(
    sick_leave: dict[str, Any],
) -> None:
    snapshot = build_snapshot(
        "absence-dashboard",
        user=sick_leave["reader"],
        params={"enhet": str(sick_leave["sector"].pk)},
    )
    stored = next(c for c in snapshot["charts"] if c["key"] == "absence-units")
    stored["spec"] = broken_units_spec(stored["spec"])
    assert stored["spec"]["layer"][0]["data"] == {"name": "empty"}
    # Drawn on a page (the template tag reads it through from_json) and in a PDF (svg).
    repaired = Chart.from_json(stored).spec
    assert "data" not in repaired["layer"][0]
    drawing = svg(stored["spec"])
    bars = re.search(r'<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)</g>', drawing, re.S)
    assert bars is not None
    assert bars.group(1).count("<path") == 2  # Ankerhagen and Bryggen
