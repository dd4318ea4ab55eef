"""The demo's sick leave: three years per unit, seasons, deterministic; and the bench pages."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import Sum

from trepart.accounts.tests.factories import MunicipalAdminFactory, MunicipalityFactory
from trepart.analysis.bench.absence import absence_bench_pages, absence_bench_steps
from trepart.analysis.models import AbsenceRecord, PresenceTarget
from trepart.demo.analysis_absence import absence_build
from trepart.organisation.models import Unit
from trepart.organisation.tests.factories import UnitFactory
from trepart.platform.bench_registry import BenchContext

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)


def municipality_with_units() -> Any:
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    sector = UnitFactory.create(municipality=municipality, kind=Unit.Kind.SECTOR, employee_count=0)
    for count in (40, 12, 0, 90):
        UnitFactory.create(municipality=municipality, parent=sector, employee_count=count)
    return municipality


def records(municipality: Any) -> list[tuple[int, datetime.date, float, float]]:
    return list(
        AbsenceRecord.objects.filter(municipality=municipality)
        .order_by("unit_id", "period_start")
        .values_list("employees", "period_start", "agreed_days", "lost_certified")
    )


def test_three_years_per_unit_up_to_last_month_with_seasons() -> None:
    municipality = municipality_with_units()
    absence_build(municipality=municipality, preset="small", bulk=False, today=TODAY)
    stored = AbsenceRecord.objects.filter(municipality=municipality)
    # Four work units (the one without a head count gets 10–40), none for the empty sector.
    assert stored.count() == 4 * 36
    months = sorted({record.period_start for record in stored})
    assert (months[0], months[-1]) == (datetime.date(2023, 12, 1), datetime.date(2026, 11, 1))
    for record in stored:
        assert record.lost_certified + record.lost_self <= record.agreed_days
        assert record.agreed_days == pytest.approx(record.employees * 20.5 * 0.9, abs=0.1)

    def rate(month: int) -> float:
        sums = stored.filter(period_start__month=month).aggregate(
            agreed=Sum("agreed_days"), lost=Sum("lost_certified")
        )
        return sums["lost"] / sums["agreed"]

    assert rate(1) > rate(7) * 1.4
    assert PresenceTarget.objects.filter(municipality=municipality, percent=93).exists()


def test_the_demo_figures_are_the_same_every_time() -> None:
    municipality = municipality_with_units()
    absence_build(municipality=municipality, preset="small", bulk=False, today=TODAY)
    first = records(municipality)
    absence_build(municipality=municipality, preset="small", bulk=False, today=TODAY)
    assert records(municipality) == first


def test_bulk_builds_ten_years() -> None:
    municipality = municipality_with_units()
    absence_build(municipality=municipality, preset="medium", bulk=True, today=TODAY)
    assert AbsenceRecord.objects.filter(municipality=municipality).count() == 4 * 120


def test_bench_pages_answer_and_steps_run(client: Any) -> None:
    municipality = municipality_with_units()
    absence_build(municipality=municipality, preset="small", bulk=False, today=TODAY)
    admin = MunicipalAdminFactory.create(municipality=municipality)
    context = BenchContext(municipality=municipality, users={"admin": admin})
    client.force_login(admin)
    pages = absence_bench_pages(context)
    assert len(pages) == 4
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url
    for step in absence_bench_steps(context):
        assert step.run() is not None
