"""In a real browser, with axe-core on every page: a member makes an offer from the person's
case page, choosing among the vacancies suitable for them, and renames a work location."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.redeployment.models import Offer
from trepart.redeployment.tests.world import build_bank_world

pytestmark = pytest.mark.browser


def test_a_member_makes_an_offer_from_the_case_and_renames_a_location(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build_bank_world()
    page = browser_page
    log_in(page, world.members["chair"].username)
    visit(page, f"/stillingsbank/sak/{world.cases['anne'].pk}/")
    page.get_by_role("link", name="Make an offer").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_label("Vacancy").select_option(str(world.vacancies["sykepleie"].pk))
    page.get_by_role("button", name="Make the offer").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text(world.vacancies["sykepleie"].title)
    assert Offer.objects.get().case_id == world.cases["anne"].pk
    visit(page, "/stillingsbank/steder/")
    assert_accessible(page)
    page.locator(f"#l-name-{world.locations['HAR'].pk}").fill("Harestua sentrum")
    page.get_by_role("form", name="Change HAR").get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Harestua sentrum")
    assert_accessible(page)
