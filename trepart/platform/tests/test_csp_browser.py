"""The Content-Security-Policy in a real browser: the pages that run the most script (the
admin, a chart, htmx) work under it, and the browser tests' own check catches a violation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.page_checks import watch_csp


@pytest.mark.browser
def test_the_check_catches_an_inline_event_handler(
    browser_page: Page, visit: Callable, db: None
) -> None:
    page = browser_page
    caught = watch_csp(page)  # browser_page's own list of violations
    visit(page, "/tilgjengelighet/")
    page.evaluate(
        """() => {
          const button = document.createElement('button');
          button.setAttribute('onclick', 'document.title = "ran"');
          button.textContent = 'x';
          document.body.append(button);
          button.click();
          button.remove();
        }"""
    )
    expect(page).not_to_have_title("ran")
    page.wait_for_function("() => true")  # the exposed function's call has come back
    assert any("script-src" in line for line in caught), caught
    # Caught, as it should be; cleared so browser_page does not fail this test for it.
    caught.clear()


@pytest.mark.browser
def test_the_admin_works_under_the_policy(
    browser_page: Page, log_in: Callable[..., None], assert_accessible: Any
) -> None:
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    admin = UserFactory.create(
        username="drift", is_staff=True, is_superuser=True, municipality=municipality
    )
    page = browser_page
    log_in(page, admin.username)
    # The index, a list with its filters and actions, and a form with its widgets' scripts.
    paths = (
        "/admin/",
        "/admin/accounts/user/",
        f"/admin/organisation/municipality/{municipality.pk}/change/",
    )
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.ok, path
        assert_accessible(page)
