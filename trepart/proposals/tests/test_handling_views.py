"""Handling proposals through the pages: who may take which step, what the pages show."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from trepart.proposals import services
from trepart.proposals.models import Position, Status
from trepart.proposals.tests.views_town import (
    REASON,
    Town,
    act,
    build_town,
    page,
    submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def town() -> Town:
    return build_town()


# ---------------------------------------------------------------------------------------
# Permissions

HANDLER_ACTIONS = [
    "take-up",
    "escalate",
    "attendance",
    "disagreement",
    "recommend",
    "decide",
    "answer",
    "done",
    "merge",
]


@pytest.mark.parametrize("action", HANDLER_ACTIONS)
@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("chair", True),
        ("secretary", True),
        ("admin", True),
        ("member", False),
        ("other", False),
        ("group_chair", False),
    ],
)
def test_only_the_handling_bodys_chair_secretary_and_admins_move_a_proposal(
    town: Town, action: str, who: str, allowed: bool
) -> None:
    proposal = submit(town)
    response = act(town, who, proposal, action)
    if allowed:
        assert response.status_code in (302, 400)
    else:
        assert response.status_code == 403
        proposal.refresh_from_db()
        assert proposal.status == Status.SUBMITTED
        assert proposal.version == 1


@pytest.mark.parametrize("action", [*HANDLER_ACTIONS, "advise", "waive", "position"])
def test_a_user_of_another_municipality_finds_nothing(town: Town, action: str) -> None:
    proposal = submit(town)
    assert act(town, "outsider", proposal, action).status_code == 404
    assert page(town, "outsider", "proposals:detail", proposal.pk).status_code == 404


def test_positions_are_for_members_of_the_body(town: Town) -> None:
    proposal = submit(town)
    services.proposal_take_up(actor=town.users["chair"], proposal=proposal)
    member_seat = town.seats["member"].pk
    assert act(town, "other", proposal, "position", membership=member_seat).status_code == 403
    assert act(town, "group_chair", proposal, "position").status_code == 403
    # A member records only their own seat; the chair any seat.
    safety_seat = town.seats["safety"].pk
    response = act(town, "member", proposal, "position", membership=safety_seat, stance="AGREE")
    assert response.status_code == 400
    assert not Position.objects.exists()
    response = act(town, "chair", proposal, "position", membership=safety_seat, stance="AGREE")
    assert response.status_code == 302
    assert Position.objects.get().membership_id == safety_seat


def test_advice_and_waivers_belong_to_the_coordination_group(town: Town) -> None:
    proposal = submit(
        town, unit_ids=[town.school.pk, town.kindergarten.pk], service_users_affected=True
    )
    money = submit(town, needs_money=True, cost_estimate=50_000)
    for who in ("chair", "member", "other", "psu_chair"):
        assert act(town, who, proposal, "waive", reason=REASON).status_code == 403
        assert act(town, who, money, "advise", text=REASON).status_code == 403
    assert act(town, "group_member", money, "advise", text=REASON).status_code == 403
    assert act(town, "admin", proposal, "waive", reason=REASON).status_code == 302
    assert act(town, "group_chair", money, "advise", text=REASON).status_code == 302


def test_the_detail_page_offers_only_the_steps_the_user_may_take_now(town: Town) -> None:
    proposal = submit(town)
    chair = page(town, "chair", "proposals:detail", proposal.pk).content.decode()
    assert reverse("proposals:act", args=[proposal.pk, "take-up"]) in chair
    assert reverse("proposals:act", args=[proposal.pk, "answer"]) not in chair
    other = page(town, "other", "proposals:detail", proposal.pk).content.decode()
    assert reverse("proposals:act", args=[proposal.pk, "take-up"]) not in other
    services.proposal_take_up(actor=town.users["chair"], proposal=proposal)
    chair = page(town, "chair", "proposals:detail", proposal.pk).content.decode()
    assert reverse("proposals:act", args=[proposal.pk, "take-up"]) not in chair
    # Until every member present has taken a position, the answer says why it must wait.
    assert reverse("proposals:act", args=[proposal.pk, "answer"]) not in chair
    assert "must record a position" in answer_section(chair)
    assert 'name="version"' in chair
    member = page(town, "member", "proposals:detail", proposal.pk).content.decode()
    assert reverse("proposals:act", args=[proposal.pk, "position"]) in member
    assert reverse("proposals:act", args=[proposal.pk, "answer"]) not in member
    for who in ("chair", "member", "safety"):
        services.position_record(
            actor=town.users[who], proposal=proposal, membership=town.seats[who], stance="AGREE"
        )
    chair = page(town, "chair", "proposals:detail", proposal.pk).content.decode()
    assert reverse("proposals:act", args=[proposal.pk, "answer"]) in chair


# ---------------------------------------------------------------------------------------
# Refused steps


def test_an_illegal_step_says_why_and_changes_nothing(town: Town) -> None:
    proposal = submit(town)
    response = act(town, "chair", proposal, "done", note="Ferdig")
    assert response.status_code == 400
    assert "cannot mark it as done" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    assert proposal.version == 1


def test_a_bad_answer_keeps_what_was_typed(town: Town) -> None:
    proposal = submit(town, unit_ids=[town.school.pk, town.kindergarten.pk])
    services.proposal_take_up(actor=town.users["group_chair"], proposal=proposal)
    response = act(town, "group_chair", proposal, "answer", kind="REJECTED", reason="Nei takk")
    assert response.status_code == 400
    body = response.content.decode()
    assert "A one-word answer is not an answer" in body
    assert "Nei takk" in body
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_CONSIDERATION


def test_a_stale_version_is_refused_and_the_typed_text_kept(town: Town) -> None:
    proposal = submit(town)
    seen = proposal.version
    services.proposal_take_up(actor=town.users["secretary"], proposal=proposal)
    response = act(
        town, "chair", proposal, "escalate", version=seen, reason=REASON, to_body=town.group.pk
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else saved this while you were editing" in body
    assert REASON in body
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_CONSIDERATION
    assert proposal.body_id == town.lmu.pk


# ---------------------------------------------------------------------------------------
# Names and e-mail addresses


def test_a_hidden_name_reaches_only_the_handling_body(town: Town) -> None:
    proposal = submit(town, hide_name=True)
    name = "Kari Forslagsstiller"
    for who, shown in (("other", False), ("group_chair", False), ("member", True)):
        listed = page(town, who, "proposals:list").content.decode()
        detail = page(town, who, "proposals:detail", proposal.pk).content.decode()
        exported = b"".join(page(town, who, "proposals:export").streaming_content).decode()
        for text in (listed, detail, exported):
            assert (name in text) is shown, (who, text[:200])
        if not shown:
            assert "Name withheld" in listed
            assert "Name withheld" in exported


def test_the_csv_has_a_bom_semicolons_and_no_email(town: Town) -> None:
    proposal = submit(town)
    response = page(town, "chair", "proposals:export")
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][0] == str(proposal.pk)
    assert "@" not in content


def test_a_citizens_email_is_for_the_handling_body(town: Town) -> None:
    proposal = submit(
        town,
        actor=None,
        unit_ids=[],
        proposer_name="Inge Innbygger",
        proposer_email="inge@example.invalid",
    )
    assert proposal.body_id == town.group.pk
    for who, shown in (("group_member", True), ("other", False), ("chair", False)):
        detail = page(town, who, "proposals:detail", proposal.pk).content.decode()
        assert ("inge@example.invalid" in detail) is shown


# ---------------------------------------------------------------------------------------
# The method's routes


def test_money_waits_for_the_coordination_groups_recommendation(town: Town) -> None:
    proposal = submit(town, needs_money=True, cost_estimate=120_000)
    assert proposal.body_id == town.tripartite.pk
    assert act(town, "psu_chair", proposal, "take-up").status_code == 302
    inbox = page(town, "group_member", "proposals:inbox", town.group.pk).content.decode()
    assert proposal.title in inbox
    response = act(town, "psu_chair", proposal, "answer", kind="IMPLEMENTED", reason=REASON)
    assert response.status_code == 400
    assert "recommendation must be recorded" in response.content.decode()
    assert act(town, "group_chair", proposal, "advise", text=REASON).status_code == 302
    response = act(town, "psu_chair", proposal, "answer", kind="IMPLEMENTED", reason=REASON)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.ANSWERED
    inbox = page(town, "group_member", "proposals:inbox", town.group.pk).content.decode()
    assert proposal.title not in inbox


def test_service_users_block_until_the_coordination_group_waives(town: Town) -> None:
    proposal = submit(town, needs_money=True, cost_estimate=10_000, service_users_affected=True)
    assert proposal.requires_service_user
    services.proposal_advise(actor=town.users["group_chair"], proposal=proposal, text=REASON)
    services.proposal_take_up(actor=town.users["psu_chair"], proposal=proposal)
    detail = page(town, "psu_chair", "proposals:detail", proposal.pk).content.decode()
    assert "needs a service-user member" in detail
    response = act(town, "psu_chair", proposal, "answer", kind="REJECTED", reason=REASON)
    assert response.status_code == 400
    assert act(town, "psu_chair", proposal, "waive", reason=REASON).status_code == 403
    assert act(town, "group_chair", proposal, "waive", reason=REASON).status_code == 302
    response = act(town, "psu_chair", proposal, "answer", kind="REJECTED", reason=REASON)
    assert response.status_code == 302


def test_an_objection_blocks_until_each_partys_view_is_recorded(town: Town) -> None:
    proposal = submit(town)
    act(town, "chair", proposal, "take-up")
    objection = "Det tar plass fra et grupperom vi trenger."
    own = {"member": objection}
    for who in ("chair", "member", "safety"):
        stance = "OBJECT" if who == "member" else "AGREE"
        response = act(
            town,
            who,
            proposal,
            "position",
            membership=town.seats[who].pk,
            stance=stance,
            reason=own.get(who, ""),
        )
        assert response.status_code == 302
    detail = page(town, "chair", "proposals:detail", proposal.pk).content.decode()
    assert "A member objects" in detail
    response = act(town, "chair", proposal, "answer", kind="IMPLEMENTED", reason=REASON)
    assert response.status_code == 400
    assert "A member objects" in response.content.decode()
    response = act(
        town, "chair", proposal, "disagreement", view_ADMINISTRATION="Ledelsen vil ha lunsjrom."
    )
    assert response.status_code == 400
    assert "Write this party" in response.content.decode()
    response = act(
        town,
        "chair",
        proposal,
        "disagreement",
        view_ADMINISTRATION="Ledelsen vil ha lunsjrom.",
        view_EMPLOYEE="De ansatte er delt i synet.",
    )
    assert response.status_code == 302
    response = act(town, "chair", proposal, "answer", kind="IMPLEMENTED", reason=REASON)
    assert response.status_code == 302
    detail = page(town, "chair", "proposals:detail", proposal.pk).content.decode()
    assert objection in detail
    assert "De ansatte er delt i synet." in detail
    assert Position.objects.filter(proposal=proposal).count() == 3


def test_the_seats_show_what_each_member_sits_as(town: Town) -> None:
    proposal = submit(town)
    services.proposal_take_up(actor=town.users["chair"], proposal=proposal)
    detail = page(town, "chair", "proposals:detail", proposal.pk).content.decode()
    table = detail[detail.index('id="consensus-heading"') :]
    assert "Administration, Chair, Leader" in table
    assert "Employees, Member, Union representative (tillitsvalgt)" in table
    assert "Employees, Member, Safety representative (verneombud)" in table
    # The attendance and position forms name the seats the same way.
    form = detail[detail.index('id="form-attendance"') :]
    assert "Vera Verneombud – Employees, Member, Safety representative (verneombud)" in form


def answer_section(detail: str) -> str:
    """The "Answer the proposal" card of a detail page."""
    start = detail.index('id="form-answer"')
    return detail[start : detail.index("</section>", start)]


def test_an_answer_blocked_by_an_objection_shows_why_instead_of_a_form(town: Town) -> None:
    proposal = submit(town)
    services.proposal_take_up(actor=town.users["chair"], proposal=proposal)
    for who in ("chair", "member", "safety"):
        stance = "OBJECT" if who == "member" else "AGREE"
        services.position_record(
            actor=town.users[who],
            proposal=proposal,
            membership=town.seats[who],
            stance=stance,
            reason="Det tar plass fra et grupperom vi trenger.",
        )
    detail = page(town, "chair", "proposals:detail", proposal.pk).content.decode()
    card = answer_section(detail)
    assert "A member objects" in card
    assert "<form" not in card
    assert reverse("proposals:act", args=[proposal.pk, "answer"]) not in detail


def test_an_answer_waiting_for_a_service_user_member_shows_why_instead_of_a_form(
    town: Town,
) -> None:
    proposal = submit(town, needs_money=True, cost_estimate=10_000, service_users_affected=True)
    services.proposal_advise(actor=town.users["group_chair"], proposal=proposal, text=REASON)
    services.proposal_take_up(actor=town.users["psu_chair"], proposal=proposal)
    card = answer_section(page(town, "psu_chair", "proposals:detail", proposal.pk).content.decode())
    assert "needs a service-user member" in card
    assert "<form" not in card
    services.proposal_waive_service_user(
        actor=town.users["group_chair"], proposal=proposal, reason=REASON
    )
    card = answer_section(page(town, "psu_chair", "proposals:detail", proposal.pk).content.decode())
    assert "<form" in card
    assert "needs a service-user member" not in card


def test_attendance_leaves_absent_members_out(town: Town) -> None:
    proposal = submit(town)
    services.proposal_take_up(actor=town.users["chair"], proposal=proposal)
    present = [town.seats["chair"].pk, town.seats["member"].pk]
    assert act(town, "secretary", proposal, "attendance", present=present).status_code == 302
    for who in ("chair", "member"):
        act(town, who, proposal, "position", membership=town.seats[who].pk, stance="AGREE")
    response = act(town, "chair", proposal, "answer", kind="IMPLEMENTED", reason=REASON)
    assert response.status_code == 302
