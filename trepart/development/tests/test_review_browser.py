"""In a real browser: the employees' representative weighs the tasks (saved with htmx),
finishes, sees the weights side by side, and re-solves the plan with htmx as the target
changes and a point on the curve is picked; axe-core on every page and after every swap."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.development.models import Weight
from trepart.development.services.weighing import weighing_finish, weights_record
from trepart.development.tests.review_world import portfolio_make
from trepart.development.tests.world import build_project_world
from trepart.organisation.models import Party

pytestmark = pytest.mark.browser


def test_weighing_and_re_solving_the_plan(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build_project_world()
    tasks = portfolio_make(world)
    project = world.project
    for party in (Party.POLITICAL, Party.ADMINISTRATION):
        user = world.group_users[party]
        weights_record(actor=user, project=project, weights={t.pk: 6 for t in tasks.values()})
        weighing_finish(actor=user, project=project)
    page = browser_page
    log_in(page, world.group_users[Party.EMPLOYEE].username)

    visit(page, f"/utvikling/{project.pk}/vekting/")
    for position, task in enumerate(tasks.values()):
        page.locator(f"#id_weight_{task.pk}").fill(str(position + 2))
    page.locator("#weights-form button[type=submit]").click()
    expect(page.locator("#own-weights [role=status]")).to_be_visible()
    assert page.url.endswith("/vekting/")  # swapped in place, no new page
    assert_accessible(page)
    assert Weight.objects.filter(party=Party.EMPLOYEE).count() == 4

    page.get_by_role("button", name="Our party has finished weighing").click()
    page.wait_for_load_state("load")
    expect(page.locator("#side-by-side")).to_be_visible()
    assert_accessible(page)

    visit(page, f"/utvikling/{project.pk}/plan/")
    saving = page.locator("[data-testid=plan-saving]")
    before = saving.inner_text()
    page.locator("#id_target").fill("3000000")
    page.locator("#id_target").dispatch_event("change")
    expect(saving).not_to_have_text(before)
    assert page.url.endswith("/plan/")
    expect(page.locator("tr[data-kind=REMOVE]").first).to_be_visible()
    assert_accessible(page)

    point = page.locator("button[name=pick]").first
    picked = point.get_attribute("value")
    point.click()
    expect(page.locator("#id_target")).to_have_value(picked or "")
    assert_accessible(page)


def test_the_portfolio_pages_are_accessible(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    from trepart.development.services.plans import PlanInputs, plan_make

    world = build_project_world()
    tasks = portfolio_make(world)
    project = world.project
    plan = plan_make(
        actor=world.group_users[Party.ADMINISTRATION],
        project=project,
        inputs=PlanInputs(target=1_000_000),
    )
    page = browser_page
    log_in(page, world.group_users[Party.ADMINISTRATION].username)
    visit(page, f"/utvikling/{project.pk}/portefolje/")
    visit(page, f"/utvikling/{project.pk}/portefolje/ny/")
    page.locator("#id_name").fill("Skilting")
    page.locator("#id_yearly_cost").fill("200000")
    page.locator("#id_ftes").fill("0.5")
    page.locator("#id_statutory").check()
    page.locator("button[type=submit]", has_text="Save the task").click()
    page.wait_for_load_state("load")
    # Statutory without the lowest level the law allows: refused, what was typed kept.
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("Skilting")
    assert_accessible(page)
    visit(page, f"/utvikling/{project.pk}/portefolje/{tasks['gatelys'].pk}/")
    visit(page, f"/utvikling/{project.pk}/portefolje/import/")
    visit(page, f"/utvikling/{project.pk}/bemanning/")
    visit(page, f"/utvikling/{project.pk}/plan/{plan.pk}/")
    page.get_by_role("button", name="Mark as the group's choice").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    plan.refresh_from_db()
    assert plan.chosen
