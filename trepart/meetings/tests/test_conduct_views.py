"""Recording what happened in a meeting through the pages: attendance with deputies, each
party's stand, motions, and outcomes that answer the proposals on the item."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from trepart.meetings import services
from trepart.meetings.models import AgendaItem, Attendance, ItemStand, Meeting, Motion
from trepart.meetings.tests.world import REASON, World, add_item, build_world, plan_meeting
from trepart.proposals import services as proposal_services
from trepart.proposals.models import Proposal, Status

pytestmark = pytest.mark.django_db


def meeting_day() -> datetime.date:
    # Yesterday's meeting: what happened in it is recorded only once it has begun.
    return timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def world() -> World:
    return build_world()


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def published(world: World, **fields: Any) -> tuple[Meeting, AgendaItem]:
    meeting = plan_meeting(world, meeting_day(), **fields)
    item = add_item(world, meeting)
    meeting = services.meeting_publish_agenda(
        actor=world.secretary, meeting=meeting, version=meeting.version
    )
    return meeting, AgendaItem.objects.get(pk=item.pk)


def everyone_present(world: World) -> dict[str, str]:
    """Every seat present, as the form starts; the deputy, as it starts, not called in."""
    return {
        f"status_{seat.person_id}": "PRESENT"
        for seat in world.body.memberships.exclude(role="DEPUTY")
    }


# ---------------------------------------------------------------------------------------
# Attendance


def test_the_attendance_page_lists_every_seat_by_party(world: World) -> None:
    meeting, _item = published(world)
    response = client_for(world.secretary).get(reverse("meetings:attendance", args=[meeting.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Per Politiker", "Tor Tillitsvalgt", "Vara Verneombud", "Siri Sekretær"):
        assert name in page
    headings = [
        f">{label}</h2>" for label in ("Elected politicians", "Administration", "Employees")
    ]
    assert page.index(headings[0]) < page.index(headings[1]) < page.index(headings[2])


def test_the_attendance_page_shows_what_each_member_sits_as(world: World) -> None:
    meeting, _item = published(world)
    world.body.memberships.filter(person=world.person(world.member)).update(capacity="UNION_REP")
    response = client_for(world.secretary).get(reverse("meetings:attendance", args=[meeting.pk]))
    assert "Tor Tillitsvalgt – Member, Union representative (tillitsvalgt)" in (
        response.content.decode()
    )


def test_all_members_are_marked_present_in_one_step(world: World) -> None:
    meeting, _item = published(world)
    url = reverse("meetings:attendance-all-present", args=[meeting.pk])
    secretary = client_for(world.secretary)
    response = secretary.post(url, {"version": meeting.version})
    assert response.status_code == 302
    members = set(world.body.memberships.exclude(role="DEPUTY").values_list("person_id", flat=True))
    rows = Attendance.objects.filter(meeting=meeting)
    assert {row.person_id for row in rows} == members
    assert {row.status for row in rows} == {"PRESENT"}
    assert not rows.filter(person=world.person(world.deputy)).exists()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    page = secretary.get(response["Location"]).content.decode()
    assert "Every member is marked as present." in page


def test_all_present_on_a_stale_page_overwrites_nothing(world: World) -> None:
    meeting, _item = published(world)
    shown = meeting.version
    tor = world.person(world.member)
    rows = [
        services.AttendanceRow(person_id=pid, status="ABSENT" if pid == tor.pk else "PRESENT")
        for pid in world.body.memberships.exclude(role="DEPUTY").values_list("person_id", flat=True)
    ]
    services.attendance_record(actor=world.chair, meeting=meeting, rows=rows)
    url = reverse("meetings:attendance-all-present", args=[meeting.pk])
    response = client_for(world.secretary).post(url, {"version": shown}, follow=True)
    assert "Someone else saved this" in response.content.decode()
    assert Attendance.objects.get(meeting=meeting, person=tor).status == "ABSENT"
    # Once more from the page as it is now: a second, deliberate try goes through.
    meeting.refresh_from_db()
    client_for(world.secretary).post(url, {"version": meeting.version})
    assert Attendance.objects.get(meeting=meeting, person=tor).status == "PRESENT"


def test_only_those_preparing_the_meeting_mark_everyone_present(world: World) -> None:
    meeting, _item = published(world)
    url = reverse("meetings:attendance-all-present", args=[meeting.pk])
    assert client_for(world.member).post(url, {"version": meeting.version}).status_code == 403
    assert not Attendance.objects.exists()


def test_a_deputy_is_recorded_in_place_of_an_absent_member(world: World) -> None:
    meeting, _item = published(world)
    tor = world.person(world.member)
    vara = world.person(world.deputy)
    data = everyone_present(world)
    data[f"status_{tor.pk}"] = "ABSENT"
    data[f"status_{vara.pk}"] = "DEPUTY"
    data[f"instead_{vara.pk}"] = str(tor.pk)
    url = reverse("meetings:attendance", args=[meeting.pk])
    response = client_for(world.secretary).post(url, data)
    assert response.status_code == 302
    deputy = Attendance.objects.get(meeting=meeting, person=vara)
    assert deputy.status == "DEPUTY" and deputy.substitute_for_id == tor.pk
    assert Attendance.objects.get(meeting=meeting, person=tor).status == "ABSENT"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    # The page shows what was saved.
    page = client_for(world.secretary).get(url).content.decode()
    assert f'name="instead_{vara.pk}"' in page and f'value="{tor.pk}" selected' in page


def test_a_deputy_without_the_member_they_replace_saves_nothing(world: World) -> None:
    meeting, _item = published(world)
    vara = world.person(world.deputy)
    data = everyone_present(world)
    data[f"status_{vara.pk}"] = "DEPUTY"
    response = client_for(world.secretary).post(
        reverse("meetings:attendance", args=[meeting.pk]), data
    )
    assert response.status_code == 400
    assert "Say which member the deputy came in place of." in response.content.decode()
    assert not Attendance.objects.exists()


def test_only_those_preparing_the_meeting_record_attendance(world: World) -> None:
    meeting, _item = published(world)
    url = reverse("meetings:attendance", args=[meeting.pk])
    assert client_for(world.member).get(url).status_code == 403
    assert client_for(world.outsider).post(url, everyone_present(world)).status_code == 403
    assert client_for(world.stranger).get(url).status_code in (403, 404)
    assert not Attendance.objects.exists()
    assert client_for(world.chair).get(url).status_code == 200


# ---------------------------------------------------------------------------------------
# Stands, motions and the outcome


def record_everyone_present(world: World, meeting: Meeting) -> None:
    services.attendance_record(
        actor=world.secretary,
        meeting=meeting,
        rows=[
            services.AttendanceRow(person_id=seat.person_id, status="PRESENT")
            for party in world.seats.values()
            for seat in party
        ],
    )


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
