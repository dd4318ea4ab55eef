"""The proposals API's actions for employees: permission on the object per role, versions
and the rules' refusals, and whole flows from submission to an answer."""

from __future__ import annotations

import datetime

import pytest

from trepart.organisation.selectors import today
from trepart.proposals import services
from trepart.proposals.models import (
    Position,
    Status,
)
from trepart.proposals.tests.api_world import (
    REASON,
    Api,
    World,
    agree_all,
    make_world,
    submit,
    taken_up,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


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
