"""The public proposals API: citizens submit without an account and follow a proposal by its
tracking code, and the public view never shows a person's name or e-mail address."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from trepart.organisation.models import Municipality
from trepart.proposals import services
from trepart.proposals.models import Proposal, Source, Status
from trepart.proposals.tests.api_world import REASON, Api, World, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def citizen_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Benk ved bussholdeplassen",
        "description": "Eldre trenger et sted å sitte mens de venter på bussen.",
        "name": "Ingrid Innbygger",
        "email": "ingrid@example.invalid",
    }
    body.update(changes)
    return body


def only(world: World) -> None:
    """Leave the installation with one municipality (make_world adds a second)."""
    Municipality.objects.exclude(pk=world.municipality.pk).delete()


def test_a_citizen_submits_without_an_account_and_gets_a_tracking_link(world: World) -> None:
    only(world)
    created = Api().post("/public/proposals", citizen_body(), expect=201)

    proposal = Proposal.objects.get()
    assert created["tracking_code"] == proposal.tracking_code
    assert (
        created["tracking_url"]
        == f"{settings.TREPART_BASE_URL}/innbyggerforslag/{proposal.tracking_code}/"
    )
    assert (created["status"], created["body"]) == ("SUBMITTED", "Koordineringsgruppa")
    assert created["due_on"] == proposal.due_on.isoformat()
    assert set(created) == {"tracking_code", "tracking_url", "status", "body", "due_on"}
    assert proposal.source == Source.CITIZEN
    assert (proposal.proposer_name, proposal.proposer_email) == (
        "Ingrid Innbygger",
        "ingrid@example.invalid",
    )
    assert proposal.submitted_by is None


def test_name_and_email_are_optional(world: World) -> None:
    only(world)
    Api().post("/public/proposals", citizen_body(name="", email=""), expect=201)
    assert Proposal.objects.get().proposer_email == ""


def test_with_several_municipalities_the_organisation_number_is_required(world: World) -> None:
    api = Api()
    problem = api.post("/public/proposals", citizen_body(), expect=400)
    assert problem["errors"] == {
        "municipality": ["Give the organisation number of the municipality."]
    }
    problem = api.post("/public/proposals", citizen_body(municipality="000000001"), expect=400)
    assert "No municipality has this organisation number." in problem["detail"]

    number = world.municipality.organisation_number
    api.post("/public/proposals", citizen_body(municipality=number), expect=201)
    assert Proposal.objects.get().municipality == world.municipality


def test_bad_input_answers_400_per_field_and_saves_nothing(world: World) -> None:
    only(world)
    problem = Api().post(
        "/public/proposals",
        citizen_body(description="Kort", email="ikke-en-adresse", unit_ids=[999_999]),
        expect=400,
    )
    assert set(problem["errors"]) == {"description", "email", "unit_ids"}
    assert problem["errors"]["email"] == ["Enter a valid e-mail address."]
    assert not Proposal.objects.exists()


def test_the_public_endpoints_need_no_login_even_without_csrf(world: World) -> None:
    only(world)
    api = Api()
    api.client = type(api.client)(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    created = api.post("/public/proposals", citizen_body(), expect=201)
    api.get(f"/public/proposals/{created['tracking_code']}")


def test_the_public_view_shows_status_answers_and_history(world: World) -> None:
    only(world)
    created = Api().post("/public/proposals", citizen_body(), expect=201)
    proposal = Proposal.objects.get()
    services.proposal_take_up(actor=world.coordinator, proposal=proposal)
    services.proposal_answer(
        actor=world.coordinator, proposal=proposal, kind="REJECTED", reason=REASON
    )

    view = Api().get(f"/public/proposals/{created['tracking_code']}")
    assert view["title"] == "Benk ved bussholdeplassen"
    assert view["description"].startswith("Eldre trenger")
    assert (view["status"], view["status_label"]) == ("ANSWERED", "Answered")
    assert view["body"] == "Koordineringsgruppa"
    assert view["overdue"] is False
    assert [(a["kind"], a["reason"]) for a in view["answers"]] == [("REJECTED", REASON)]
    assert [e["kind"] for e in view["history"]] == ["SUBMITTED", "ROUTED", "TAKEN_UP", "ANSWERED"]
    assert view["history"][-1]["reason"] == REASON
    assert set(view["history"][0]) == {"kind", "kind_label", "at", "body", "to_status", "reason"}


def test_the_public_view_never_names_anyone(world: World) -> None:
    """Not the hidden proposer, not their e-mail, not the handlers, not the members' positions."""
    proposal = services.proposal_submit(
        actor=world.proposer,
        municipality=world.municipality,
        title="Felles lunsjrom for lærerne",
        description="Lærerne spiser i klasserommene. Et lunsjrom gir pause og fellesskap.",
        unit_ids=[world.school.pk],
        hide_name=True,
    )
    services.proposal_take_up(actor=world.chair, proposal=proposal)
    for seat, stance in zip(world.seats, ["AGREE", "OBJECT", "AGREE"], strict=True):
        services.position_record(
            actor=world.chair,
            proposal=proposal,
            membership=seat,
            stance=stance,
            reason="Mona mener dette er for dyrt." if stance == "OBJECT" else "",
        )
    services.disagreement_record(
        actor=world.chair,
        proposal=proposal,
        views={"ADMINISTRATION": "Ledelsen vil gjerne.", "EMPLOYEE": "Tillitsvalgte er imot."},
    )
    services.proposal_answer(actor=world.chair, proposal=proposal, kind="REJECTED", reason=REASON)

    api = Api()
    view = api.get(f"/public/proposals/{proposal.tracking_code}")
    text = api.last.content.decode()
    assert view["status"] == Status.ANSWERED
    for secret in (
        "Petra",
        "Forslagsstiller",
        "petra@kommune.invalid",
        "Cecilie",
        "Leder",
        "Mona",
        "Medlem",
        "Verneombud",
        "Tillitsvalgte er imot",
        "OBJECT",
    ):
        assert secret not in text, secret
    assert {e["kind"] for e in view["history"]}.isdisjoint({"POSITION", "DISAGREEMENT"})


def test_a_hidden_citizen_name_and_email_stay_out_of_the_public_view(world: World) -> None:
    only(world)
    created = Api().post("/public/proposals", citizen_body(hide_name=True), expect=201)
    api = Api()
    api.get(f"/public/proposals/{created['tracking_code']}")
    text = api.last.content.decode()
    assert "Ingrid" not in text
    assert "ingrid@" not in text


def test_an_unknown_tracking_code_is_404(world: World) -> None:
    Api().get("/public/proposals/not-a-real-code", 404)
