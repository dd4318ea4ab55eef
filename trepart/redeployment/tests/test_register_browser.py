"""In a real browser: a member of the stillingsbank registers a person (a refused form
first) and a vacancy, from the bank's overview; axe-core and the HTML checker look at every
page on the way."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.redeployment.models import RedeploymentCase, Vacancy
from trepart.redeployment.tests.world import build_bank_world, login

pytestmark = pytest.mark.browser


def test_a_member_registers_a_person_and_a_vacancy(
    browser_page: Page, visit: Any, log_in: Any, assert_accessible: Any
) -> None:
    world = build_bank_world()
    person = login(world.municipality, unit=world.units["bhg"]).person
    page = browser_page

    log_in(page, world.members["chair"].username)
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Stillingsbank"
    ).click()
    page.wait_for_url("**/stillingsbank/")
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("The stillingsbank")

    page.get_by_role("link", name="Register a person").first.click()
    page.wait_for_url("**/stillingsbank/register/ny/")
    assert_accessible(page)
    page.get_by_label("Person").select_option(str(person.pk))
    page.get_by_label("Kind").select_option("PART_TIME")
    page.get_by_label("From unit").select_option(label="Grua barnehage")
    page.get_by_label("Position (required)", exact=True).fill("Assistent")
    page.get_by_label("Position % (required)", exact=True).fill("60")
    page.get_by_label("Wished position %").fill("50")
    page.get_by_label("Yearly wage (NOK)").fill("450000")
    page.get_by_label("Barnehagelærer").check()
    page.get_by_label("Work location").select_option(label="Grua")
    page.get_by_label("Seniority date").fill("2012-08-15")
    page.get_by_label("Made redundant on").fill("2026-10-01")
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state("load")
    expect(page.locator("#error-summary")).to_contain_text(
        "The wished position % must be larger than the current 60 %."
    )
    assert_accessible(page)
    page.get_by_label("Wished position %").fill("80")
    page.get_by_role("button", name="Register").click()
    page.wait_for_url("**/stillingsbank/sak/*/")
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(person.last_name)
    expect(page.locator("section[aria-labelledby=case-history]")).to_contain_text("Registered")
    assert RedeploymentCase.objects.get(person=person).wanted_percent == 80

    visit(page, "/stillingsbank/stillinger/ny/")
    page.get_by_label("Unit").select_option(label="Harestua skole")
    page.get_by_label("Position (required)", exact=True).fill("Lærer")
    page.get_by_label("Position % (required)", exact=True).fill("60")
    page.locator("fieldset", has_text="Required qualifications").get_by_label(
        "Barnehagelærer"
    ).check()
    page.get_by_label("Work location").select_option(label="Harestua")
    page.get_by_label("Wage band from (NOK)").fill("500000")
    page.get_by_label("Wage band to (NOK)").fill("600000")
    page.get_by_label("Starts on").fill("2027-02-01")
    page.get_by_role("button", name="Register the vacancy").click()
    page.wait_for_url("**/stillingsbank/stillinger/*/")
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text("Held for the stillingsbank.")
    assert Vacancy.objects.get(title="Lærer").status == Vacancy.Status.HELD


def test_the_chair_keeps_the_agreed_settings(
    browser_page: Page, visit: Any, log_in: Any, assert_accessible: Any
) -> None:
    world = build_bank_world()
    page = browser_page
    log_in(page, world.members["chair"].username)
    visit(page, "/stillingsbank/regler/")
    page.get_by_label("Position % tolerance").fill("15")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/stillingsbank/regler/")
    assert_accessible(page)
    expect(page.get_by_label("Position % tolerance")).to_have_value("15")

    visit(page, "/stillingsbank/kvalifikasjoner/")
    page.get_by_label("Code (required)").fill("SYK")
    page.get_by_label("Name (required)").fill("Autorisasjon sykepleier")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url("**/stillingsbank/kvalifikasjoner/")
    assert_accessible(page)
    expect(page.locator("main table")).to_contain_text("Autorisasjon sykepleier")

    visit(page, "/stillingsbank/steder/")
    page.get_by_label("Harestua – Roa (minutes)").fill("25")
    page.get_by_role("button", name="Save the travel times").click()
    page.wait_for_url("**/stillingsbank/steder/")
    assert_accessible(page)
    expect(page.get_by_label("Harestua – Roa (minutes)")).to_have_value("25")
