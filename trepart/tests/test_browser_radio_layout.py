"""Every radio group renders through one template in Designsystemet's markup, so each
option's label sits beside its control (on the same row, to its right), not above it.
Measured in a real browser on each kind of page with radio groups."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from trepart.analysis.tests import survey_world as sw
from trepart.meetings import services as meeting_services
from trepart.meetings.tests.world import add_item, plan_meeting
from trepart.meetings.tests.world import build_world as meetings_world
from trepart.proposals import services
from trepart.proposals.tests.world import build_world as proposals_world
from trepart.proposals.tests.world import submit

pytestmark = pytest.mark.browser

_BOXES = """
(inputs) => inputs.map((input) => {
  const label = document.querySelector(`label[for="${input.id}"]`);
  const box = (el) => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  return {id: input.id, input: box(input), label: label ? box(label) : null};
})
"""


def assert_labels_beside_radios(page: Page, scope: str = "") -> int:
    """Each radio button's label is on the same row as the button and to its right."""
    rows = page.eval_on_selector_all(f"{scope} input[type=radio]".strip(), _BOXES)
    assert rows, "no radio buttons on the page"
    for row in rows:
        control, label = row["input"], row["label"]
        assert label is not None, f"radio {row['id']} has no label"
        assert label["left"] >= control["right"] - 1, f"label of {row['id']} is not beside it"
        # Same row: the boxes overlap vertically.
        assert label["top"] < control["bottom"] and control["top"] < label["bottom"], (
            f"label of {row['id']} is not on the same row as its radio button"
        )
    return len(rows)


def test_survey_answers_sit_beside_their_labels(browser_page: Page, visit: Any) -> None:
    world = sw.build_world()
    sw.open_round(world)
    message = next(m for m in mail.outbox if m.to == ["tina@fjordvik.invalid"])
    link = sw.LINK.search(str(message.body))
    assert link is not None
    visit(browser_page, link.group(0))
    assert assert_labels_beside_radios(browser_page) >= 5


def test_stances_sit_beside_their_labels(browser_page: Page, visit: Any, log_in: Any) -> None:
    world = meetings_world()
    # Held yesterday: what happened is recorded only once a meeting has begun.
    meeting = plan_meeting(world, timezone.localdate() - datetime.timedelta(days=1))
    item = add_item(world, meeting)
    meeting_services.meeting_publish_agenda(
        actor=world.secretary, meeting=meeting, version=meeting.version
    )
    log_in(browser_page, world.chair.username)
    visit(browser_page, reverse("meetings:item-outcome", args=[item.pk]))
    # Three parties' stances, the outcome.
    assert assert_labels_beside_radios(browser_page) >= 3 * 4


def test_positions_and_answers_sit_beside_their_labels(
    browser_page: Page, visit: Any, log_in: Any
) -> None:
    world = proposals_world()
    proposal = submit(world)
    services.proposal_take_up(actor=world.employee, proposal=proposal)
    services.position_record(
        actor=world.employee, proposal=proposal, membership=world.lmu_chair, stance="AGREE"
    )
    chair = world.lmu_chair.person.user
    assert chair is not None
    log_in(browser_page, chair.username)
    visit(browser_page, f"/forslag/{proposal.pk}/")
    assert assert_labels_beside_radios(browser_page, "#form-position") >= 3
    assert assert_labels_beside_radios(browser_page, "#form-answer") >= 3
