"""Recording what happened to an item through the pages: each party's stand, motions and the
outcome; and a whole meeting recorded in a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from trepart.meetings import services
from trepart.meetings.models import ItemStand, Motion
from trepart.meetings.tests.conduct_pages import (
    client_for,
    meeting_day,
    published,
    record_everyone_present,
)
from trepart.meetings.tests.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


# ---------------------------------------------------------------------------------------
# Stands, motions and the outcome


def test_a_disagreement_needs_each_partys_view(world: World) -> None:
    meeting, item = published(world)
    record_everyone_present(world, meeting)
    client = client_for(world.secretary)
    url = reverse("meetings:item-outcome", args=[item.pk])
    response = client.post(
        url,
        {
            "op": "stands",
            "stance_POLITICAL": "AGREE",
            "stance_ADMINISTRATION": "AGREE",
            "stance_EMPLOYEE": "OBJECT",
            "statement_EMPLOYEE": "",
        },
    )
    # An objection needs the party's view: nothing is saved, what was chosen stays.
    assert response.status_code == 400
    assert "An objection states the party" in response.content.decode()
    assert not ItemStand.objects.exists()

    stands = {
        "op": "stands",
        "stance_POLITICAL": "AGREE",
        "stance_ADMINISTRATION": "CAN_LIVE_WITH",
        "stance_EMPLOYEE": "OBJECT",
        "statement_EMPLOYEE": "Kuttene rammer de ansatte på skolen for hardt.",
    }
    assert client.post(url, stands).status_code == 302
    outcome = {
        "op": "outcome",
        "version": item.version,
        "outcome": "DISAGREEMENT",
        "outcome_text": "Partene er uenige om budsjettet.",
    }
    response = client.post(url, outcome)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Record each party&#x27;s view before recording a disagreement" in page
    assert "Partene er uenige om budsjettet." in page  # the wording typed is kept
    item.refresh_from_db()
    assert item.outcome == ""

    stands["statement_POLITICAL"] = "Budsjettet må holdes."
    stands["statement_ADMINISTRATION"] = "Vi kan leve med kuttene i år."
    assert client.post(url, stands).status_code == 302
    assert client.post(url, outcome).status_code == 302
    item.refresh_from_db()
    assert item.outcome == "DISAGREEMENT"
    views = dict(ItemStand.objects.filter(item=item).values_list("party", "statement"))
    assert views["EMPLOYEE"].startswith("Kuttene")


def test_consensus_is_refused_when_a_party_objects(world: World) -> None:
    _meeting, item = published(world)
    services.stand_record(
        actor=world.secretary,
        item=item,
        party="EMPLOYEE",
        stance="OBJECT",
        statement="Vi kan ikke stille oss bak dette forslaget nå.",
    )
    response = client_for(world.secretary).post(
        reverse("meetings:item-outcome", args=[item.pk]),
        {"op": "outcome", "version": item.version, "outcome": "CONSENSUS", "outcome_text": "Ja."},
    )
    assert response.status_code == 400
    assert "there is no consensus" in response.content.decode()


def test_a_motion_is_added_with_its_vote(world: World) -> None:
    _meeting, item = published(world)
    response = client_for(world.chair).post(
        reverse("meetings:item-outcome", args=[item.pk]),
        {
            "op": "motion",
            "tabled_by": "Per Politiker",
            "text": "Rammen økes med 2 millioner.",
            "votes_for": "6",
            "votes_against": "3",
            "adopted": "yes",
        },
    )
    assert response.status_code == 302
    motion = Motion.objects.get(item=item)
    assert (motion.votes_for, motion.votes_against, motion.adopted) == (6, 3, True)
    page = client_for(world.chair).get(reverse("meetings:item-outcome", args=[item.pk]))
    assert "Rammen økes med 2 millioner." in page.content.decode()


def test_a_stale_outcome_form_is_refused_and_keeps_the_wording(world: World) -> None:
    _meeting, item = published(world)
    services.item_outcome_record(
        actor=world.chair, item=item, version=item.version, outcome="NOTED"
    )
    response = client_for(world.secretary).post(
        reverse("meetings:item-outcome", args=[item.pk]),
        {
            "op": "outcome",
            "version": item.version,  # the version the secretary opened
            "outcome": "DECISION",
            "outcome_text": "Utvalget vedtar planen.",
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this while you were editing" in page
    assert "Utvalget vedtar planen." in page
    item.refresh_from_db()
    assert item.outcome == "NOTED"


def test_outsiders_and_members_cannot_record_outcomes(world: World) -> None:
    _meeting, item = published(world)
    url = reverse("meetings:item-outcome", args=[item.pk])
    data = {"op": "outcome", "version": item.version, "outcome": "NOTED"}
    assert client_for(world.member).post(url, data).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 403
    assert client_for(world.stranger).get(url).status_code in (403, 404)
    item.refresh_from_db()
    assert item.outcome == ""


# ---------------------------------------------------------------------------------------
# In a real browser, with axe-core on every page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_secretary_records_a_meeting_and_writes_its_minutes(
    browser_page: Any, log_in: Any, visit: Any, assert_accessible: Any
) -> None:
    from playwright.sync_api import expect

    world = build_world()
    meeting, item = published(world)
    page = browser_page
    log_in(page, world.secretary.username)

    visit(page, reverse("meetings:attendance", args=[meeting.pk]))
    page.get_by_role("group", name="Vara Verneombud – Deputy member").get_by_label(
        "Present as deputy"
    ).check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_load_state("load")
    assert_accessible(page)  # the error: in place of whom?
    expect(page.locator("#error-summary")).to_contain_text("in place of")
    tor = page.get_by_role("group", name="Tor Tillitsvalgt – Member")
    tor.get_by_label("Absent").check()
    page.locator(f'select[name="instead_{world.person(world.deputy).pk}"]').select_option(
        label="Tor Tillitsvalgt"
    )
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.get_by_role("status").first).to_contain_text("Attendance was saved")

    visit(page, reverse("meetings:item-outcome", args=[item.pk]))
    stands = page.locator("#stands")
    stands.get_by_role("group", name="Employees").get_by_label("Objects").check()
    stands.get_by_role("button", name="Save the stands").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.locator("#stands").get_by_label("The view of Employees").fill(
        "Kuttene rammer de ansatte ved skolen for hardt."
    )
    page.locator("#stands").get_by_role("button", name="Save the stands").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    outcome = page.locator("#outcome")
    outcome.get_by_label("Decision within the mandate").check()
    outcome.get_by_label("Recommendation or decision, as worded").fill("Planen vedtas.")
    outcome.get_by_role("button", name="Record the outcome").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    follow_up = page.locator("#follow-up")
    follow_up.get_by_label("Action").fill("Lag en plan for skolen")
    follow_up.get_by_label("Owner").select_option(label="Tor Tillitsvalgt")
    follow_up.get_by_label("Due").fill(meeting_day().isoformat())
    follow_up.get_by_role("button", name="Add the action").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.locator("#follow-up")).to_contain_text("Lag en plan for skolen")

    visit(page, reverse("meetings:minutes-edit", args=[meeting.pk]))
    page.get_by_role("textbox", name="Opening notes").fill("Lederen åpnet møtet.")
    page.get_by_role("textbox", name=f"Discussion of case {item.case_number}").fill(
        "En god debatt."
    )
    page.get_by_role("button", name="Save the minutes").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text("Kuttene rammer de ansatte")
    expect(page.locator("main")).to_contain_text("Present as deputy")

    visit(page, reverse("meetings:follow-up-board"))
    expect(page.locator("#board-OPEN")).to_contain_text("Lag en plan for skolen")
