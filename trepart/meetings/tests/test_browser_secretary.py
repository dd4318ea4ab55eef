"""A secretary plans a meeting, builds and publishes its agenda in a real browser, and a member
then reads the document; axe-core checks every page on the way."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from trepart.meetings.models import AgendaItem, DocumentAccess, Meeting
from trepart.meetings.tests.world import PDF, build_world

pytestmark = pytest.mark.browser


def submit(page: Page, button: str, assert_accessible: Any) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state("load")
    assert_accessible(page)


def follow(page: Page, link: str, assert_accessible: Any) -> None:
    page.get_by_role("link", name=link, exact=True).first.click()
    page.wait_for_load_state("load")
    assert_accessible(page)


def test_a_secretary_builds_and_publishes_an_agenda_that_a_member_then_reads(
    browser_page: Page, log_in: Any, visit: Any, assert_accessible: Any
) -> None:
    world = build_world()
    # Load every view module now (the PDF library takes seconds), not on the server's first
    # request, which would otherwise outlast the browser's time limit on a busy machine.
    reverse("meetings:meeting-list")
    page = browser_page
    # Far enough ahead that the agenda goes out in time.
    first_day = timezone.localdate() + datetime.timedelta(days=30)

    log_in(page, world.secretary.username)
    visit(page, f"/organer/{world.body.pk}/")
    follow(page, "Meetings of Trepartsutvalget", assert_accessible)
    follow(page, "Plan a year of meetings", assert_accessible)
    page.get_by_label("First meeting").fill(first_day.isoformat())
    page.get_by_label("Starts at").fill("18:00")
    page.get_by_label("Every … weeks").fill("8")
    page.get_by_label("Number of meetings").fill("4")
    page.get_by_label("Length in minutes").fill("120")
    page.get_by_label("Place", exact=True).fill("Kommunestyresalen")
    submit(page, "Plan the meetings", assert_accessible)
    expect(page.get_by_role("status").first).to_contain_text("4 meetings were planned")
    meetings = list(Meeting.objects.filter(body=world.body).order_by("starts_at"))
    assert len(meetings) == 4
    first = meetings[0]

    page.locator(f'a[href="/moter/{first.pk}/"]').click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meeting of Trepartsutvalget")

    follow(page, "Add an item", assert_accessible)
    page.get_by_label("Kind").select_option("DISCUSSION")
    page.get_by_label("Title").fill("Budsjett 2027")
    # The case officer is found by search: htmx brings the matches as one types.
    page.get_by_label("Find the person by name or position").press_sequentially("Sekret")
    officer = page.get_by_role("radio", name=re.compile("^Siri Sekretær"))
    expect(officer).to_be_visible()
    assert_accessible(page)
    officer.check()
    submit(page, "Add the item", assert_accessible)
    expect(page.get_by_role("heading", name="Case 1/")).to_contain_text("Budsjett 2027")

    follow(page, "Add an item", assert_accessible)
    page.get_by_label("Kind").select_option("DISCUSSION")
    page.get_by_label("Title").fill("Nedbemanning ved Eikvik skole")
    page.get_by_label("Closed to the public").check()
    page.get_by_label("Legal basis for closing").select_option("OFFL_23")
    submit(page, "Add the item", assert_accessible)
    expect(page.get_by_text("Closed to the public: Offentleglova § 23")).to_be_visible()
    budget, closed = AgendaItem.objects.filter(meeting=first).order_by("position")
    assert closed.closed and closed.legal_basis == "OFFL_23"

    follow(page, f"Add a document to case {budget.case_number}", assert_accessible)
    page.get_by_label("Title").fill("Saksframlegg budsjett")
    page.get_by_label("File").set_input_files(
        {"name": "saksframlegg.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    submit(page, "Add the document", assert_accessible)
    expect(page.get_by_role("link", name="Saksframlegg budsjett", exact=True)).to_be_visible()
    expect(page.get_by_text("Not yet released")).to_be_visible()

    follow(page, "Publish the agenda", assert_accessible)
    expect(page.get_by_text("published now, it is in time")).to_be_visible()
    submit(page, "Publish now", assert_accessible)
    expect(page.get_by_role("status").first).to_contain_text("The agenda was published")
    first.refresh_from_db()
    assert first.is_published and not first.released_late
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("load")
    assert_accessible(page)

    log_in(page, world.member.username)
    follow(page, "Meetings", assert_accessible)
    page.locator(f'a[href="/moter/{first.pk}/"]').first.click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.get_by_role("heading", name="Nedbemanning ved Eikvik skole")).to_be_visible()
    document = page.get_by_role("link", name="Saksframlegg budsjett", exact=True)
    expect(document).to_be_visible()
    expect(page.get_by_role("link", name="Add an item")).to_have_count(0)
    answer = page.request.get(document.get_attribute("href") or "")
    assert answer.ok and answer.body().startswith(b"%PDF")
    assert DocumentAccess.objects.filter(user=world.member).count() == 1
