"""The proposals API for employees: submit, list, detail, hidden names and contact details,
and the OpenAPI document (the actions are in ``test_api_actions``)."""

from __future__ import annotations

import datetime
from typing import Any, get_args

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from trepart.organisation.selectors import today
from trepart.proposals import api as proposals_api
from trepart.proposals import services
from trepart.proposals.api import schemas
from trepart.proposals.models import (
    AnswerKind,
    DecisionMaker,
    Event,
    Position,
    Proposal,
    Source,
    Status,
)
from trepart.proposals.rules import Blocker, ConsensusState
from trepart.proposals.tests.api_world import (
    Api,
    World,
    make_world,
    proposal_body,
    submit,
    taken_up,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


# --- Submitting ---------------------------------------------------------------------------


def test_employee_submits_a_proposal_and_gets_it_back_routed(world: World) -> None:
    created = Api(world.proposer).post(
        "/proposals", proposal_body(world, hide_name=True), expect=201
    )

    assert created["status"] == "SUBMITTED"
    assert created["body"] == {"id": world.lmu.pk, "name": "LMU Bakken skole"}
    assert created["units"] == [{"id": world.school.pk, "name": "Bakken skole"}]
    assert created["source"] == "EMPLOYEE"
    assert created["proposer"] == "Petra Forslagsstiller"  # the proposer sees their own name
    assert created["version"] == 1
    assert [e["kind"] for e in created["events"]] == ["SUBMITTED", "ROUTED"]
    assert created["due_on"] == (today() + datetime.timedelta(days=30)).isoformat()
    assert Proposal.objects.get(pk=created["id"]).hide_name is True


def test_submit_with_bad_input_answers_400_per_field_and_saves_nothing(world: World) -> None:
    problem = Api(world.proposer).post(
        "/proposals",
        {"title": "", "description": "Kort", "unit_ids": [], "needs_money": True},
        expect=400,
    )

    assert set(problem["errors"]) == {"title", "description", "unit_ids", "cost_estimate"}
    assert "Choose the unit or units" in problem["errors"]["unit_ids"][0]
    assert "Give the proposal a title." in problem["detail"]
    assert not Proposal.objects.exists()


def test_submit_refuses_a_unit_of_another_municipality(world: World) -> None:
    foreign = make_world().school
    problem = Api(world.proposer).post(
        "/proposals", proposal_body(world, unit_ids=[foreign.pk]), expect=400
    )
    assert "does not exist in this municipality" in problem["errors"]["unit_ids"][0]


def test_the_api_needs_a_login() -> None:
    assert Client().get("/api/v1/proposals").status_code == 401
    assert (
        Client().post("/api/v1/proposals", {}, content_type="application/json").status_code == 401
    )


# --- Listing --------------------------------------------------------------------------------


def ids(page: dict[str, Any]) -> set[int]:
    return {item["id"] for item in page["items"]}


def test_list_items_carry_what_a_list_needs(world: World) -> None:
    proposal = submit(world, unit_ids=[world.school.pk, world.kindergarten.pk])
    page = Api(world.employee).get("/proposals")

    assert page["count"] == 1
    assert page["count_capped"] is False
    item = page["items"][0]
    assert item == {
        "id": proposal.pk,
        "title": "Felles lunsjrom for lærerne",
        "status": "SUBMITTED",
        "status_label": "Submitted",
        "body": {"id": world.coordination.pk, "name": "Koordineringsgruppa"},
        "units": [
            {"id": world.school.pk, "name": "Bakken skole"},
            {"id": world.kindergarten.pk, "name": "Solsida barnehage"},
        ],
        "source": "EMPLOYEE",
        "due_on": proposal.due_on.isoformat(),
        "overdue": False,
        "answer": None,
        "support_count": 0,
        "proposer": "Petra Forslagsstiller",
        "created_at": item["created_at"],
    }


def test_list_filters(world: World) -> None:
    school = submit(world)
    both = submit(world, unit_ids=[world.school.pk, world.kindergarten.pk])
    kindergarten = submit(world, unit_ids=[world.kindergarten.pk], title="Sandkasse til barnehagen")
    mine = submit(world, actor=world.employee, title="Ny kaffemaskin på personalrommet")
    citizen = services.proposal_submit(
        actor=None,
        municipality=world.municipality,
        title="Benk ved bussholdeplassen",
        description="Eldre trenger et sted å sitte mens de venter på bussen.",
    )
    services.proposal_take_up(actor=world.chair, proposal=school)
    Proposal.objects.filter(pk=kindergarten.pk).update(due_on=today() - datetime.timedelta(days=1))
    api = Api(world.employee)

    assert ids(api.get("/proposals", status="UNDER_CONSIDERATION")) == {school.pk}
    # the kindergarten has no LMU of its own
    assert ids(api.get("/proposals", body=world.coordination.pk)) == {
        both.pk,
        kindergarten.pk,
        citizen.pk,
    }
    assert ids(api.get("/proposals", body=world.lmu.pk)) == {school.pk, mine.pk}
    assert ids(api.get("/proposals", unit=world.kindergarten.pk)) == {both.pk, kindergarten.pk}
    assert ids(api.get("/proposals", overdue=True)) == {kindergarten.pk}
    assert ids(api.get("/proposals", source="CITIZEN")) == {citizen.pk}
    assert ids(api.get("/proposals", mine=True)) == {mine.pk}
    assert ids(api.get("/proposals", q="bussholdeplassen")) == {citizen.pk}
    assert ids(api.get("/proposals", q="kaffemask")) == {mine.pk}  # prefixes match
    assert api.get("/proposals", overdue=True)["items"][0]["overdue"] is True
    api.get("/proposals", 422, status="NOT_A_STATUS")


def test_list_pages_newest_first(world: World) -> None:
    made = [submit(world).pk for _ in range(5)]
    api = Api(world.employee)
    first = api.get("/proposals", limit=2)
    second = api.get("/proposals", limit=2, offset=2)
    assert first["count"] == 5
    assert [i["id"] for i in first["items"]] == made[::-1][:2]
    assert [i["id"] for i in second["items"]] == made[::-1][2:4]


def test_a_broad_search_counts_only_up_to_the_cap(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(proposals_api.reading, "SEARCH_COUNT_CAP", 2)
    for _ in range(4):
        submit(world)
    api = Api(world.employee)
    searched = api.get("/proposals", q="lunsjrom")
    assert (searched["count"], searched["count_capped"]) == (2, True)
    assert len(searched["items"]) == 4  # the page itself is not cut
    assert api.get("/proposals")["count"] == 4  # without a search, the exact count


def test_list_shows_only_the_callers_municipality(world: World) -> None:
    submit(world)
    assert Api(world.stranger).get("/proposals")["count"] == 0


def test_list_query_count_does_not_grow_with_the_number_of_proposals(world: World) -> None:
    api = Api(world.chair)

    def add(n: int) -> None:
        for number in range(n):
            if number % 3 == 0:
                services.proposal_submit(
                    actor=None,
                    municipality=world.municipality,
                    title="Lys i lysløypa",
                    description="Lysløypa er mørk etter klokka ti om kvelden.",
                    proposer_name="Ingrid Innbygger",
                    hide_name=True,
                )
            else:
                submit(
                    world,
                    hide_name=number % 2 == 0,
                    unit_ids=[world.school.pk, world.kindergarten.pk],
                )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = api.get("/proposals", limit=100)
        assert len(page["items"]) == Proposal.objects.count()
        return len(captured.captured_queries)

    add(5)
    api.get("/proposals")  # the first request also records the token's use
    few = queries()
    add(45)
    assert queries() == few


# --- Detail ---------------------------------------------------------------------------------


def test_detail_has_the_full_history_and_what_blocks_a_decision(world: World) -> None:
    proposal = taken_up(world)
    detail = Api(world.chair).get(f"/proposals/{proposal.pk}")

    assert detail["description"].startswith("Lærerne spiser")
    assert [e["kind"] for e in detail["events"]] == ["SUBMITTED", "ROUTED", "TAKEN_UP"]
    taken = detail["events"][2]
    assert taken["actor"] == "Cecilie Leder"
    assert (taken["from_status"], taken["to_status"]) == ("SUBMITTED", "UNDER_CONSIDERATION")
    assert taken["body"] == {"id": world.lmu.pk, "name": "LMU Bakken skole"}
    assert detail["events"][1]["reason"]  # routing says why
    assert detail["blockers"] == [
        {
            "code": Blocker.CONSENSUS_PENDING,
            "message": "Every voting member present must record a position before the body "
            "decides.",
        }
    ]
    assert detail["consensus"]["state"] == ConsensusState.PENDING
    assert set(detail["consensus"]["missing"]) == {seat.pk for seat in world.seats}
    assert detail["version"] == 2
    assert detail["proposer_email"] == "petra@kommune.invalid"  # the handling body sees it


def test_detail_of_another_municipalitys_or_an_unknown_proposal_is_404(world: World) -> None:
    proposal = submit(world)
    Api(world.stranger).get(f"/proposals/{proposal.pk}", 404)
    Api(world.employee).get(f"/proposals/{proposal.pk + 1000}", 404)


def test_attachments_are_listed_with_a_download_link(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    proposal = services.proposal_submit(
        actor=world.proposer,
        municipality=world.municipality,
        files=[SimpleUploadedFile("plan.pdf", pdf, content_type="application/pdf")],
        **proposal_body(world),
    )
    attachment = Api(world.employee).get(f"/proposals/{proposal.pk}")["attachments"][0]
    assert (attachment["name"], attachment["size"]) == ("plan.pdf", len(pdf))
    assert attachment["content_type"] == "application/pdf"
    assert attachment["url"].endswith(f"/forslag/vedlegg/{attachment['id']}/")


# --- Hidden names and contact details -------------------------------------------------------


def test_a_hidden_name_is_withheld_from_others_but_shown_to_the_handling_body(
    world: World,
) -> None:
    proposal = submit(world, hide_name=True)
    services.proposal_withdraw(actor=world.proposer, proposal=proposal)

    other = Api(world.employee)
    listed = other.get("/proposals")
    assert listed["items"][0]["proposer"] == "Name withheld"
    detail = other.get(f"/proposals/{proposal.pk}")
    assert detail["proposer"] == "Name withheld"
    assert {e["actor"] for e in detail["events"]} == {"Name withheld"}
    assert detail["proposer_email"] is None
    for response_text in (
        other.last.content.decode(),
        other.client.get("/api/v1/proposals").content.decode(),
    ):
        assert "Forslagsstiller" not in response_text
        assert "petra@" not in response_text

    for handler in (world.chair, world.member, world.secretary):
        seen = Api(handler).get(f"/proposals/{proposal.pk}")
        assert seen["proposer"] == "Petra Forslagsstiller"
        assert Api(handler).get("/proposals")["items"][0]["proposer"] == "Petra Forslagsstiller"
    assert Api(world.proposer).get(f"/proposals/{proposal.pk}")["proposer_email"]


def test_a_citizens_email_reaches_only_the_handling_body(world: World) -> None:
    proposal = services.proposal_submit(
        actor=None,
        municipality=world.municipality,
        title="Benk ved bussholdeplassen",
        description="Eldre trenger et sted å sitte mens de venter på bussen.",
        proposer_name="Ingrid Innbygger",
        proposer_email="ingrid@example.invalid",
    )
    assert proposal.body == world.coordination

    assert (
        Api(world.coordinator).get(f"/proposals/{proposal.pk}")["proposer_email"]
        == "ingrid@example.invalid"
    )
    for outsider in (world.chair, world.employee, world.admin):
        api = Api(outsider)
        assert api.get(f"/proposals/{proposal.pk}")["proposer_email"] is None
        assert "ingrid@" not in api.last.content.decode()


# --- The OpenAPI document -------------------------------------------------------------------


def test_openapi_documents_every_proposal_endpoint_and_field() -> None:
    document = Client().get("/api/v1/openapi.json").json()
    paths = document["paths"]
    assert paths["/api/v1/proposals"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]["$ref"].endswith("/ProposalPage")
    for action in ("take-up", "escalate", "positions", "answer", "merge", "support"):
        assert f"/api/v1/proposals/{{proposal_id}}/{action}" in paths
    assert "security" not in paths["/api/v1/public/proposals"]["post"]
    own = {name for name in dir(schemas) if isinstance(getattr(schemas, name), type)}
    for name, component in document["components"]["schemas"].items():
        if name not in own:
            continue
        for field, spec in component.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"


@pytest.mark.parametrize(
    ("literal", "choices"),
    [
        (schemas.ProposalStatus, Status),
        (schemas.ProposalSource, Source),
        (schemas.AnswerKindName, AnswerKind),
        (schemas.DecisionMakerName, DecisionMaker),
        (schemas.EventKindName, Event.Kind),
        (schemas.StanceName, Position.Stance),
        (schemas.BlockerCode, Blocker),
        (schemas.ConsensusStateName, ConsensusState),
    ],
)
def test_schema_choices_match_the_models(literal: Any, choices: Any) -> None:
    assert list(get_args(literal)) == [str(value) for value in choices]
