"""A citizen browses the public meeting portal in a real browser, with axe-core on every page.

No login: the citizen chooses the municipality, filters the calendar by body, opens a
meeting, reads its agenda — where a closed item is only its number and a neutral title —
and follows the link to the notice of meeting as PDF.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from trepart.meetings import services
from trepart.meetings.tests.portal_world import CLOSED_TITLE, OPEN_TITLE, SECRETS
from trepart.meetings.tests.world import add_item, build_world, plan_meeting
from trepart.organisation.tests.factories import BodyFactory

pytestmark = pytest.mark.browser


def published(world: Any, day: datetime.date, title: str, **fields: Any) -> Any:
    meeting = plan_meeting(world, day, **fields)
    add_item(world, meeting, title)
    return meeting


def test_a_citizen_finds_a_meeting_and_its_notice(
    browser_page: Page, visit: Any, assert_accessible: Any
) -> None:
    world = build_world()  # two municipalities: the citizen must choose
    council = BodyFactory.create(
        municipality=world.municipality, kind="COUNCIL", name="Kommunestyret"
    )
    day = timezone.localdate() + datetime.timedelta(days=10)
    meeting = published(world, day, OPEN_TITLE)
    add_item(
        world,
        meeting,
        CLOSED_TITLE,
        closed=True,
        legal_basis="OFFL_23",
        description=SECRETS[1],
    )
    services.meeting_publish_agenda(actor=world.secretary, meeting=meeting, version=1)
    other = published(
        world, day + datetime.timedelta(days=1), "Kommunestyrets årsplan", body=council
    )
    services.meeting_publish_agenda(actor=world.secretary, meeting=other, version=1)
    page = browser_page

    visit(page, "/motekalender/")
    page.get_by_role("link", name="Eikvik kommune").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    table = page.locator("table")
    expect(table).to_contain_text("Trepartsutvalget")
    expect(table).to_contain_text("Kommunestyret")

    page.locator("#id_body").select_option(label="Trepartsutvalget")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(table).not_to_contain_text("Kommunestyret")

    page.locator("table tbody").get_by_role("link", name=re.compile("Trepartsutvalget")).click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Trepartsutvalget")
    expect(page.locator("main")).to_contain_text(OPEN_TITLE)
    expect(page.locator("main")).to_contain_text("offl. § 23")
    content = page.content()
    for secret in SECRETS:
        assert secret not in content

    notice = page.locator('a[href$="/innkalling.pdf"]')
    expect(notice).to_have_count(1)
    response = page.request.get(notice.get_attribute("href") or "")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
