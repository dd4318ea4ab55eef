"""In a real browser, with axe-core on every page: a committee member reports a dugnad
(first with negative hours, refused), then the committee's page and the public figures show
it; the grant page with its forms is accessible too."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.community.tests.world import build_committee_world

pytestmark = pytest.mark.browser


def test_a_committee_member_reports_a_dugnad(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build_committee_world()
    page = browser_page
    log_in(page, world.users["chair"].username)
    visit(page, f"/utvalg/{world.committee.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Register a dugnad").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_label("Date").fill("2025-05-10")
    page.get_by_label("What was done").fill("Rydding av elvebredden")
    page.get_by_label("Where").fill("Loesmoen")
    page.get_by_label("How many people took part").fill("12")
    page.locator("#id_hours").fill("-3")
    page.get_by_label("Hours per person").check()
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state("load")
    expect(page.locator("#error-summary")).to_contain_text("more than zero")
    assert_accessible(page)
    page.locator("#id_hours").fill("3")
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("The dugnad was registered.")
    expect(page.locator("main")).to_contain_text("36")
    # charts.js names the drawing once it is drawn: check after that.
    expect(page.locator(".trepart-chart__drawing svg[aria-labelledby]")).to_have_count(1)
    assert_accessible(page)

    page.get_by_role("link", name="The grant for").click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_contain_text("Hokksund byutvalg")
    assert_accessible(page)

    visit(page, "/utvalg/dugnad/")
    expect(page.locator("main")).to_contain_text("How the value is reckoned")
    assert_accessible(page)


def test_a_visitor_reads_the_committees_and_the_administrator_their_settings(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build_committee_world()
    page = browser_page
    number = world.municipality.organisation_number
    visit(page, f"/utvalg/?kommune={number}")
    page.get_by_role("link", name="Hokksund byutvalg").click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_contain_text("Hokksund byutvalg")
    expect(page.locator("main")).not_to_contain_text(world.users["chair"].person.last_name)
    assert_accessible(page)
    log_in(page, world.users["admin"].username)
    visit(page, "/utvalg/innstillinger/")
    visit(page, "/utvalg/ny/")
