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
