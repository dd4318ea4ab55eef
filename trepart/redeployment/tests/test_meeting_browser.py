"""In a real browser, the weekly meeting: a member opens the week's round, reads why each
pair was proposed, confirms one (the offer is made) and overrides one with a reason; the
person then opens the offer. axe-core checks every page and every state.

The first test stores the round as the matching would; the second makes it through the
page, with the matching engine."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.redeployment.models import MatchRound, Offer, ProposedPair
from trepart.redeployment.tests.test_rounds import proposal
from trepart.redeployment.tests.world import build_bank_world

pytestmark = pytest.mark.browser


def _decide(page: Page, pair: ProposedPair, decision: str, reason: str = "") -> None:
    section = page.locator(f"#pair-{pair.pk}")
    section.get_by_label(decision).check()
    if reason:
        section.get_by_label("Reason for overriding").fill(reason)
    section.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state("load")


def _hold_meeting(page: Page, match_round: MatchRound, assert_accessible: Any) -> None:
    first, second = match_round.pairs.order_by("pk")
    expect(page.locator(f"#pair-{first.pk}")).to_contain_text("Why this vacancy")
    _decide(page, first, "Confirm and make the offer")
    expect(page.locator(f"#pair-{first.pk}")).to_have_attribute("data-decision", "CONFIRMED")
    assert_accessible(page)
    _decide(page, second, "Override", reason="Venter på tilrettelegging")
    expect(page.locator(f"#pair-{second.pk}")).to_have_attribute("data-decision", "OVERRIDDEN")
    assert_accessible(page)


def test_the_weekly_meeting_confirms_one_pair_and_overrides_another(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = build_bank_world()
    match_round = proposal(world, [("bjorn", "assistent"), ("anne", "sykepleie")])
    page = browser_page
    log_in(page, world.members["chair"].username)
    visit(page, "/stillingsbank/moter/")
    visit(page, f"/stillingsbank/runde/{match_round.pk}/")
    _hold_meeting(page, match_round, assert_accessible)
    match_round.refresh_from_db()
    assert match_round.status == MatchRound.Status.CONFIRMED
    offer = Offer.objects.get()
    assert offer.case == world.cases["bjorn"]
    second = match_round.pairs.order_by("pk")[1]
    assert second.reason == "Venter på tilrettelegging"

    page.context.clear_cookies()
    log_in(page, world.people["bjorn"].username)
    visit(page, f"/stillingsbank/tilbud/{offer.pk}/")
    page.get_by_label("I accept the offer").check()
    page.get_by_role("button", name="Send the answer").click()
    page.wait_for_load_state("load")
    expect(page.get_by_test_id("offer-status")).to_have_text("Accepted")
    assert_accessible(page)


def test_the_week_s_round_is_made_on_the_page_and_handled(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    pytest.importorskip("trepart.redeployment.matching")
    world = build_bank_world()
    page = browser_page
    log_in(page, world.members["chair"].username)
    visit(page, "/stillingsbank/runde/ny/")
    page.get_by_role("button", name="Make the proposal").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    match_round = MatchRound.objects.get()
    assert match_round.pairs.count() == 2
    _hold_meeting(page, match_round, assert_accessible)
    assert Offer.objects.count() == 1
