"""In a real browser, with axe-core on every page: an employee finds a course run, enrols
and sees their place; the next is put on the waiting list; a leader reads who is missing and
the completion figures with their charts; HR sees the participants and the setting."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.training.services.enrolment import enrolment_create
from trepart.training.tests.figures_world import past_run, people
from trepart.training.tests.world import build

pytestmark = pytest.mark.browser


def test_an_employee_enrols_and_the_next_waits(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build(capacity=1)
    page = browser_page
    log_in(page, world.employees["a1"].username)
    visit(page, "/kurs/")
    expect(page.locator("h1")).to_contain_text("Medarbeiderskap course")
    assert_accessible(page)
    page.get_by_role(
        "link", name=world.runs["next"].starts_on.strftime("%-d.%-m.%Y"), exact=False
    ).first.click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_role("button", name="Enrol me").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("You are enrolled")
    assert_accessible(page)
    visit(page, f"/kurs/personer/{world.employees['a1'].person.pk}/")
    expect(page.locator("main")).to_contain_text("Rådhuset")
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, world.employees["a2"].username)
    visit(page, f"/kurs/kurs/{world.runs['next'].pk}/")
    page.get_by_role("button", name="Enrol me").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("number 1 on the waiting list")
    assert_accessible(page)


def test_a_leader_reads_who_is_missing_and_the_figures(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build(capacity=5)
    run = past_run(world.municipality)
    people(world.municipality, unit=world.school_a, count=8, completed=5, run=run)
    people(world.municipality, unit=world.school_b, count=7, completed=2, run=run)
    # Politicians have no unit: enough of them that the sector's figure gives none away.
    people(
        world.municipality, unit=None, count=6, completed=3, run=run, kind="POLITICIAN", party="Ap"
    )
    page = browser_page
    log_in(page, world.sector_leader.username)
    visit(page, "/kurs/mangler/")
    expect(page.locator("main")).to_contain_text(world.employees["b1"].person.full_name)
    assert_accessible(page)
    visit(page, "/kurs/fullforing/")
    expect(page.locator(".trepart-chart__drawing svg").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("Skole A")
    assert_accessible(page)


def test_hr_opens_the_run_form_the_participants_and_the_setting(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build(capacity=5)
    enrolment_create(actor=world.admin, run=world.runs["next"], person=world.employees["a1"].person)
    page = browser_page
    log_in(page, world.admin.username)
    visit(page, "/kurs/kurs/ny/")
    assert_accessible(page)
    visit(page, f"/kurs/kurs/{world.runs['next'].pk}/")
    expect(page.locator("main")).to_contain_text(world.employees["a1"].person.full_name)
    assert_accessible(page)
    visit(page, "/kurs/innstilling/")
    assert_accessible(page)
