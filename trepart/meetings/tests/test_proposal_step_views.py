"""Outcomes that answer the proposals on an item through the pages: one step for each
proposal, all saved or none."""

from __future__ import annotations

import pytest
from django.urls import reverse

from trepart.meetings import services
from trepart.meetings.models import AgendaItem, ItemStand
from trepart.meetings.tests.conduct_pages import (
    client_for,
    meeting_day,
)
from trepart.meetings.tests.world import REASON, World, add_item, build_world, plan_meeting
from trepart.proposals import services as proposal_services
from trepart.proposals.models import Proposal, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


# ---------------------------------------------------------------------------------------
# Proposals on the agenda


def lmu_with_proposals(world: World, count: int = 2) -> tuple[AgendaItem, list[Proposal]]:
    proposals = [
        proposal_services.proposal_submit(
            actor=world.member,
            municipality=world.municipality,
            title=title,
            description="Et forslag fra de ansatte ved skolen, godt beskrevet.",
            unit_ids=[world.school.pk],
        )
        for title in ("Felles kjøkkenhage", "Nye benker i gården")[:count]
    ]
    meeting = plan_meeting(world, meeting_day(), body=world.lmu, is_open=False)
    item = services.item_add(
        actor=world.lmu_chair,
        meeting=meeting,
        kind=AgendaItem.Kind.PROPOSALS,
        title="Forslag fra innboksen",
        proposals=proposals,
    )
    services.meeting_publish_agenda(actor=world.lmu_chair, meeting=meeting, version=1)
    seats = list(world.lmu.memberships.all())
    services.attendance_record(
        actor=world.lmu_chair,
        meeting=meeting,
        rows=[services.AttendanceRow(person_id=s.person_id, status="PRESENT") for s in seats],
    )
    for proposal in proposals:
        for seat in seats:
            proposal_services.position_record(
                actor=world.lmu_chair, proposal=proposal, membership=seat, stance="AGREE"
            )
    item.refresh_from_db()
    return item, proposals


def step(proposal: Proposal, **fields: str) -> dict[str, str]:
    return {f"p{proposal.pk}-{name}": value for name, value in fields.items()}


def test_the_outcome_page_links_each_proposal_to_its_page(world: World) -> None:
    item, proposals = lmu_with_proposals(world)
    page = client_for(world.lmu_chair).get(reverse("meetings:item-outcome", args=[item.pk]))
    assert page.status_code == 200
    for proposal in proposals:
        assert reverse("proposals:detail", args=[proposal.pk]) in page.content.decode()


def test_a_proposals_outcome_answers_each_proposal_once(world: World) -> None:
    item, (garden, benches) = lmu_with_proposals(world)
    response = client_for(world.lmu_chair).post(
        reverse("meetings:item-outcome", args=[item.pk]),
        {
            "op": "outcome",
            "version": item.version,
            "outcome": "CONSENSUS",
            "outcome_text": REASON,
            **step(garden, action="answer", kind="IMPLEMENTED", reason=REASON),
            **step(benches, action="answer", kind="REJECTED", reason=REASON),
        },
    )
    assert response.status_code == 302
    garden.refresh_from_db()
    benches.refresh_from_db()
    assert (garden.status, garden.answer) == (Status.ANSWERED, "IMPLEMENTED")
    assert (benches.status, benches.answer) == (Status.ANSWERED, "REJECTED")
    # No double entry: one answer each, the one the meeting gave.
    assert garden.answers.count() == 1 and benches.answers.count() == 1


def test_one_failing_step_saves_nothing_and_shows_the_problem_beside_that_proposal(
    world: World,
) -> None:
    item, (garden, benches) = lmu_with_proposals(world)
    response = client_for(world.lmu_chair).post(
        reverse("meetings:item-outcome", args=[item.pk]),
        {
            "op": "outcome",
            "version": item.version,
            "outcome": "CONSENSUS",
            "outcome_text": REASON,
            **step(garden, action="answer", kind="IMPLEMENTED", reason=REASON),
            **step(benches, action="answer", kind="REJECTED", reason="Nei."),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    block = page[page.index(f'id="proposal-{benches.pk}"') :]
    assert "Give the proposer a real reason" in block[: block.index("</fieldset>")]
    assert REASON in page  # what was typed for the other proposal is kept
    garden.refresh_from_db()
    benches.refresh_from_db()
    assert garden.status != Status.ANSWERED and garden.answers.count() == 0
    assert benches.status != Status.ANSWERED
    item.refresh_from_db()
    assert item.outcome == ""


def test_every_proposal_needs_a_step_unless_the_item_is_postponed(world: World) -> None:
    item, (garden,) = lmu_with_proposals(world, count=1)
    url = reverse("meetings:item-outcome", args=[item.pk])
    client = client_for(world.lmu_chair)
    data = {"op": "outcome", "version": item.version, "outcome": "CONSENSUS", "outcome_text": "Ok"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Choose what happens to the proposal." in response.content.decode()
    assert client.post(url, {**data, "outcome": "POSTPONED"}).status_code == 302
    garden.refresh_from_db()
    assert garden.status != Status.ANSWERED


def test_a_proposal_can_be_recommended_to_the_council(world: World) -> None:
    item, (garden,) = lmu_with_proposals(world, count=1)
    response = client_for(world.lmu_chair).post(
        reverse("meetings:item-outcome", args=[item.pk]),
        {
            "op": "outcome",
            "version": item.version,
            "outcome": "CONSENSUS",
            "outcome_text": REASON,
            **step(garden, action="recommend", decision_maker="COUNCIL", reason=REASON),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    garden.refresh_from_db()
    assert garden.decision_maker == "COUNCIL"


def test_stands_wait_for_the_published_agenda(world: World) -> None:
    meeting = plan_meeting(world, meeting_day())
    item = add_item(world, meeting)
    response = client_for(world.secretary).post(
        reverse("meetings:item-outcome", args=[item.pk]),
        {"op": "stands", "stance_POLITICAL": "AGREE"},
    )
    assert response.status_code == 400
    assert "Publish the agenda first" in response.content.decode()
    assert not ItemStand.objects.exists()
