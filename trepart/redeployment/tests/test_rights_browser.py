"""In a real browser, with axe-core on every page: a member records an outcome on a case,
then reads the figures with their charts; the person reads their own case."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.redeployment.tests.figures_world import add_case
from trepart.redeployment.tests.world import build_bank_world

pytestmark = pytest.mark.browser


def test_a_member_records_an_outcome_and_opens_the_figures(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build_bank_world()
    for days in (30, 40, 50, 60, 70, 80):
        add_case(world, year=2025, placed_after=days)
    for _ in range(3):
        add_case(world, year=2026)
    page = browser_page
    log_in(page, world.members["chair"].username)
    visit(page, f"/stillingsbank/sak/{world.cases['bjorn'].pk}/utfall/")
    assert_accessible(page)
    page.get_by_label("Declined suitable work").check()
    page.get_by_label("Date").fill("2026-10-05")
    page.get_by_label("Why").fill("Takket nei til nattstilling.")
    page.get_by_role("button", name="Record the outcome").click()
    page.wait_for_load_state("load")
    expect(page.locator("#error-summary")).to_contain_text("Record the consequences")
    assert_accessible(page)
    page.get_by_label("Consequences").fill("Saken drøftes med tillitsvalgt.")
    page.get_by_role("button", name="Record the outcome").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Saken drøftes med tillitsvalgt.")
    assert_accessible(page)

    visit(page, "/stillingsbank/tall/")
    expect(page.locator(".trepart-chart__drawing svg")).to_have_count(2)
    expect(page.locator("main")).to_contain_text("Median days to placement")
    assert_accessible(page)
    visit(page, "/stillingsbank/fortrinnsrett/")
    assert_accessible(page)


def test_the_person_reads_their_case_and_their_wish(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build_bank_world()
    page = browser_page
    log_in(page, world.people["cecilie"].username)
    visit(page, "/stillingsbank/min-sak/")
    expect(page.locator("h1")).to_contain_text("My case in the stillingsbank")
    assert_accessible(page)
    visit(page, "/stillingsbank/storre-stilling/")
    expect(page.locator("main")).to_contain_text("Your registered wish")
    assert_accessible(page)
