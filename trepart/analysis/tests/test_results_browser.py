"""A reader opens the self-assessment's results in a real browser: by party with the chart,
by unit drilling into a sector, and over the rounds — axe-core on every page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.analysis.tests.results_world import build_results_world, make_survey, respond_many

pytestmark = pytest.mark.browser


def test_a_reader_compares_the_parties_and_looks_inside_a_sector(
    browser_page: Page, visit: Any, log_in: Any, assert_accessible: Any
) -> None:
    world = build_results_world(builtin_key="status-i-egen-kommune")
    world.survey.round_label = "Høst 2025"
    world.survey.opens_on = datetime.date(2025, 10, 15)
    world.survey.save()
    second = make_survey(world.instrument, round_label="Høst 2026")
    for survey, lift in ((world.survey, 0), (second, 1)):
        respond_many(
            survey, 6, values=[4, 4, 5], unit=world.school_a, party="POLITICAL", text="Mer tid"
        )
        respond_many(survey, 7, values=[2 + lift, 3, 3], unit=world.school_b, party="EMPLOYEE")
        respond_many(survey, 6, values=[3, 3, 3], unit=world.home, party="ADMINISTRATION")
    respond_many(second, 2, values=[1, 1, 1], party="SERVICE_USER")
    page = browser_page
    log_in(page, world.reader.username)

    visit(page, f"/analyse/undersokelser/{second.pk}/resultater/?by=party")
    expect(page.locator("#hidden-groups")).to_contain_text("Service users")
    # The parties side by side, and the rounds.
    expect(page.locator(".trepart-chart")).to_have_count(2)
    expect(
        page.locator(".trepart-chart__drawing svg, .trepart-chart__drawing canvas")
    ).to_have_count(2)
    expect(page.get_by_role("heading", name="Over the rounds")).to_be_visible()

    page.get_by_role("link", name="By unit").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_role("link", name="Oppvekst").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.locator("section:has(#theme-1) table")).to_contain_text("Bakken skole")


def test_an_open_rounds_page_says_when_results_come_and_shows_managers_counts(
    browser_page: Page, visit: Any, log_in: Any
) -> None:
    from trepart.accounts.tests.factories import UserFactory
    from trepart.analysis.models import Survey

    world = build_results_world(builtin_key="status-i-egen-kommune")
    survey = make_survey(world.instrument, round_label="Vår 2027", status=Survey.Status.OPEN)
    respond_many(survey, 6, values=[4, 4, 5], unit=world.school_a, party="POLITICAL")
    respond_many(survey, 2, values=[1, 1, 1], unit=world.home, party="EMPLOYEE")
    # Together the small groups reach the threshold, so the politicians can be shown.
    respond_many(survey, 3, values=[2, 2, 2], party="SERVICE_USER")
    world.municipality.require_mfa_for_admins = False  # this test is not about logging in
    world.municipality.save()
    manager = UserFactory.create(
        municipality=world.municipality, username="forvalter", is_municipal_admin=True
    )
    page = browser_page
    log_in(page, world.reader.username)
    visit(page, f"/analyse/undersokelser/{survey.pk}/resultater/?by=party")
    expect(page.locator("#results-pending")).to_contain_text("The results come when")
    expect(page.locator("#progress")).to_have_count(0)

    page.context.clear_cookies()
    log_in(page, manager.username)
    visit(page, f"/analyse/undersokelser/{survey.pk}/resultater/?by=party")
    expect(page.locator("#progress")).to_contain_text("Elected politicians")
    # The small groups are not named: which have begun to answer would show one at a time.
    expect(page.locator("#progress")).not_to_contain_text("Employees")
