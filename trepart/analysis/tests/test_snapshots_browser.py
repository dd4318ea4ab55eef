"""In a real browser: the secretary reads 10-FAKTOR, sends it to a meeting and finds it on
the agenda, drawn as a chart, with axe-core on every page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from trepart.analysis.tests.factors_world import build_factor_world
from trepart.meetings.tests.world import build_world, plan_meeting

pytestmark = pytest.mark.browser


def test_secretary_sends_the_factor_profile_to_a_meeting(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build_world()
    factors = build_factor_world(world.municipality)
    meeting = plan_meeting(world, timezone.localdate() + datetime.timedelta(days=12))
    page = browser_page
    log_in(page, world.secretary.username)

    visit(page, "/analyse/")
    assert_accessible(page)
    page.locator("main").get_by_role("link", name="10-FAKTOR").click()
    page.wait_for_load_state("load")
    page.locator("#factors-unit").select_option(value=str(factors.school.pk))
    page.locator("main form[method=get] button[type=submit]").first.click()
    page.wait_for_load_state("load")
    expect(page.locator(".trepart-chart__drawing svg").first).to_be_visible()
    assert_accessible(page)

    page.locator("form[action='/analyse/til-mote/'] button").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.locator("#id_meeting").select_option(value=str(meeting.pk))
    page.locator("form[action='/analyse/til-mote/'][method=post] button[type=submit]").click()
    page.wait_for_url(f"**/moter/{meeting.pk}/**")
    page.wait_for_load_state("load")
    expect(page.locator(".trepart-snapshot")).to_contain_text("Faktorvik skole")
    expect(page.locator(".trepart-snapshot .trepart-chart__drawing svg")).to_have_count(2)
    assert_accessible(page)
