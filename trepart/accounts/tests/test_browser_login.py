"""Smoke test in a real browser: a user signs in and reaches the start page."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from trepart.organisation.models import Municipality

PASSWORD = "Fjordblå-stier-2026"


@pytest.mark.browser
def test_user_signs_in_and_lands_on_start_page(browser_page: Page, live_server, visit) -> None:
    municipality = Municipality.objects.create(
        name="Lunner kommune", organisation_number="123456789", require_mfa_for_admins=False
    )
    get_user_model().objects.create_user(
        username="kari",
        email="kari@lunner.kommune.invalid",
        password=PASSWORD,
        municipality=municipality,
    )
    page = browser_page

    visit(page, "/accounts/login/")
    page.locator('input[name="login"]').fill("kari")
    page.locator('input[name="password"]').fill(PASSWORD)
    # Enter in the password field submits the login form, whatever else the layout holds.
    page.locator('input[name="password"]').press("Enter")

    expect(page).to_have_url(live_server.url + "/")
    # browser_page checks the start page with axe-core when the test ends.


@pytest.mark.browser
def test_a_wrong_password_shows_a_valid_error_summary(browser_page: Page, visit) -> None:
    # The summary is named by its heading: a section, since HTML allows no
    # aria-labelledby on a plain div (the Nu HTML checker in assert_accessible says so).
    page = browser_page

    visit(page, "/accounts/login/")
    page.locator('input[name="login"]').fill("nobody")
    page.locator('input[name="password"]').fill("not-the-password")
    page.locator('input[name="password"]').press("Enter")

    expect(page.locator(".ds-error-summary")).to_be_visible()
    # browser_page checks the page with the error summary when the test ends.
