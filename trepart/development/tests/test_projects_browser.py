"""In a real browser: the project group's leader opens the project from the list and sends
a status report to the mandating body's next meeting, and a visitor reads the public page;
a member of the mandating body starts a project through the form (a refused form first).
axe-core and the HTML checker look at every page on the way."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from trepart.development.models import StatusReport
from trepart.development.tests.project_steps import mandate_item, meeting_of
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


def test_a_body_member_starts_a_project(
    browser_page: Page, visit: Any, log_in: Any, assert_accessible: Any
) -> None:
    world = build_project_world()
    item = mandate_item(world)
    member = world.body_users[Party.EMPLOYEE]
    page = browser_page

    log_in(page, member.username)
    visit(page, "/utvikling/prosjekt/ny/")
    page.get_by_label("Title").fill("Bedre vintervedlikehold")
    page.get_by_role("button", name="Create the project").click()
    page.wait_for_load_state("load")
    assert_accessible(page)  # the errors, with what was typed kept
    expect(page.get_by_label("Title")).to_have_value("Bedre vintervedlikehold")

    page.get_by_label("Kind").select_option("DEVELOPMENT")
    page.get_by_label("Mandating body").select_option(str(world.mandating_body.pk))
    page.get_by_label("Mandate given in (agenda item)").select_option(str(item.pk))
    page.locator("#id_mandate").fill("Utred nye rutiner for brøyting.")
    page.get_by_label("Project leader").select_option(str(world.leader.pk))
    page.get_by_label("Starts").fill("2026-03-02")
    page.get_by_role("button", name="Create the project").click()
    page.wait_for_url("**/utvikling/prosjekt/*/")
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedre vintervedlikehold")
    expect(page.get_by_text("The project was created with its project group.")).to_be_visible()
