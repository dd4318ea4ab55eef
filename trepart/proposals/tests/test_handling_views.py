"""Handling proposals through the pages: who may take which step, what the pages show."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trepart.accounts.tests.factories import (
    MunicipalAdminFactory,
    MunicipalityFactory,
    UserFactory,
)
from trepart.audit.models import AuditEntry
from trepart.organisation.models import Body, Membership, Municipality, Unit
from trepart.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)
from trepart.proposals import services
from trepart.proposals.models import Position, Proposal, RoutingRule, Status

pytestmark = pytest.mark.django_db

REASON = "Vi har vurdert forslaget grundig og finner det godt begrunnet."


@dataclass
class Town:
    municipality: Municipality
    school: Unit
    kindergarten: Unit
    lmu: Body
    group: Body
    tripartite: Body
    users: dict[str, Any]
    seats: dict[str, Membership]


def make_user(municipality: Municipality, username: str, first: str, last: str) -> Any:
    user = UserFactory.create(
        municipality=municipality, username=username, first_name=first, last_name=last
    )
    PersonFactory.create(municipality=municipality, user=user, first_name=first, last_name=last)
    return user


def seat(body: Body, user: Any, party: str, role: str, capacity: str = "OTHER", **extra: Any):
    return MembershipFactory.create(
        body=body, person=user.person, party=party, role=role, capacity=capacity, **extra
    )


@pytest.fixture
def town() -> Town:
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    school = UnitFactory.create(municipality=municipality, name="Bakken skole")
    kindergarten = UnitFactory.create(municipality=municipality, name="Solsida barnehage")
    lmu = BodyFactory.create(municipality=municipality, kind="LMU", unit=school, name="LMU Bakken")
    group = BodyFactory.create(municipality=municipality, kind="COORDINATION", name="Koordinering")
    tripartite = BodyFactory.create(municipality=municipality, kind="TRIPARTITE", name="PSU")
    users = {
        name: make_user(municipality, name, first, last)
        for name, first, last in [
            ("chair", "Lise", "Leder"),
            ("secretary", "Siri", "Sekretær"),
            ("member", "Tor", "Tillitsvalgt"),
            ("safety", "Vera", "Verneombud"),
            ("other", "Ola", "Annen"),
            ("proposer", "Kari", "Forslagsstiller"),
            ("group_chair", "Gro", "Koordinator"),
            ("group_member", "Geir", "Gruppemedlem"),
            ("psu_chair", "Per", "Partssammensatt"),
        ]
    }
    users["admin"] = MunicipalAdminFactory.create(municipality=municipality, username="admin")
    users["outsider"] = UserFactory.create(username="outsider")
    seats = {
        "chair": seat(lmu, users["chair"], "ADMINISTRATION", "CHAIR", "LEADER"),
        "secretary": seat(lmu, users["secretary"], "ADMINISTRATION", "SECRETARY", voting=False),
        "member": seat(lmu, users["member"], "EMPLOYEE", "MEMBER", "UNION_REP"),
        "safety": seat(lmu, users["safety"], "EMPLOYEE", "MEMBER", "SAFETY_REP"),
    }
    seat(group, users["group_chair"], "ADMINISTRATION", "CHAIR")
    seat(group, users["group_member"], "EMPLOYEE", "MEMBER")
    seat(tripartite, users["psu_chair"], "POLITICAL", "CHAIR")
    return Town(municipality, school, kindergarten, lmu, group, tripartite, users, seats)


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def submit(town: Town, **changes: Any) -> Proposal:
    fields: dict[str, Any] = {
        "actor": town.users["proposer"],
        "municipality": town.municipality,
        "title": "Felles lunsjrom for lærerne",
        "description": "Lærerne spiser i klasserommene. Et lunsjrom gir pause og fellesskap.",
        "unit_ids": [town.school.pk],
    }
    fields.update(changes)
    return services.proposal_submit(**fields)


def act(town: Town, who: str, proposal: Proposal, action: str, **data: Any) -> Any:
    proposal.refresh_from_db()
    data.setdefault("version", proposal.version)
    url = reverse("proposals:act", args=[proposal.pk, action])
    return client_for(town.users[who]).post(url, data)


def page(town: Town, who: str, name: str, *args: Any, **params: Any) -> Any:
    return client_for(town.users[who]).get(reverse(name, args=args), params)


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


# ---------------------------------------------------------------------------------------
# Lists, inbox, start page


def test_the_list_filters_and_reads_a_constant_number_of_queries(town: Town) -> None:
    first = submit(town, title="Sykkelparkering ved skolen")
    client = client_for(town.users["other"])
    url = reverse("proposals:list")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(12):
        submit(town, title=f"Forslag nummer {number}", hide_name=bool(number % 2))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    assert "Forslag nummer 11" in response.content.decode()
    searched = client.get(url, {"q": "sykkelparkering"}).content.decode()
    assert first.title in searched
    assert "Forslag nummer 3" not in searched
    assert first.title not in client.get(url, {"status": "ANSWERED"}).content.decode()


def test_the_inbox_flags_overdue_proposals_in_words(town: Town, time_machine: Any) -> None:
    time_machine.move_to("2026-09-01 12:00")
    old = submit(town, title="Gammelt forslag")
    time_machine.move_to("2026-11-23 12:00")
    submit(town, title="Nytt forslag")
    response = page(town, "member", "proposals:inbox", town.lmu.pk)
    body = response.content.decode()
    assert body.index("Gammelt forslag") < body.index("Nytt forslag")
    assert "Overdue" in body
    assert response.context["counts"].open == 2
    assert response.context["counts"].overdue == 1
    home = page(town, "member", "organisation:home").content.decode()
    assert reverse("proposals:inbox", args=[town.lmu.pk]) in home
    assert "1 overdue" in home
    mine = page(town, "proposer", "organisation:home").content.decode()
    assert old.title in mine
    body_page = page(town, "member", "organisation:body-detail", town.lmu.pk).content.decode()
    assert "2 open, 1 past the answer date" in body_page


def test_the_figures_page_shows_a_table(town: Town) -> None:
    submit(town)
    response = page(town, "other", "proposals:figures")
    assert response.status_code == 200
    assert "<caption>" in response.content.decode()
    assert "LMU Bakken" in response.content.decode()
    assert page(town, "other", "proposals:figures", by="unit", year=2026).status_code == 200


# ---------------------------------------------------------------------------------------
# Routing rules


def test_only_administrators_edit_the_routing_table(town: Town) -> None:
    assert page(town, "chair", "proposals:routing").status_code == 403
    response = page(town, "admin", "proposals:routing")
    assert response.status_code == 200
    assert "The LMU of the affected unit" in response.content.decode()
    client = client_for(town.users["chair"])
    assert client.post(reverse("proposals:routing"), {"op": "save"}).status_code == 403


def rule_data(**changes: Any) -> dict[str, Any]:
    data = {
        "op": "save",
        "priority": 5,
        "effect": "ROUTE",
        "when_source": "ANY",
        "when_units": "ANY",
        "when_needs_money": "ANY",
        "when_service_users": "YES",
        "target": "BODY",
        "target_body": "",
        "target_kind": "",
        "recommendation_kind": "",
        "note": "Brukere først",
        "active": "on",
    }
    data.update(changes)
    return data


def test_routing_rules_are_checked_saved_and_audited(town: Town) -> None:
    client = client_for(town.users["admin"])
    url = reverse("proposals:routing")
    client.get(url)
    before = RoutingRule.objects.count()
    response = client.post(url, rule_data())
    assert response.status_code == 400
    assert "Choose the body." in response.content.decode()
    response = client.post(url, rule_data(target=""))
    assert "Say where a matching proposal goes." in response.content.decode()
    elsewhere = BodyFactory.create()
    response = client.post(url, rule_data(target_body=elsewhere.pk))
    assert response.status_code == 400
    response = client.post(url, rule_data(target="BODY_KIND"))
    assert "Choose the kind of body." in response.content.decode()
    assert RoutingRule.objects.count() == before

    assert client.post(url, rule_data(target_body=town.tripartite.pk)).status_code == 302
    rule = RoutingRule.objects.get(priority=5)
    assert AuditEntry.objects.filter(object_id=str(rule.pk), action="CREATE").exists()
    proposal = submit(town, service_users_affected=True)
    assert proposal.body_id == town.tripartite.pk

    changed = rule_data(rule=rule.pk, version=rule.version, target_body=town.group.pk)
    assert client.post(url, changed).status_code == 302
    rule.refresh_from_db()
    assert rule.target_body_id == town.group.pk
    assert rule.version == 2
    assert AuditEntry.objects.filter(object_id=str(rule.pk), action="UPDATE").exists()
    stale = client.post(url, changed)
    assert "Someone else saved this" in stale.content.decode()

    deleted = {"op": "delete", "rule": rule.pk, "version": rule.version}
    assert client.post(url, deleted).status_code == 302
    assert not RoutingRule.objects.filter(pk=rule.pk).exists()
    assert AuditEntry.objects.filter(
        object_type="proposals.RoutingRule", object_id=str(rule.pk), action="DELETE"
    ).exists()
