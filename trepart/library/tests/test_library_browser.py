"""In a real browser, with axe-core and the HTML checker on every page: a visitor reads the
public portal's agreement, an older version and the comparison; a member of the tripartite
body proposes a new version, meets a refused file and a refused approval, and approves it;
the body's page shows the documents governing it; a visitor follows the approving meeting
item to the version it approved."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from trepart.library.tests.world import build_library_world
from trepart.meetings.models import Meeting

pytestmark = pytest.mark.browser


def test_a_visitor_reads_the_public_portal_an_old_version_and_the_comparison(
    browser_page: Page, visit: Any, assert_accessible: Any
) -> None:
    world = build_library_world()
    page = browser_page  # a visitor's browser speaks Norwegian (bokmål)
    visit(page, f"/dokumenter/?kommune={world.municipality.organisation_number}")
    expect(page.locator("main table")).to_contain_text("Trepartsavtale")
    expect(page.locator("main table")).not_to_contain_text("Arbeidsgiverpolitikk")
    page.get_by_role("link", name="Trepartsavtale").click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_have_text("Trepartsavtale")
    expect(page.locator("main")).to_contain_text("Versjonen som gjelder: versjon 2")
    assert_accessible(page)
    page.get_by_role("link", name="Versjon 1", exact=True).click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Dette er ikke versjonen som gjelder")
    assert_accessible(page)
    visit(page, f"/dokumenter/{world.agreement.pk}/")
    page.get_by_label("Sammenlign versjon", exact=True).select_option("1")
    page.get_by_label("med versjon").select_option("2")
    page.get_by_role("button", name="Sammenlign").click()
    page.wait_for_load_state("load")
    expect(page.locator("#compare-summary")).to_contain_text("avsnitt endret")
    expect(page.locator("main ins").first).to_be_visible()
    assert_accessible(page)


def test_a_member_proposes_and_approves_a_version(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any, tmp_path: Any
) -> None:
    world = build_library_world()
    page = browser_page
    log_in(page, world.union_rep.username)
    visit(page, "/dokumenter/")
    expect(page.locator("main table")).to_contain_text("Arbeidsgiverpolitikk")
    assert_accessible(page)
    visit(page, f"/dokumenter/{world.policy.pk}/")
    page.get_by_role("link", name="New version").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    disguised = tmp_path / "politikk.pdf"
    disguised.write_bytes(b"MZ this is a program, not a PDF")
    page.get_by_label("Text").fill("# Arbeidsgiverpolitikk\nVi er en lærende organisasjon.")
    page.get_by_label("What changed").fill("Ny innledning")
    page.get_by_label("PDF file").set_input_files(str(disguised))
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state("load")
    expect(page.locator("#error-summary")).to_contain_text("its content was checked")
    expect(page.get_by_label("Text")).to_have_value(
        "# Arbeidsgiverpolitikk\nVi er en lærende organisasjon."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_contain_text("version 2")
    assert_accessible(page)
    page.get_by_role("link", name="Record approval").click()
    page.wait_for_load_state("load")
    page.get_by_label("Approved by").select_option(label="Trepartsutvalget")
    page.get_by_label("Approved on").fill("2026-02-01")
    page.get_by_label("Applies from").fill("2023-01-01")
    page.get_by_role("button", name="Record approval").click()
    page.wait_for_load_state("load")
    expect(page.locator("#error-summary")).to_contain_text("cannot apply from before")
    assert_accessible(page)
    page.get_by_label("Applies from").fill("2026-03-01")
    page.get_by_role("button", name="Record approval").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Approved")
    assert_accessible(page)
    visit(page, f"/organer/{world.tripartite.pk}/")
    expect(page.locator("#body-documents-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Trepartsavtale")


def test_a_visitor_follows_the_approving_item_to_its_version(
    browser_page: Page, visit: Any, assert_accessible: Any
) -> None:
    world = build_library_world()
    Meeting.objects.filter(pk=world.item.meeting_id).update(published_at=timezone.now())
    page = browser_page
    visit(page, f"/moter/{world.item.meeting_id}/")
    item = page.locator(f"#item-{world.item.pk}")
    expect(item).to_contain_text("Dokumentversjoner vedtatt i denne saken")
    expect(item).not_to_contain_text("Arbeidsgiverpolitikk")
    assert_accessible(page)
    item.get_by_role("link", name="Trepartsavtale, versjon 2").click()
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_contain_text("Trepartsavtale")
    assert_accessible(page)
