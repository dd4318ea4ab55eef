"""An LMU reaches consensus on a proposal in a real browser, with axe-core on every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)
from trepart.proposals import services
from trepart.proposals.models import Proposal, Status

pytestmark = pytest.mark.browser


def member(body: Any, username: str, first: str, party: str, capacity: str, role: str) -> Any:
    user = UserFactory.create(
        municipality=body.municipality, username=username, first_name=first, last_name="Bakken"
    )
    person = PersonFactory.create(
        municipality=body.municipality, user=user, first_name=first, last_name="Bakken"
    )
    MembershipFactory.create(body=body, person=person, party=party, capacity=capacity, role=role)
    return user


def sign_out(page: Page, assert_accessible: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("load")
    assert_accessible(page)


def record_position(page: Page, assert_accessible: Any, stance: str) -> None:
    form = page.locator("#form-position")
    form.get_by_label(stance, exact=True).check()
    form.get_by_role("button", name="Record the position").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.get_by_role("status").first).to_contain_text("was recorded")


def test_an_lmu_reaches_consensus_and_answers(
    browser_page: Page, log_in: Any, visit: Any, assert_accessible: Any
) -> None:
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    school = UnitFactory.create(municipality=municipality, name="Bakken skole")
    lmu = BodyFactory.create(municipality=municipality, kind="LMU", unit=school, name="LMU Bakken")
    member(lmu, "leder", "Lise", "ADMINISTRATION", "LEADER", "CHAIR")
    member(lmu, "tillitsvalgt", "Tor", "EMPLOYEE", "UNION_REP", "MEMBER")
    member(lmu, "verneombud", "Vera", "EMPLOYEE", "SAFETY_REP", "MEMBER")
    proposer = UserFactory.create(municipality=municipality, username="laerer")
    PersonFactory.create(municipality=municipality, user=proposer)
    proposal = services.proposal_submit(
        actor=proposer,
        municipality=municipality,
        title="Felles lunsjrom for lærerne",
        description="Lærerne spiser i klasserommene. Et lunsjrom gir pause og fellesskap.",
        unit_ids=[school.pk],
    )
    assert proposal.body_id == lmu.pk
    page = browser_page
    detail = f"/forslag/{proposal.pk}/"

    log_in(page, "leder")
    page.get_by_role("link", name="Proposals").first.click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_role("link", name="Felles lunsjrom for lærerne").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_role("button", name="Take up the proposal").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.locator("#consensus-state")).to_contain_text("Waiting for positions")
    chosen = page.locator("#form-position select[name=membership] option").all_inner_texts()
    leader_index = next(i for i, text in enumerate(chosen) if text.startswith("Lise"))
    page.locator("#form-position select[name=membership]").select_option(index=leader_index)
    record_position(page, assert_accessible, "Agree")
    sign_out(page, assert_accessible)

    for username, stance in (("tillitsvalgt", "Agree"), ("verneombud", "Can live with it")):
        log_in(page, username)
        visit(page, detail)
        record_position(page, assert_accessible, stance)
        sign_out(page, assert_accessible)

    log_in(page, "leder")
    visit(page, detail)
    expect(page.locator("#consensus-state")).to_contain_text("Consensus reached")
    form = page.locator("#form-answer")
    form.get_by_label("Implemented", exact=True).check()
    form.locator("textarea[name=reason]").fill(
        "Vi setter av rommet ved biblioteket til lunsjrom fra januar."
    )
    form.get_by_role("button", name="Send the answer").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.get_by_role("heading", name="Answers")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.status == Status.ANSWERED
    assert proposal.answer == "IMPLEMENTED"
    assert Proposal.objects.get(pk=proposal.pk).events.filter(kind="POSITION").count() == 3
