"""A citizen sends a proposal and follows it in a real browser, axe-core on every page."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.organisation.tests.factories import BodyFactory, UnitFactory
from trepart.proposals import services
from trepart.proposals.models import Proposal, Support

pytestmark = pytest.mark.browser


def test_citizen_sends_a_proposal_and_reads_the_answer_on_the_tracking_page(
    browser_page: Page, live_server, visit, assert_accessible
):
    municipality = MunicipalityFactory.create(name="Eikvik", language="en")
    park = UnitFactory.create(municipality=municipality, name="Vei og park")
    BodyFactory.create(municipality=municipality, kind="LMU", unit=park, name="LMU Vei og park")
    group = BodyFactory.create(
        municipality=municipality, kind="COORDINATION", name="Koordineringsgruppa"
    )
    existing = services.proposal_submit(
        actor=None,
        municipality=municipality,
        title="Benker langs elvestien",
        description="Eldre som går langs elva trenger steder å hvile.",
        proposer_name="Ingrid Eldre",
        hide_name=True,
    )
    page = browser_page
    # The texts checked below are the English ones, whatever the catalogues say.
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )

    visit(page, "/innbyggerforslag/")
    page.locator("#id_title").press_sequentially("Flere benker ved elvestien")
    similar = page.locator("#similar")
    expect(similar).to_contain_text(existing.title)
    expect(similar).not_to_contain_text("Ingrid Eldre")
    assert_accessible(page)

    page.locator("#id_description").fill(
        "Langs elvestien mellom brua og skolen er det ingen benker å hvile på."
    )
    page.get_by_label("Vei og park", exact=True).check()
    page.locator("#id_proposer_name").fill("Per Innbygger")
    page.locator("#id_hide_name").check()
    page.get_by_role("button", name="Send proposal").click()
    page.wait_for_url(re.compile(r"/innbyggerforslag/[\w-]{20,}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Flere benker ved elvestien")
    expect(page.locator(".trepart-messages")).to_contain_text("Bookmark this page")
    expect(page.locator("main")).to_contain_text("Koordineringsgruppa")
    expect(page.locator("main")).not_to_contain_text("Per Innbygger")
    assert_accessible(page)

    proposal = Proposal.objects.get(title="Flere benker ved elvestien")
    assert proposal.body == group
    handler = UserFactory.create(municipality=municipality)
    services.proposal_take_up(actor=handler, proposal=proposal)
    services.proposal_answer(
        actor=handler,
        proposal=proposal,
        kind="IMPLEMENTED",
        reason="Vei og park setter ut fire benker langs stien i løpet av våren.",
    )

    page.reload()
    main = page.locator("main")
    expect(main).to_contain_text("Vei og park setter ut fire benker")
    expect(main).to_contain_text("Implemented")
    expect(main).not_to_contain_text(handler.get_full_name())
    expect(page.get_by_role("button", name="Withdraw the proposal")).to_have_count(0)
    assert_accessible(page)


def test_employee_form_and_my_proposals_are_accessible(
    browser_page: Page, live_server, visit, assert_accessible, log_in
):
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    UserFactory.create(municipality=municipality, username="ansatt", language="en")
    for number in range(30):
        UnitFactory.create(municipality=municipality, name=f"Enhet {number:02d}")
    BodyFactory.create(municipality=municipality, kind="COORDINATION", name="Koordineringsgruppa")
    existing = services.proposal_submit(
        actor=None,
        municipality=municipality,
        title="Felles lunsjrom på rådhuset",
        description="De ansatte på rådhuset har ikke et sted å spise sammen.",
    )
    page = browser_page

    log_in(page, "ansatt")
    visit(page, "/forslag/nytt/")
    page.locator("#id_description").press_sequentially("Et lunsjrom for alle")
    similar = page.locator("#similar")
    expect(similar).to_contain_text(existing.title)
    expect(similar.get_by_role("button", name=re.compile("Support this instead"))).to_be_visible()
    expect(similar).to_contain_text("Koordineringsgruppa")
    assert_accessible(page)

    # Enter in a text field checks for similar proposals; it neither sends nor supports.
    page.locator("#id_title").fill("Lunsjrom")
    with page.expect_navigation():
        page.locator("#id_title").press("Enter")
    expect(page.locator("#files-again")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Lunsjrom")
    expect(page.locator("#similar")).to_contain_text(existing.title)
    assert Support.objects.count() == 0
    assert Proposal.objects.count() == 1
    assert_accessible(page)

    visit(page, "/forslag/mine/")
