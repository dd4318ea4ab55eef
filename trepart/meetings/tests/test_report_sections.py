"""The result report's registry of sections, which apps above meetings fill."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from trepart.meetings.models import Meeting
from trepart.meetings.services import report
from trepart.meetings.tests.world import World, build_world, plan_meeting

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 1)


def body_name(meeting: Meeting, day: datetime.date) -> dict[str, Any]:
    return {"body": meeting.body.name, "day": day.isoformat()}


@pytest.fixture
def world() -> World:
    return build_world()


def test_a_registered_section_is_in_every_report_after_the_own_figures(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report, "_SECTIONS", dict(report._SECTIONS))
    report.register_report_section("body_name", body_name)
    made = report.result_report(plan_meeting(world, DAY + datetime.timedelta(days=9)), day=DAY)
    assert made["body_name"] == {"body": "Trepartsutvalget", "day": "2026-12-01"}
    keys = list(made)
    assert keys[:5] == ["made_on", "period", "proposals", "proposal_totals", "follow_ups"]
    assert keys[-1] == "body_name"


def test_registering_the_same_builder_twice_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(report, "_SECTIONS", dict(report._SECTIONS))
    report.register_report_section("body_name", body_name)
    report.register_report_section("body_name", body_name)
    assert report.report_sections()["body_name"] is body_name


def test_a_taken_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "_SECTIONS", dict(report._SECTIONS))
    report.register_report_section("body_name", body_name)
    with pytest.raises(ValueError, match="already registered"):
        report.register_report_section("body_name", lambda meeting, day: None)
    with pytest.raises(ValueError, match="itself"):
        report.register_report_section("follow_ups", body_name)


def test_a_section_brings_its_templates_and_they_are_used_when_it_has_figures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(report, "_SECTIONS", dict(report._SECTIONS))
    monkeypatch.setattr(report, "_TEMPLATES", {})
    report.register_report_section(
        "body_name", body_name, template="page.html", pdf_template="pdf.html"
    )
    assert report.report_section_templates({"body_name": {"body": "X"}}) == ["page.html"]
    assert report.report_section_templates({"body_name": {"body": "X"}}, pdf=True) == ["pdf.html"]
    # A report frozen without the section's figures shows nothing of it.
    assert report.report_section_templates({"body_name": None}) == []
    assert report.report_section_templates({}) == []
