"""The proposal method on plain values: state machine, consensus, blockers, reasons."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trepart.proposals import rules
from trepart.proposals.models import AnswerKind, Position, Status
from trepart.proposals.rules import Action, IllegalTransition

# --- The state machine -------------------------------------------------------------------

ANSWERS = [*AnswerKind.values, ""]


@given(
    steps=st.lists(st.tuples(st.sampled_from(list(Action)), st.sampled_from(ANSWERS)), max_size=25)
)
@settings(max_examples=300, deadline=None)
def test_state_machine_properties(steps: list[tuple[Action, str]]) -> None:
    """Whatever sequence of steps is tried, the machine only ever makes allowed moves."""
    status, answer = Status.SUBMITTED.value, ""
    for action, chosen in steps:
        before = status
        try:
            status = rules.next_status(status, action, answer=chosen, current_answer=answer)
        except IllegalTransition as error:
            assert error.messages  # a message a person can read
            assert status == before
            continue
        assert Status(before) in rules.ALLOWED_FROM[action]
        if action in (Action.ANSWER, Action.DECIDE):
            answer = chosen
            assert chosen in AnswerKind.values
            expected = (
                Status.FURTHER_EVALUATION
                if chosen == AnswerKind.FURTHER_EVALUATION
                else Status.ANSWERED
            )
            assert status == expected
        # Closed proposals stay closed; only an implemented answer can become done.
        if before in (Status.WITHDRAWN, Status.MERGED, Status.DONE):
            raise AssertionError(f"{action} moved a closed proposal")
        if status == Status.DONE:
            assert before == Status.ANSWERED and answer == AnswerKind.IMPLEMENTED
        if status == Status.ANSWERED:
            assert answer in (AnswerKind.IMPLEMENTED, AnswerKind.REJECTED)


def test_every_closed_status_refuses_every_action() -> None:
    for status in (Status.WITHDRAWN, Status.MERGED, Status.DONE):
        for action in Action:
            with pytest.raises(IllegalTransition):
                rules.next_status(status, action, answer=AnswerKind.IMPLEMENTED)


def test_answered_only_allows_marking_done_when_implemented() -> None:
    for action in Action:
        if action == Action.MARK_DONE:
            continue
        with pytest.raises(IllegalTransition):
            rules.next_status(Status.ANSWERED, action, answer=AnswerKind.IMPLEMENTED)
    assert (
        rules.next_status(Status.ANSWERED, Action.MARK_DONE, current_answer="IMPLEMENTED")
        == Status.DONE
    )
    with pytest.raises(IllegalTransition, match="implemented"):
        rules.next_status(Status.ANSWERED, Action.MARK_DONE, current_answer="REJECTED")


def test_the_main_path() -> None:
    status = rules.next_status(Status.SUBMITTED, Action.TAKE_UP)
    assert status == Status.UNDER_CONSIDERATION
    status = rules.next_status(status, Action.RECOMMEND)
    assert status == Status.RECOMMENDED
    with pytest.raises(IllegalTransition):
        rules.next_status(status, Action.ANSWER, answer="IMPLEMENTED")
    status = rules.next_status(status, Action.DECIDE, answer="FURTHER_EVALUATION")
    assert status == Status.FURTHER_EVALUATION
    status = rules.next_status(status, Action.ANSWER, answer="IMPLEMENTED")
    assert status == Status.ANSWERED


def test_escalation_and_taking_up_again() -> None:
    status = rules.next_status(Status.UNDER_CONSIDERATION, Action.ESCALATE)
    assert status == Status.ESCALATED
    assert rules.next_status(status, Action.TAKE_UP) == Status.UNDER_CONSIDERATION
    with pytest.raises(IllegalTransition, match="cannot answer it"):
        rules.next_status(status, Action.ANSWER, answer="REJECTED")


def test_an_answer_must_be_chosen() -> None:
    with pytest.raises(IllegalTransition, match="Choose an answer"):
        rules.next_status(Status.UNDER_CONSIDERATION, Action.ANSWER, answer="MAYBE")


# --- Consensus ---------------------------------------------------------------------------

AGREE, LIVE, OBJECT = (Position.Stance.AGREE, Position.Stance.LIVE_WITH, Position.Stance.OBJECT)


def test_consensus_needs_everyone_present_and_no_objection() -> None:
    assert rules.consensus({1, 2, 3}, {1: AGREE, 2: LIVE, 3: AGREE}).reached
    pending = rules.consensus({1, 2, 3}, {1: AGREE, 2: LIVE})
    assert pending.state == rules.ConsensusState.PENDING
    assert pending.missing == {3}
    blocked = rules.consensus({1, 2, 3}, {1: AGREE, 2: OBJECT, 3: AGREE})
    assert blocked.state == rules.ConsensusState.BLOCKED
    assert blocked.objections == {2}


def test_absent_members_do_not_count_either_way() -> None:
    assert rules.consensus({1, 2}, {1: AGREE, 2: AGREE, 3: OBJECT}).reached


def test_nobody_present_is_no_consensus() -> None:
    assert rules.consensus(set(), {}).state == rules.ConsensusState.PENDING


@given(
    present=st.sets(st.integers(1, 8), max_size=8),
    stances=st.dictionaries(st.integers(1, 8), st.sampled_from([AGREE, LIVE, OBJECT])),
)
def test_consensus_property(present: set[int], stances: dict[int, str]) -> None:
    result = rules.consensus(present, stances)
    relevant = {m: s for m, s in stances.items() if m in present}
    reached = bool(present) and set(relevant) == present and OBJECT not in relevant.values()
    assert result.reached is reached
    assert result.objections == {m for m, s in relevant.items() if s == OBJECT}


# --- What blocks a decision --------------------------------------------------------------


def blockers(**overrides: object) -> list[rules.Blocker]:
    base: dict[str, object] = {
        "needs_recommendation": False,
        "recommendation_recorded": False,
        "requires_service_user": False,
        "has_service_user_member": False,
        "waived": False,
        "uses_consensus": False,
        "consensus_result": None,
        "disagreement_recorded": False,
    }
    base.update(overrides)
    return rules.decision_blockers(**base)  # type: ignore[arg-type]


def test_blockers() -> None:
    assert blockers() == []
    assert blockers(needs_recommendation=True) == [rules.Blocker.RECOMMENDATION]
    assert blockers(needs_recommendation=True, recommendation_recorded=True) == []
    assert blockers(requires_service_user=True) == [rules.Blocker.SERVICE_USER]
    assert blockers(requires_service_user=True, has_service_user_member=True) == []
    assert blockers(requires_service_user=True, waived=True) == []
    assert blockers(uses_consensus=True) == [rules.Blocker.CONSENSUS_PENDING]
    objection = rules.consensus({1, 2}, {1: AGREE, 2: OBJECT})
    assert blockers(uses_consensus=True, consensus_result=objection) == [
        rules.Blocker.CONSENSUS_BLOCKED
    ]
    assert (
        blockers(uses_consensus=True, consensus_result=objection, disagreement_recorded=True) == []
    )
    reached = rules.consensus({1}, {1: LIVE})
    assert blockers(uses_consensus=True, consensus_result=reached) == []


# --- Reasons, digests, medians -----------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "Nei.", "Avslått", "Ikke nå takk"])
def test_one_word_answers_are_refused(text: str) -> None:
    assert rules.reason_problem(text)


def test_a_real_reason_passes() -> None:
    assert rules.reason_problem("Budsjettet for 2027 har ikke rom for dette tiltaket.") is None


def test_median() -> None:
    assert rules.median([]) is None
    assert rules.median([5]) == 5
    assert rules.median([9, 1, 5]) == 5
    assert rules.median([1, 2, 3, 10]) == 2.5
