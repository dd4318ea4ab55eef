"""In the browser: the group locks a task from the portfolio (an accessible form in the
table), and the plan page starts from the lock."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.development.models import Task
from trepart.development.tests.review_world import portfolio_make
from trepart.development.tests.world import build_project_world
from trepart.organisation.models import Party

pytestmark = pytest.mark.browser


def test_a_lock_from_the_portfolio_is_the_plans_default(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build_project_world()
    task = portfolio_make(world)["brøyting"]
    project = world.project
    page = browser_page
    log_in(page, world.group_users[Party.ADMINISTRATION].username)
    visit(page, f"/utvikling/{project.pk}/portefolje/")
    assert_accessible(page)
    page.get_by_label("Lock Brøyting at").select_option("LOWER")
    page.get_by_role("form", name="Lock Brøyting").get_by_role("button").click()
    page.wait_for_load_state("load")
    expect(page.get_by_label("Lock Brøyting at")).to_have_value("LOWER")
    assert Task.objects.get(pk=task.pk).locked_level == "LOWER"
    visit(page, f"/utvikling/{project.pk}/plan/")
    expect(page.locator(f"#id_lock_{task.pk}")).to_have_value("LOWER")
    expect(page.locator(f'tr[data-task="{task.pk}"]')).to_have_attribute("data-kind", "LOWER")
