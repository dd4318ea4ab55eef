"""The demo's 10-FAKTOR results: two years for every unit, deterministic, within KS's rules."""

from __future__ import annotations

import datetime

import pytest

from trepart.accounts.tests.factories import MunicipalityFactory
from trepart.analysis.bench.factors import factors_bench_pages
from trepart.analysis.models import FactorResult
from trepart.demo.analysis_factors import factors_build
from trepart.organisation.tests.factories import UnitFactory
from trepart.platform.bench_registry import BenchContext

pytestmark = pytest.mark.django_db


def test_demo_has_two_years_for_every_unit_and_is_deterministic() -> None:
    municipality = MunicipalityFactory.create()
    sector = UnitFactory.create(municipality=municipality, kind="SECTOR")
    for _n in range(5):
        UnitFactory.create(municipality=municipality, parent=sector)
    today = datetime.date(2026, 12, 2)
    factors_build(municipality=municipality, preset="small", bulk=False, today=today)
    rows = list(
        FactorResult.objects.order_by("unit_id", "year", "factor").values_list(
            "unit_id", "year", "factor", "average", "respondents"
        )
    )
    assert len(rows) == 5 * 2 * 10
    assert {row[1] for row in rows} == {2024, 2025}
    assert not FactorResult.objects.filter(unit=sector).exists()
    assert all(1 <= row[3] <= 5 and 3 <= row[4] <= 40 for row in rows)
    factors_build(municipality=municipality, preset="small", bulk=False, today=today)
    again = list(
        FactorResult.objects.order_by("unit_id", "year", "factor").values_list(
            "unit_id", "year", "factor", "average", "respondents"
        )
    )
    assert again == rows
    pages = factors_bench_pages(BenchContext(municipality=municipality, users={}))
    assert [page.name for page in pages] == ["10-FAKTOR (municipality)", "10-FAKTOR (unit)"]
