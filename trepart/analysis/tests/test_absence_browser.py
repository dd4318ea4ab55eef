"""In a real browser: the sick-leave dashboard, a sector, the import and the targets, with
axe-core on every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.analysis.tests.absence_world import build_absence_world

pytestmark = pytest.mark.browser


def test_reader_browses_sick_leave_and_admin_imports(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build_absence_world()
    page = browser_page
    log_in(page, world.reader.username)
    visit(page, "/analyse/sykefravaer/")
    expect(page.locator(".trepart-chart__drawing svg").first).to_be_visible()
    assert_accessible(page)
    page.locator("main table").last.get_by_role("link", name="Helse").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("hidden (fewer than 5 employees)")
    expect(page.locator(".trepart-chart__drawing svg").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Lille avdeling").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("The figures are hidden")
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, world.admin.username)
    visit(page, "/analyse/sykefravaer/import/")
    assert_accessible(page)
    visit(page, "/analyse/sykefravaer/naervaersmal/")
    assert_accessible(page)
