"""Choosing the affected units on the proposal forms: check boxes grouped by sector, a
filter box that narrows them as one types, the keyboard to tick, and no JavaScript needed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.organisation.tests.factories import BodyFactory, PersonFactory, UnitFactory
from trepart.proposals.models import Proposal

pytestmark = pytest.mark.browser


def sectors(municipality: Any) -> dict[str, Any]:
    oppvekst = UnitFactory.create(municipality=municipality, name="Oppvekst")
    helse = UnitFactory.create(municipality=municipality, name="Helse og omsorg")
    units = {
        "Bakken skole": UnitFactory.create(
            municipality=municipality, parent=oppvekst, name="Bakken skole"
        ),
        "Solsida barnehage": UnitFactory.create(
            municipality=municipality, parent=oppvekst, name="Solsida barnehage"
        ),
        "Sjøheimen": UnitFactory.create(municipality=municipality, parent=helse, name="Sjøheimen"),
    }
    for number in range(40):
        units[f"Enhet {number:02d}"] = UnitFactory.create(
            municipality=municipality, parent=helse, name=f"Enhet {number:02d}"
        )
    BodyFactory.create(municipality=municipality, kind="COORDINATION", name="Koordineringsgruppa")
    return units


def test_an_employee_filters_the_units_and_ticks_one_with_the_keyboard(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    units = sectors(municipality)
    user = UserFactory.create(municipality=municipality, username="ansatt", language="en")
    PersonFactory.create(municipality=municipality, user=user)
    page = browser_page
    log_in(page, "ansatt")
    visit(page, "/forslag/nytt/")

    units_group = page.get_by_role("group", name=re.compile("Affected units"))
    expect(units_group.get_by_role("group", name="Oppvekst")).to_be_visible()
    page.locator("#id_title").fill("Bedre uteområde")
    page.locator("#id_description").fill("Skolegården trenger nye benker og mer skygge.")
    search = page.get_by_label("Find a unit")
    search.fill("bakk")
    expect(units_group.get_by_role("checkbox", name="Bakken skole")).to_be_visible()
    expect(units_group.get_by_role("checkbox", name="Sjøheimen")).to_be_hidden()
    expect(units_group.get_by_role("checkbox", name="Enhet 07")).to_be_hidden()
    expect(page.locator("[data-choice-filter-status]")).to_have_text("1 of 45 units shown")
    assert_accessible(page)
    # Enter in the filter does not send the form; Tab goes to the one unit left; Space ticks.
    search.press("Enter")
    search.press("Tab")
    expect(units_group.get_by_role("checkbox", name="Bakken skole")).to_be_focused()
    page.keyboard.press("Space")
    expect(units_group.get_by_role("checkbox", name="Bakken skole")).to_be_checked()
    # A ticked unit stays in view when the filter changes.
    search.fill("sjø")
    expect(units_group.get_by_role("checkbox", name="Bakken skole")).to_be_visible()
    page.get_by_role("button", name="Send proposal").click()
    page.wait_for_url(re.compile(r"/forslag/\d+/$"))
    assert_accessible(page)
    proposal = Proposal.objects.get(title="Bedre uteområde")
    assert list(proposal.units.all()) == [units["Bakken skole"]]


def test_a_citizen_without_javascript_ticks_units(
    chromium_browser: Browser, live_server: Any
) -> None:
    municipality = MunicipalityFactory.create(name="Eikvik", language="en")
    units = sectors(municipality)
    context = chromium_browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="en-GB"
    )
    try:
        page = context.new_page()
        page.goto(f"/innbyggerforslag/?kommune={municipality.organisation_number}")
        # Without JavaScript the filter box stays hidden and every unit is there to tick.
        expect(page.locator("[data-choice-filter-box]")).to_be_hidden()
        expect(page.locator("#id_units input[type=checkbox]")).to_have_count(len(units) + 2)
        page.locator("#id_title").fill("Flere benker ved elvestien")
        page.locator("#id_description").fill("Langs elvestien er det ingen benker å hvile på.")
        page.get_by_label("Sjøheimen", exact=True).focus()
        page.keyboard.press("Space")
        page.get_by_label("Solsida barnehage", exact=True).check()
        page.get_by_role("button", name="Send proposal").click()
        page.wait_for_url(re.compile(r"/innbyggerforslag/[\w-]{20,}/$"))
    finally:
        context.close()
    proposal = Proposal.objects.get(title="Flere benker ved elvestien")
    assert {unit.name for unit in proposal.units.all()} == {"Sjøheimen", "Solsida barnehage"}
