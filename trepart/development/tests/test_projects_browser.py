"""The project group's leader opens the project in a real browser and sends a status
report to the mandating body's next meeting; a visitor reads the public page. axe-core
and the HTML checker look at every page on the way."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from trepart.development.models import StatusReport
from trepart.development.tests.project_steps import meeting_of
from trepart.development.tests.world import build_project_world
from trepart.organisation.models import Party

pytestmark = pytest.mark.browser


def test_the_leader_sends_a_status_report(
    browser_page: Page, visit: Any, log_in: Any, assert_accessible: Any
) -> None:
    world = build_project_world(public=True)
    day = timezone.localdate() + datetime.timedelta(days=10)
    meeting = meeting_of(world, day)
    chair = world.group_users[Party.ADMINISTRATION]
    page = browser_page

    log_in(page, chair.username)
    visit(page, "/utvikling/")
    page.get_by_role("link", name=world.project.title).click()
    page.wait_for_url(f"**/utvikling/prosjekt/{world.project.pk}/")
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(world.project.title)
    expect(page.get_by_role("heading", name="Project group")).to_be_visible()

    page.get_by_role("link", name="New status report").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_label("Status report").fill("Kartleggingen av oppgavene er ferdig.")
    page.get_by_label("Meeting of the mandating body").select_option(str(meeting.pk))
    page.get_by_role("button", name="Send to the body's agenda").click()
    page.wait_for_url(f"**/utvikling/prosjekt/{world.project.pk}/")
    assert_accessible(page)
    expect(page.get_by_text("The status report is on the body's agenda.")).to_be_visible()
    expect(page.get_by_text("Kartleggingen av oppgavene er ferdig.")).to_be_visible()
    report = StatusReport.objects.get(project=world.project)
    assert report.item is not None and report.item.meeting_id == meeting.pk

    visit(page, f"/utvikling/offentlig/{world.project.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(world.project.title)
    assert world.leader.last_name not in page.content()
