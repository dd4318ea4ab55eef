"""Sick leave in the meeting's standing result report: frozen, suppressed, on page and PDF."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pypdf
import pytest
import time_machine
from django.urls import reverse

from trepart.analysis.tests.absence_world import add_records
from trepart.meetings import services
from trepart.meetings.models import AgendaItem
from trepart.meetings.services.report import result_report
from trepart.meetings.tests.world import World, add_item, at, build_world, plan_meeting
from trepart.organisation.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

MEETING_DAY = datetime.date(2026, 12, 10)
# The report is made on 1 December 2026: the twelve months December 2025 – November 2026.
PUBLISHED = datetime.date(2026, 12, 1)
LAST_MONTH = datetime.date(2026, 11, 1)


@pytest.fixture
def world() -> World:
    world = build_world()
    # The school (the LMU's unit) has 30 employees at 6 %; a second unit 20 at 11 %.
    add_records(world.school, employees=30, end=LAST_MONTH)
    other = UnitFactory.create(municipality=world.municipality, name="Sykehjemmet")
    add_records(other, employees=20, certified=0.1, self_certified=0.01, end=LAST_MONTH)
    return world


def publish_with_report(world: World, body: Any = None) -> AgendaItem:
    meeting = plan_meeting(world, MEETING_DAY, **({"body": body} if body else {}))
    report = add_item(world, meeting, "Resultater", kind=AgendaItem.Kind.RESULT_REPORT)
    with time_machine.travel(at(PUBLISHED, 9)):
        services.meeting_publish_agenda(actor=world.secretary, meeting=meeting, version=1)
    report.refresh_from_db()
    return report


def test_the_report_holds_the_municipalitys_sick_leave(world: World) -> None:
    """30 x 20 days at 6 % and 20 x 20 days at 11 %: (36 + 44) x 100 / 1,000 = 8 %."""
    report = publish_with_report(world)
    assert report.snapshot is not None
    absence = report.snapshot["absence"]
    assert absence["unit"] == "Eikvik kommune"
    assert absence["period"] == ["2025-12", "2026-11"]
    assert absence["percent"] == pytest.approx(8.0)
    assert absence["certified"] == pytest.approx(7.0)
    assert absence["self_certified"] == pytest.approx(1.0)
    assert absence["percent_year_before"] == pytest.approx(8.0)
    assert [q["quarter"] for q in absence["quarters"]] == [
        "2025-K4",
        "2026-K1",
        "2026-K2",
        "2026-K3",
        "2026-K4",
    ]


def test_an_lmu_gets_its_own_units_figures(world: World) -> None:
    absence = result_report(plan_meeting(world, MEETING_DAY, body=world.lmu), day=PUBLISHED)[
        "absence"
    ]
    assert absence["unit"] == "Eikvik skole"
    assert absence["percent"] == pytest.approx(6.0)


def test_a_small_lmu_unit_is_hidden_in_the_report(world: World) -> None:
    small = UnitFactory.create(municipality=world.municipality, name="Lille barnehage")
    add_records(small, employees=4, end=LAST_MONTH)
    world.lmu.unit = small
    world.lmu.save()
    absence = result_report(plan_meeting(world, MEETING_DAY, body=world.lmu), day=PUBLISHED)[
        "absence"
    ]
    assert absence["hidden"] is True
    assert absence["percent"] is None and absence["certified"] is None
    assert absence["quarters"] == []


def test_no_figures_no_absence_section(world: World) -> None:
    from trepart.analysis.models import AbsenceRecord

    AbsenceRecord.objects.all().delete()
    assert result_report(plan_meeting(world, MEETING_DAY), day=PUBLISHED)["absence"] is None


def test_the_meeting_page_and_the_notice_pdf_show_the_sick_leave(client: Any, world: World) -> None:
    report = publish_with_report(world)
    client.force_login(world.member)
    page = client.get(reverse("meetings:meeting-detail", args=[report.meeting_id]))
    text = page.content.decode()
    assert "Sick leave, Eikvik kommune, 2025-12 – 2026-11" in text
    assert "8.0 %" in text
    response = client.get(reverse("meetings:notice-pdf", args=[report.meeting_id]))
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    pdf_text = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())
    assert "Sick leave, Eikvik kommune" in pdf_text
    assert "8.0 %" in pdf_text
