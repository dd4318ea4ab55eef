"""Vei og park's kind of case, walked by the demo logins through the pages: a proposal
that needs money goes to the body the mayor chairs after the coordination group's
recommendation, and the council's decision is recorded by the mayor who chairs it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from trepart.accounts.models import User
from trepart.demo.builder import demo_municipality
from trepart.organisation.models import Body, Membership, Unit
from trepart.organisation.selectors import active_q, today
from trepart.platform.models import Notification
from trepart.proposals import services
from trepart.proposals.models import (
    AnswerKind,
    DecisionMaker,
    Event,
    Proposal,
    Status,
)

pytestmark = pytest.mark.django_db

PASSWORD = "demo-passord-2026"  # TREPART_DEMO_PASSWORD, set for the tests


def logged_in(username: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username=username, password=PASSWORD)
    return client


def chairs(username: str) -> set[int]:
    return set(
        Membership.objects.filter(
            active_q(today()), person__user__username=username, role="CHAIR"
        ).values_list("body_id", flat=True)
    )


def step(username: str, proposal: Proposal, action: str, **fields: Any) -> Proposal:
    proposal.refresh_from_db()
    response = logged_in(username).post(
        reverse("proposals:act", args=[proposal.pk, action]),
        {"version": proposal.version, **fields},
    )
    assert response.status_code == 302, (username, action, response.status_code)
    proposal.refresh_from_db()
    return proposal


def test_the_demo_logins_take_a_money_case_from_proposal_to_decision(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", stdout=io.StringIO())
    municipality = demo_municipality()
    assert municipality is not None
    roads = Unit.objects.get(municipality=municipality, name="Vei og park")
    employee = User.objects.get(username="ansatt")
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.proposal_submit(
            actor=employee,
            municipality=municipality,
            title="Felles brøyteutstyr for hjemmetjenesten og Vei og park",
            description=(
                "Hjemmetjenesten står fast i snøen hver vinter. Vi foreslår at kommunen "
                "kjøper en liten brøytetraktor som Vei og park kjører ved hjemmetjenestens base."
            ),
            unit_ids=[employee.person.unit_id, roads.pk],  # type: ignore[list-item]
            needs_money=True,
            cost_estimate=350_000,
        )

    # One structure: the body that gets money cases is the one the mayor chairs, and the
    # recommendation comes from the coordination group, which a demo login chairs.
    assert proposal.body.kind == Body.Kind.TRIPARTITE
    assert proposal.body_id in chairs("ordforer")
    assert proposal.recommendation_body is not None
    assert proposal.recommendation_body.kind == Body.Kind.COORDINATION
    assert proposal.recommendation_body_id in chairs("personalsjef")
    council = Body.objects.get(municipality=municipality, kind=Body.Kind.COUNCIL)
    assert council.pk in chairs("ordforer")

    # Someone without a seat there may not take the steps.
    response = logged_in("ansatt").post(
        reverse("proposals:act", args=[proposal.pk, "take-up"]), {"version": proposal.version}
    )
    assert response.status_code == 403

    step("ordforer", proposal, "take-up")
    proposal = step(
        "personalsjef",
        proposal,
        "advise",
        text="Koordineringsgruppa anbefaler kjøpet: det sparer innleid brøyting og ventetid.",
    )
    assert proposal.recommendation_recorded
    proposal = step(
        "ordforer",
        proposal,
        "recommend",
        decision_maker=DecisionMaker.COUNCIL,
        text="Partssammensatt utvalg innstiller på at kommunestyret bevilger 350 000 kroner.",
    )
    assert proposal.decision_maker == DecisionMaker.COUNCIL
    told = Notification.objects.about(proposal).count()
    proposal = step(
        "ordforer",
        proposal,
        "decide",
        kind=AnswerKind.IMPLEMENTED,
        reason="Kommunestyret vedtok å bevilge 350 000 kroner til en brøytetraktor.",
    )
    assert proposal.status == Status.ANSWERED
    assert proposal.answer == AnswerKind.IMPLEMENTED
    actors = dict(Event.objects.filter(proposal=proposal).values_list("kind", "actor__username"))
    assert actors[Event.Kind.ADVICE] == "personalsjef"
    assert actors[Event.Kind.RECOMMENDED] == actors[Event.Kind.DECIDED] == "ordforer"
    # The proposer is told the decision (today in the digest: it is their fifth message).
    [decision] = Notification.objects.about(proposal)[told:]
    assert decision.email == employee.email


def test_the_told_vei_og_park_case_was_taken_by_the_demo_logins(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", stdout=io.StringIO())
    green = Proposal.objects.get(title__startswith="Vei og park tar over grøntvedlikeholdet")
    actors = dict(Event.objects.filter(proposal=green).values_list("kind", "actor__username"))
    assert actors[Event.Kind.ADVICE] == "personalsjef"
    assert actors[Event.Kind.RECOMMENDED] == actors[Event.Kind.DECIDED] == "ordforer"
    assert green.body_id in chairs("ordforer")
    assert green.decision_maker == DecisionMaker.COUNCIL
