"""In a real browser: the savings ledger of the municipality and of a sector with its three
charts (an added cost among them), and the measure form, with axe-core on every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.development.models import Realisation
from trepart.development.tests.ledger_world import build_ledger_world, measure_make
from trepart.organisation.models import Party

pytestmark = pytest.mark.browser


def test_a_member_reads_the_ledger_with_its_charts_and_enters_a_measure(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    ledger = build_ledger_world()
    # Hjemmetjenesten's added cost is taken off the plan: the page shows the net.
    measure_make(ledger.home, "Flere hjemmebesøk", Realisation.ADDED_COST, {2026: (-50_000, None)})
    page = browser_page
    log_in(page, ledger.world.body_users[Party.EMPLOYEE].username)
    visit(page, "/utvikling/innsparing/")
    drawings = page.locator(".trepart-chart__drawing svg")
    expect(drawings).to_have_count(3)
    expect(page.locator("main h2", has_text="Sectors")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Sykehjemmet")
    expect(page.locator("main dl")).to_contain_text("Added cost taken off the plan")
    assert_accessible(page)
    page.locator("main table").last.get_by_role("link", name="Helse").click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_contain_text("Helse")
    expect(page.locator(".trepart-chart__drawing svg").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("Felles innkjøp")
    units = page.locator("section[aria-labelledby=ledger-units]")
    expect(units.get_by_role("link", name="Sykehjemmet")).to_be_visible()
    assert_accessible(page)

    visit(page, "/utvikling/innsparing/tiltak/ny/")
    page.get_by_label("Unit").select_option(label="Hjemmetjenesten")
    page.get_by_label("Measure").fill("Ruteplanlegging")
    page.get_by_label("Realised through").select_option(label="Reorganisation")
    page.get_by_label("Year (row 1)").fill("2026")
    page.get_by_label("Planned (NOK) (row 1)").fill("-100")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    expect(page.locator("#error-summary")).to_contain_text("A saving cannot be negative (2026).")
    assert_accessible(page)
    page.get_by_label("Planned (NOK) (row 1)").fill("100000")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Ruteplanlegging")
    assert_accessible(page)
