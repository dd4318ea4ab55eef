"""The proposals API for employees: submit, list, detail, every action, permission on the
object per role, hidden names and contact details, versions and the rules' refusals."""

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
from trepart.proposals.tests.api_world import REASON, Api, World, make_world, proposal_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def submit(world: World, actor: Any = None, **changes: Any) -> Proposal:
    values = proposal_body(world, **changes)
    return services.proposal_submit(
        actor=actor or world.proposer, municipality=world.municipality, **values
    )


def taken_up(world: World, **changes: Any) -> Proposal:
    proposal = submit(world, **changes)
    return services.proposal_take_up(actor=world.chair, proposal=proposal)


def agree_all(world: World, proposal: Proposal) -> None:
    for seat in world.seats:
        services.position_record(
            actor=world.chair, proposal=proposal, membership=seat, stance="AGREE"
        )


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


# --- Permission on the object, per role -----------------------------------------------------


ROLES = ["chair", "secretary", "member", "employee", "admin", "stranger"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("chair", 200),
        ("secretary", 200),
        ("member", 403),
        ("employee", 403),
        ("admin", 200),
        ("stranger", 404),
    ],
)
def test_taking_up_is_for_the_handling_bodys_chair_secretary_and_administrators(
    world: World, role: str, expected: int
) -> None:
    proposal = submit(world)
    Api(getattr(world, role)).post(
        f"/proposals/{proposal.pk}/take-up", {"version": proposal.version}, expect=expected
    )
    proposal.refresh_from_db()
    moved = Status.UNDER_CONSIDERATION if expected == 200 else Status.SUBMITTED
    assert proposal.status == moved


@pytest.mark.parametrize(
    ("role", "expected"),
    [("chair", 200), ("member", 200), ("employee", 403), ("stranger", 404)],
)
def test_a_member_records_their_own_position_and_the_chair_may_record_it(
    world: World, role: str, expected: int
) -> None:
    proposal = taken_up(world)
    Api(getattr(world, role)).post(
        f"/proposals/{proposal.pk}/positions",
        {"version": proposal.version, "membership": world.member_seat.pk, "stance": "AGREE"},
        expect=expected,
    )
    assert Position.objects.filter(proposal=proposal).count() == (1 if expected == 200 else 0)


@pytest.mark.parametrize(
    ("role", "expected"),
    [("proposer", 200), ("chair", 403), ("admin", 403), ("stranger", 404)],
)
def test_only_the_proposer_withdraws(world: World, role: str, expected: int) -> None:
    proposal = submit(world)
    Api(getattr(world, role)).post(
        f"/proposals/{proposal.pk}/withdraw", {"version": 1}, expect=expected
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [("coordinator", 200), ("chair", 403), ("member", 403), ("admin", 200)],
)
def test_the_recommendation_is_recorded_by_the_body_it_waits_for(
    world: World, role: str, expected: int
) -> None:
    proposal = submit(world, needs_money=True, cost_estimate=40_000)
    assert (proposal.body, proposal.recommendation_body) == (world.tripartite, world.coordination)
    detail = Api(getattr(world, role)).post(
        f"/proposals/{proposal.pk}/advice",
        {"version": proposal.version, "text": REASON},
        expect=expected,
    )
    if expected == 200:
        assert detail["recommendation_recorded"] is True
        assert detail["events"][-1]["kind"] == "ADVICE"


def test_only_the_coordination_group_waives_the_service_user_requirement(world: World) -> None:
    proposal = submit(world, service_users_affected=True)
    assert proposal.requires_service_user
    body = {"version": proposal.version, "reason": REASON}
    Api(world.chair).post(f"/proposals/{proposal.pk}/waiver", body, expect=403)
    detail = Api(world.coordinator).post(f"/proposals/{proposal.pk}/waiver", body)
    assert detail["service_user_waiver"] == REASON


# --- The rules' refusals ------------------------------------------------------------------


def test_a_stale_version_is_refused_with_409(world: World) -> None:
    proposal = submit(world)
    api = Api(world.chair)
    api.post(f"/proposals/{proposal.pk}/take-up", {"version": 1})
    conflict = api.post(
        f"/proposals/{proposal.pk}/escalate", {"version": 1, "reason": REASON}, expect=409
    )
    assert "Someone else saved this" in conflict["detail"]
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_CONSIDERATION


def test_an_illegal_transition_is_refused_with_a_clear_400(world: World) -> None:
    proposal = submit(world)
    problem = Api(world.chair).post(
        f"/proposals/{proposal.pk}/answer",
        {"version": 1, "kind": "REJECTED", "reason": REASON},
        expect=400,
    )
    assert problem["detail"] == "A proposal that is “Submitted” cannot answer it."
    assert problem["errors"] == {"__all__": [problem["detail"]]}


def test_a_one_word_answer_is_refused(world: World) -> None:
    proposal = taken_up(world)
    agree_all(world, proposal)
    proposal.refresh_from_db()
    problem = Api(world.chair).post(
        f"/proposals/{proposal.pk}/answer",
        {"version": proposal.version, "kind": "REJECTED", "reason": "Nei."},
        expect=400,
    )
    assert "A one-word answer is not an answer." in problem["errors"]["reason"][0]
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_CONSIDERATION


def test_an_answer_blocked_by_missing_positions_says_what_is_missing(world: World) -> None:
    proposal = taken_up(world)
    problem = Api(world.chair).post(
        f"/proposals/{proposal.pk}/answer",
        {"version": proposal.version, "kind": "IMPLEMENTED", "reason": REASON},
        expect=400,
    )
    assert "Every voting member present must record a position" in problem["detail"]


def test_a_malformed_body_is_rejected_before_the_rules(world: World) -> None:
    proposal = taken_up(world)
    api = Api(world.chair)
    api.post(f"/proposals/{proposal.pk}/answer", {"kind": "MAYBE", "reason": REASON}, expect=422)


def test_escalation_to_a_body_of_another_municipality_is_a_field_error(world: World) -> None:
    proposal = submit(world)
    foreign = make_world().coordination
    problem = Api(world.chair).post(
        f"/proposals/{proposal.pk}/escalate",
        {"version": 1, "reason": REASON, "to_body": foreign.pk},
        expect=400,
    )
    assert list(problem["errors"]) == ["to_body"]


# --- Whole flows ----------------------------------------------------------------------------


def test_an_lmu_reaches_consensus_answers_and_marks_it_done(world: World) -> None:
    proposal = submit(world)
    api = Api(world.chair)
    detail = api.post(f"/proposals/{proposal.pk}/take-up", {"version": 1})
    absent = world.seats[2]
    present = [seat.pk for seat in world.seats if seat != absent]
    detail = api.post(
        f"/proposals/{proposal.pk}/attendance",
        {"version": detail["version"], "present": present},
    )
    assert set(detail["consensus"]["missing"]) == set(present)
    detail = Api(world.member).post(
        f"/proposals/{proposal.pk}/positions",
        {"version": detail["version"], "membership": world.member_seat.pk, "stance": "LIVE_WITH"},
    )
    detail = api.post(
        f"/proposals/{proposal.pk}/positions",
        {"version": detail["version"], "membership": world.seats[0].pk, "stance": "AGREE"},
    )
    assert detail["consensus"]["state"] == "REACHED"
    assert detail["blockers"] == []
    assert [p["person"] for p in detail["positions"]] == ["Mona Medlem", "Cecilie Leder"]
    assert detail["positions"][0]["stance"] == "LIVE_WITH"

    detail = api.post(
        f"/proposals/{proposal.pk}/answer",
        {"version": detail["version"], "kind": "IMPLEMENTED", "reason": REASON},
    )
    assert (detail["status"], detail["answer"]) == ("ANSWERED", "IMPLEMENTED")
    assert detail["answers"][0]["reason"] == REASON
    assert detail["answers"][0]["body"]["id"] == world.lmu.pk
    assert detail["blockers"] == []
    detail = api.post(f"/proposals/{proposal.pk}/done", {"version": detail["version"]})
    assert detail["status"] == "DONE"
    assert detail["done_on"] == today().isoformat()


def test_an_objection_is_recorded_as_a_disagreement_before_an_answer(world: World) -> None:
    proposal = taken_up(world)
    for seat, stance in zip(world.seats, ["AGREE", "OBJECT", "AGREE"], strict=True):
        services.position_record(
            actor=world.chair,
            proposal=proposal,
            membership=seat,
            stance=stance,
            reason="Vi har ikke råd til dette i år." if stance == "OBJECT" else "",
        )
    proposal.refresh_from_db()
    api = Api(world.chair)
    detail = api.get(f"/proposals/{proposal.pk}")
    assert detail["consensus"]["state"] == "BLOCKED"
    assert detail["consensus"]["objections"] == [world.member_seat.pk]
    assert [b["code"] for b in detail["blockers"]] == ["CONSENSUS_BLOCKED"]

    problem = api.post(
        f"/proposals/{proposal.pk}/disagreement",
        {"version": detail["version"], "views": {"ADMINISTRATION": "Vi ønsker dette."}},
        expect=400,
    )
    assert list(problem["errors"]) == ["views.EMPLOYEE"]
    detail = api.post(
        f"/proposals/{proposal.pk}/disagreement",
        {
            "version": detail["version"],
            "views": {"ADMINISTRATION": "Vi ønsker dette.", "EMPLOYEE": "Vi er uenige."},
        },
    )
    assert detail["events"][-1]["kind"] == "DISAGREEMENT"
    assert detail["events"][-1]["data"]["views"]["EMPLOYEE"] == "Vi er uenige."
    detail = api.post(
        f"/proposals/{proposal.pk}/answer",
        {"version": detail["version"], "kind": "REJECTED", "reason": REASON},
    )
    assert detail["status"] == "ANSWERED"


def test_recommendation_to_the_council_and_its_decision(world: World) -> None:
    proposal = submit(world, unit_ids=[world.school.pk, world.kindergarten.pk])
    assert proposal.body == world.coordination
    api = Api(world.coordinator)
    detail = api.post(f"/proposals/{proposal.pk}/take-up", {"version": 1})
    detail = api.post(
        f"/proposals/{proposal.pk}/recommendation",
        {"version": detail["version"], "decision_maker": "COUNCIL", "text": REASON},
    )
    assert (detail["status"], detail["decision_maker"]) == ("RECOMMENDED", "COUNCIL")
    new_due = today() + datetime.timedelta(days=60)
    detail = api.post(
        f"/proposals/{proposal.pk}/decision",
        {
            "version": detail["version"],
            "kind": "FURTHER_EVALUATION",
            "reason": REASON,
            "new_due_on": new_due.isoformat(),
        },
    )
    assert detail["status"] == "FURTHER_EVALUATION"
    assert detail["due_on"] == new_due.isoformat()
    answer = detail["answers"][0]
    assert (answer["decision_maker"], answer["new_due_on"]) == ("COUNCIL", new_due.isoformat())


def test_escalation_moves_the_proposal_with_its_reason(world: World) -> None:
    proposal = submit(world)
    detail = Api(world.chair).post(
        f"/proposals/{proposal.pk}/escalate",
        {"version": 1, "reason": REASON, "to_body": world.tripartite.pk},
    )
    assert (detail["status"], detail["body"]["id"]) == ("ESCALATED", world.tripartite.pk)
    assert detail["events"][-1]["reason"] == REASON
    assert detail["events"][-1]["data"]["to_body"] == world.tripartite.pk
    # The LMU's chair no longer handles it.
    Api(world.chair).post(
        f"/proposals/{proposal.pk}/take-up", {"version": detail["version"]}, expect=403
    )


def test_merging_a_duplicate(world: World) -> None:
    original = submit(world)
    duplicate = submit(world)
    api = Api(world.chair)
    problem = api.post(
        f"/proposals/{duplicate.pk}/merge",
        {"version": 1, "into": submit_elsewhere(), "reason": REASON},
        expect=400,
    )
    assert list(problem["errors"]) == ["into"]
    detail = api.post(
        f"/proposals/{duplicate.pk}/merge", {"version": 1, "into": original.pk, "reason": REASON}
    )
    assert (detail["status"], detail["merged_into"]) == ("MERGED", original.pk)
    original.refresh_from_db()
    assert original.support_count == 1


def submit_elsewhere() -> int:
    other = make_world()
    return submit(other).pk


def test_support_once_and_not_ones_own(world: World) -> None:
    proposal = submit(world)
    api = Api(world.employee)
    assert api.post(f"/proposals/{proposal.pk}/support")["support_count"] == 1
    problem = api.post(f"/proposals/{proposal.pk}/support", expect=400)
    assert problem["detail"] == "You already support this proposal."
    Api(world.proposer).post(f"/proposals/{proposal.pk}/support", expect=403)
    Api(world.stranger).post(f"/proposals/{proposal.pk}/support", expect=404)


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
