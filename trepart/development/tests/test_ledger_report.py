"""The savings ledger in the mandating body's standing result report, frozen into the
agenda when it is published."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pypdf
import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse

from trepart.analysis.services.snapshots import snapshot_send
from trepart.development.models import Project, SavingsMeasure
from trepart.development.report_sections import savings_section
from trepart.development.tests.ledger_world import LedgerWorld, build_ledger_world
from trepart.meetings import services
from trepart.meetings.models import AgendaItem
from trepart.meetings.services.report import report_sections
from trepart.meetings.tests.world import at
from trepart.organisation.models import Party

pytestmark = pytest.mark.django_db

MEETING_DAY = datetime.date(2026, 12, 10)
PUBLISHED = datetime.date(2026, 12, 1)


@pytest.fixture
def ledger() -> LedgerWorld:
    return build_ledger_world()


def test_the_savings_section_is_registered() -> None:
    assert report_sections()["savings"] is savings_section


def _publish(ledger: LedgerWorld) -> AgendaItem:
    world = ledger.world
    secretary = world.body_users[Party.ADMINISTRATION]
    meeting = services.meeting_create(
        actor=secretary,
        body=world.mandating_body,
        starts_at=at(MEETING_DAY),
        ends_at=at(MEETING_DAY, 20),
        place="Rådhuset",
    )
    item = services.item_add(
        actor=secretary, meeting=meeting, kind=AgendaItem.Kind.RESULT_REPORT, title="Resultater"
    )
    with time_machine.travel(at(PUBLISHED, 9)):
        services.meeting_publish_agenda(actor=secretary, meeting=meeting, version=1)
    item.refresh_from_db()
    return item


def test_the_result_report_holds_the_ledger_this_year_and_in_all(ledger: LedgerWorld) -> None:
    world = ledger.world
    SavingsMeasure.objects.filter(pk=ledger.roads.pk).update(project=world.project)
    Project.objects.filter(pk=world.project.pk).update(visibility=Project.Visibility.PUBLIC)
    item = _publish(ledger)
    assert item.snapshot is not None
    savings = item.snapshot["savings"]
    assert savings["unit"] == world.municipality.name
    assert savings["year"] == 2026
    assert savings["this_year"] == {"planned": 600_000, "realised": 550_000}
    assert savings["total"] == {"planned": 1_000_000, "realised": 550_000}
    assert savings["years"][1] == {"year": 2027, "planned": 400_000, "realised": None}
    assert savings["by_realisation"] == [
        {"realisation": "Natural attrition", "planned": 400_000, "realised": 300_000},
        {"realisation": "Purchasing", "planned": 200_000, "realised": 250_000},
    ]
    assert savings["fte_effect"] == -1.0
    assert savings["projects"] == [
        {
            "project": world.project.title,
            "planned": 400_000,
            "realised": 300_000,
            "planned_total": 800_000,
            "realised_total": 300_000,
        }
    ]
    page = render_to_string(
        "development/_result_report_savings.html", {"report": item.snapshot, "item": item}
    )
    assert "Savings ledger, " in page and "550,000 kr" in page and "2 measures" in page
    # Frozen: a later change to the ledger does not change the report.
    SavingsMeasure.objects.all().delete()
    item.refresh_from_db()
    assert item.snapshot["savings"]["total"]["planned"] == 1_000_000


def test_an_internal_project_is_not_named_and_an_empty_ledger_has_no_section(
    ledger: LedgerWorld,
) -> None:
    SavingsMeasure.objects.filter(pk=ledger.roads.pk).update(project=ledger.world.project)
    item = _publish(ledger)
    assert item.snapshot is not None
    assert item.snapshot["savings"]["projects"] == []
    SavingsMeasure.objects.all().delete()
    assert _publish(ledger).snapshot["savings"] is None  # type: ignore[index]


def test_the_meeting_page_and_the_notice_pdf_show_the_savings(
    client: Any, ledger: LedgerWorld
) -> None:
    item = _publish(ledger)
    client.force_login(ledger.world.body_users[Party.EMPLOYEE])
    page = client.get(reverse("meetings:meeting-detail", args=[item.meeting_id])).content
    text = page.decode()
    assert f"Savings ledger, {ledger.world.municipality.name}, 2026" in text
    assert "550,000 kr" in text
    response = client.get(reverse("meetings:notice-pdf", args=[item.meeting_id]))
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    pdf_text = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())
    assert f"Savings ledger, {ledger.world.municipality.name}, 2026" in pdf_text
    assert "550,000 kr" in pdf_text


def test_the_ledger_page_is_sent_to_a_meeting_frozen(client: Any, ledger: LedgerWorld) -> None:
    world = ledger.world
    secretary = world.body_users[Party.ADMINISTRATION]
    meeting = services.meeting_create(
        actor=secretary,
        body=world.mandating_body,
        starts_at=at(MEETING_DAY),
        ends_at=at(MEETING_DAY, 20),
        place="Rådhuset",
    )
    client.force_login(secretary)
    page = client.get(f"/utvikling/innsparing/enhet/{ledger.health.pk}/?aar=2026")
    assert 'name="key" value="savings-ledger"' in page.content.decode()
    with time_machine.travel(at(PUBLISHED, 9)):
        item = snapshot_send(
            actor=secretary,
            key="savings-ledger",
            params={"enhet": str(ledger.health.pk), "aar": "2026"},
            meeting=meeting,
            title="Innsparing i Helse",
        )
    frozen = item.snapshot
    assert frozen is not None and frozen["key"] == "savings-ledger"
    assert frozen["title"] == "Savings ledger: Helse"
    assert frozen["url"] == f"/utvikling/innsparing/enhet/{ledger.health.pk}/?aar=2026"
    keys = [chart["key"] for chart in frozen["charts"]]
    assert [key.split("ledger-")[-1].split("-")[0] for key in keys] == [
        "years",
        "waterfall",
        "ftes",
    ]
    assert frozen["tables"][0]["rows"][0][0] == "Sykehjemmet"
    assert "realised 250,000 kr of the 200,000 kr planned for 2026" in frozen["summary"]
