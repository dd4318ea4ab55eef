"""In a real browser, with axe-core on every page: the administrator changes a committee's
area on its edit page (and finds the grant page's report and approval forms told apart);
a member removes a spending line and takes back a dugnad through
the confirm forms beside them."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.community.models import Committee, DugnadEntry, Grant
from trepart.community.services.dugnad import dugnad_add
from trepart.community.services.grants import grant_ensure, grant_report_submit, spending_add
from trepart.community.tests.world import build_committee_world

pytestmark = pytest.mark.browser


def test_the_administrator_changes_the_committees_area(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build_committee_world()
    page = browser_page
    log_in(page, world.users["admin"].username)
    visit(page, f"/utvalg/{world.committee.pk}/")
    page.get_by_role("link", name="Change the committee's area and contacts").click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_contain_text("Change Hokksund byutvalg")
    assert_accessible(page)
    page.get_by_label("Villages and places").fill("Hokksund, Steinberg")
    # The contact is found by typing (htmx), the units ticked in the checklist.
    outsider = world.users["outsider"].person
    page.get_by_label("Find the person by name or position").fill(outsider.last_name)
    choice = page.get_by_role("radio", name=re.compile(rf"^{re.escape(outsider.full_name)}\b"))
    expect(choice).to_be_visible()
    choice.check()
    page.get_by_label("Vestfossen barnehage").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Hokksund, Steinberg")
    saved = Committee.objects.get(pk=world.committee.pk)
    assert saved.places == "Hokksund, Steinberg"
    assert saved.admin_contact == outsider
    assert set(saved.units.all()) == {world.units["skole"], world.units["bhg"]}

    # An administrator may both report and approve: the two forms are told apart.
    grant = grant_ensure(committee=world.committee, year=2024)
    grant_report_submit(
        actor=world.users["chair"],
        grant=grant,
        version=grant.version,
        report="Pengene gikk til benker langs elva.",
    )
    visit(page, f"/utvalg/tilskudd/{grant.pk}/")
    expect(page.get_by_role("button", name="Approve the report")).to_have_count(1)
    assert_accessible(page)


def test_a_member_removes_spending_and_takes_back_a_dugnad(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    spending_add(
        actor=world.users["chair"],
        grant=grant,
        spent_on=datetime.date(2025, 3, 1),
        what="Maling",
        amount=3_000,
    )
    dugnad_add(
        actor=world.users["chair"],
        committee=world.committee,
        held_on=datetime.date(2025, 5, 10),
        what="Feilregistrert",
        place="Loesmoen",
        people=4,
        hours=2,
    )
    page = browser_page
    log_in(page, world.users["member"].username)
    visit(page, f"/utvalg/tilskudd/{grant.pk}/")
    page.locator("summary", has_text="Remove").click()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, remove it").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("was removed from the spending")
    assert Grant.objects.get(pk=grant.pk).spent == 0

    visit(page, f"/utvalg/{world.committee.pk}/")
    page.locator("summary", has_text="Take back").click()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, take it back").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("was taken back")
    assert not DugnadEntry.objects.exists()
    assert_accessible(page)
