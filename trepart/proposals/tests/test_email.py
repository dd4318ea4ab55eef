"""What the proposer is told at every step: subject, wording, reasons, the right link, and
nobody else's name."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.core import mail

from trepart.proposals import services
from trepart.proposals.models import Proposal
from trepart.proposals.tests.world import (
    ARRIVAL,
    REASON,
    World,
    answer,
    build_world,
    noon,
    submit,
)

pytestmark = pytest.mark.django_db

PROPOSER = "anne.ansatt@kommune.invalid"
BASE = "http://127.0.0.1:8000"


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def told(django_capture_on_commit_callbacks: Any) -> Iterator[Callable[..., Any]]:
    """``told(service, **kwargs)``: run a step and return the one e-mail it sent.

    The proposal arrives on ``ARRIVAL``; each step told about runs on a day of its own after
    it, so the daily digest (after a few messages in a day) does not hold it back.
    """
    days = iter(range(1, 100))

    def step(service: Callable[..., Any], **kwargs: Any) -> Any:
        before = len(mail.outbox)
        with (
            time_machine.travel(noon(ARRIVAL + datetime.timedelta(days=next(days))), tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            service(**kwargs)
        new = mail.outbox[before:]
        assert len(new) == 1, [m.subject for m in new]
        return new[0]

    with time_machine.travel(noon(ARRIVAL), tick=False):
        yield step


def submitted(world: World, **fields: Any) -> Proposal:
    with time_machine.travel(noon(ARRIVAL), tick=False):
        return submit(world, **fields)


def considered(world: World, **fields: Any) -> Proposal:
    proposal = submitted(world, **fields)
    with time_machine.travel(noon(ARRIVAL), tick=False):
        services.proposal_take_up(actor=world.employee, proposal=proposal)
    return proposal


def test_employee_is_told_the_proposal_arrived_where_and_by_when(
    world: World, told: Callable[..., Any]
) -> None:
    message = told(lambda: submit(world))
    proposal = Proposal.objects.get()

    assert message.to == [PROPOSER]
    assert message.subject == "Proposal received: “Felles kjøkkenhage”"
    assert "Hello Anne Ansatt," in message.body
    assert "Eikvik kommune has received your proposal “Felles kjøkkenhage”" in message.body
    assert "It has been sent to LMU skole, which is to answer it by 1. November 2026." in (
        message.body
    )
    # An employee follows the proposal on its page in Trepart, not by a tracking code.
    assert f"{BASE}/forslag/{proposal.pk}/" in message.body
    assert proposal.tracking_code not in message.body
    assert "Keep this e-mail" not in message.body
    assert message.extra_headers["Content-Language"] == "en"


def test_citizen_is_given_the_tracking_link_in_the_municipalitys_language(
    world: World, told: Callable[..., Any]
) -> None:
    message = told(
        services.proposal_submit,
        actor=None,
        municipality=world.municipality,
        title="Benk ved bussholdeplassen",
        description="Det trengs en benk ved bussholdeplassen i sentrum.",
        proposer_name="Ivar Innbygger",
        proposer_email="ivar@example.invalid",
    )
    proposal = Proposal.objects.get()

    assert message.to == ["ivar@example.invalid"]
    assert "Benk ved bussholdeplassen" in message.subject
    assert f"{BASE}/innbyggerforslag/{proposal.tracking_code}/" in message.body
    assert f"/forslag/{proposal.pk}/" not in message.body
    assert "Ta vare på denne e-posten" in message.body  # bokmål: "Keep this e-mail"
    assert "Koordineringsgruppa" in message.body
    assert message.extra_headers["Content-Language"] == world.municipality.language == "nb"


def test_citizen_without_an_e_mail_address_gets_nothing(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_submit(
            actor=None,
            municipality=world.municipality,
            title="Benk ved bussholdeplassen",
            description="Det trengs en benk ved bussholdeplassen i sentrum.",
        )
    assert mail.outbox == []


def test_taken_up(world: World, told: Callable[..., Any]) -> None:
    proposal = submitted(world)
    message = told(services.proposal_take_up, actor=world.employee, proposal=proposal)
    assert message.subject == "Your proposal “Felles kjøkkenhage” is being considered"
    assert "LMU skole has started to consider your proposal" in message.body
    assert "31. October 2026" in message.body


def test_escalated_says_where_why_and_the_new_deadline(
    world: World, told: Callable[..., Any]
) -> None:
    proposal = considered(world)
    why = "Forslaget berører også barnehagen og må ses samlet."
    message = told(
        services.proposal_escalate,
        actor=world.employee,
        proposal=proposal,
        reason=why,
        to_body=world.coordination,
    )
    assert "“Felles kjøkkenhage”" in message.subject
    assert "Koordineringsgruppa" in message.subject
    assert why in message.body
    assert "which is to answer it by 1. November 2026" in message.body  # 30 days from now


def test_advice_and_recommendation_and_formal_decision(
    world: World, told: Callable[..., Any]
) -> None:
    proposal = submitted(world, title="Ny gapahuk", needs_money=True, cost_estimate=80_000)
    assert proposal.body == world.tripartite
    advice = "Koordineringsgruppa anbefaler gapahuken, den kommer alle enhetene til gode."
    message = told(services.proposal_advise, actor=world.employee, proposal=proposal, text=advice)
    assert "Ny gapahuk" in message.subject
    assert "Koordineringsgruppa has given its recommendation" in message.body
    assert "PSU makes the decision." in message.body
    assert advice in message.body

    with time_machine.travel(noon(ARRIVAL), tick=False):
        services.proposal_take_up(actor=world.employee, proposal=proposal)
    innstilling = "PSU tilrår at kommunestyret setter av midler i neste års budsjett."
    message = told(
        services.proposal_recommend,
        actor=world.employee,
        proposal=proposal,
        decision_maker="COUNCIL",
        text=innstilling,
    )
    assert message.subject == (
        "Your proposal “Ny gapahuk” has been recommended to the decision maker"
    )
    assert "to the formal decision maker: Municipal council" in message.body
    assert innstilling in message.body

    vedtak = "Kommunestyret vedtok enstemmig å bevilge midler til gapahuken."
    message = told(
        services.proposal_decide,
        actor=world.employee,
        proposal=proposal,
        kind="IMPLEMENTED",
        reason=vedtak,
    )
    assert message.subject == "Answer to your proposal “Ny gapahuk”: Implemented"
    assert "has been made by: Municipal council" in message.body
    assert vedtak in message.body
    assert "You will be told when it is in place." in message.body


@pytest.mark.parametrize(
    ("kind", "shown", "next_step"),
    [
        ("IMPLEMENTED", "Implemented", "put into practice"),
        ("REJECTED", "Rejected", None),
    ],
)
def test_answer_gives_the_kind_and_the_reason(
    world: World, told: Callable[..., Any], kind: str, shown: str, next_step: str | None
) -> None:
    proposal = considered(world)
    with time_machine.travel(noon(ARRIVAL), tick=False):
        services.position_record(
            actor=world.employee, proposal=proposal, membership=world.lmu_chair, stance="AGREE"
        )
    message = told(
        services.proposal_answer, actor=world.employee, proposal=proposal, kind=kind, reason=REASON
    )
    assert message.subject == f"Answer to your proposal “Felles kjøkkenhage”: {shown}"
    assert "LMU skole has answered your proposal" in message.body
    assert f"Answer: {shown}" in message.body
    assert REASON in message.body
    if next_step:
        assert next_step in message.body
    else:
        assert "put into practice" not in message.body
        assert "new answer" not in message.body


def test_further_evaluation_gives_the_new_answer_date(
    world: World, told: Callable[..., Any]
) -> None:
    proposal = considered(world)
    with time_machine.travel(noon(ARRIVAL), tick=False):
        services.position_record(
            actor=world.employee, proposal=proposal, membership=world.lmu_chair, stance="AGREE"
        )
    message = told(
        services.proposal_answer,
        actor=world.employee,
        proposal=proposal,
        kind="FURTHER_EVALUATION",
        reason=REASON,
        new_due_on=ARRIVAL.replace(month=12, day=15),
    )
    assert message.subject == "Answer to your proposal “Felles kjøkkenhage”: Further evaluation"
    assert REASON in message.body
    assert "You will get a new answer by 15. December 2026." in message.body


def test_done_thanks_the_proposer_and_passes_on_the_note(
    world: World, told: Callable[..., Any]
) -> None:
    proposal = considered(world)
    with time_machine.travel(noon(ARRIVAL), tick=False):
        answer(world, proposal, "IMPLEMENTED")
    note = "Kjøkkenhagen ble plantet av elevene i mai."
    message = told(services.proposal_mark_done, actor=world.employee, proposal=proposal, note=note)
    assert message.subject == "Your proposal “Felles kjøkkenhage” has been carried out"
    assert "Thank you!" in message.body
    assert note in message.body


def test_withdrawn(world: World, told: Callable[..., Any]) -> None:
    proposal = submitted(world)
    message = told(
        services.proposal_withdraw,
        actor=world.employee,
        proposal=proposal,
        reason="Vi fant en annen løsning selv.",
    )
    assert message.subject == "Your proposal “Felles kjøkkenhage” has been withdrawn"
    assert "will not be handled further" in message.body
    assert "Vi fant en annen løsning selv." in message.body


def test_merged_names_the_other_proposal_but_not_its_proposer(
    world: World, told: Callable[..., Any]
) -> None:
    other_user = type(world.employee).objects.create(
        username="per",
        first_name="Per",
        last_name="Persen",
        email="per@kommune.invalid",
        municipality=world.municipality,
    )
    with time_machine.travel(noon(ARRIVAL), tick=False):
        into = submit(world, title="Skolehage for alle", actor=other_user, hide_name=True)
    duplicate = submitted(world)
    why = "De to forslagene handler om den samme hagen ved skolen."
    message = told(
        services.proposal_merge,
        actor=world.employee,
        proposal=duplicate,
        into=into,
        reason=why,
    )
    assert message.to == [PROPOSER]
    assert "“Felles kjøkkenhage”" in message.subject
    assert "“Skolehage for alle”" in message.body
    assert why in message.body
    assert "Per" not in message.body
    assert "per@kommune.invalid" not in message.body


def test_a_hidden_name_proposal_is_mailed_to_its_proposer_only(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        time_machine.travel(noon(ARRIVAL), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        proposal = submit(world, hide_name=True)
        services.proposal_take_up(actor=world.employee, proposal=proposal)
        services.proposal_escalate(
            actor=world.employee,
            proposal=proposal,
            reason="Forslaget berører også barnehagen og må ses samlet.",
            to_body=world.coordination,
        )
    assert len(mail.outbox) == 3
    assert {address for message in mail.outbox for address in message.to} == {PROPOSER}
    for message in mail.outbox:
        assert "Lise" not in message.body  # the chair who handles it is not named


def test_text_is_sent_as_written_not_html_escaped(world: World, told: Callable[..., Any]) -> None:
    message = told(lambda: submit(world, title="Ski & skøyter <for alle>"))
    assert "Ski & skøyter <for alle>" in message.subject
    assert "Ski & skøyter <for alle>" in message.body
    assert "&amp;" not in message.body + message.subject
