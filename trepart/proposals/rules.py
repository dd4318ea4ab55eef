"""The proposal method as pure functions: the state machine, consensus, what blocks a decision,
answers' reasons and figures. Routing has its own package (``trepart.proposals.routing``).

Nothing here touches the database, so every rule can be tested on its own, exhaustively.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from trepart.proposals.models import AnswerKind, Position, Status

# ---------------------------------------------------------------------------------------
# The state machine


class Action(StrEnum):
    TAKE_UP = "TAKE_UP"
    ESCALATE = "ESCALATE"
    ADVISE = "ADVISE"
    WAIVE = "WAIVE"
    POSITION = "POSITION"
    DISAGREE = "DISAGREE"
    RECOMMEND = "RECOMMEND"
    DECIDE = "DECIDE"
    ANSWER = "ANSWER"
    MARK_DONE = "MARK_DONE"
    WITHDRAW = "WITHDRAW"
    MERGE = "MERGE"
    SUPPORT = "SUPPORT"


OPEN = frozenset(
    {
        Status.SUBMITTED,
        Status.UNDER_CONSIDERATION,
        Status.ESCALATED,
        Status.RECOMMENDED,
        Status.FURTHER_EVALUATION,
    }
)
CONSIDERING = frozenset({Status.UNDER_CONSIDERATION, Status.FURTHER_EVALUATION})

# Where each action may start from. ``None`` as a target means "stays where it is";
# ANSWER and DECIDE go where the answer says (see ``next_status``).
ALLOWED_FROM: dict[Action, frozenset[Status]] = {
    Action.TAKE_UP: frozenset({Status.SUBMITTED, Status.ESCALATED}),
    Action.ESCALATE: OPEN - {Status.RECOMMENDED},
    Action.ADVISE: OPEN - {Status.RECOMMENDED},
    Action.WAIVE: OPEN - {Status.RECOMMENDED},
    Action.POSITION: CONSIDERING,
    Action.DISAGREE: CONSIDERING,
    Action.RECOMMEND: CONSIDERING,
    Action.DECIDE: frozenset({Status.RECOMMENDED}),
    Action.ANSWER: CONSIDERING,
    Action.MARK_DONE: frozenset({Status.ANSWERED}),
    Action.WITHDRAW: OPEN,
    Action.MERGE: OPEN,
    Action.SUPPORT: OPEN,
}
FIXED_TARGET: dict[Action, Status | None] = {
    Action.TAKE_UP: Status.UNDER_CONSIDERATION,
    Action.ESCALATE: Status.ESCALATED,
    Action.ADVISE: None,
    Action.WAIVE: None,
    Action.POSITION: None,
    Action.DISAGREE: None,
    Action.RECOMMEND: Status.RECOMMENDED,
    Action.MARK_DONE: Status.DONE,
    Action.WITHDRAW: Status.WITHDRAWN,
    Action.MERGE: Status.MERGED,
    Action.SUPPORT: None,
}

ACTION_NAMES = {
    Action.TAKE_UP: _("take it up"),
    Action.ESCALATE: _("escalate it"),
    Action.ADVISE: _("record a recommendation"),
    Action.WAIVE: _("waive the service-user requirement"),
    Action.POSITION: _("record a position"),
    Action.DISAGREE: _("record a disagreement"),
    Action.RECOMMEND: _("recommend it to the decision maker"),
    Action.DECIDE: _("record the formal decision"),
    Action.ANSWER: _("answer it"),
    Action.MARK_DONE: _("mark it as done"),
    Action.WITHDRAW: _("withdraw it"),
    Action.MERGE: _("merge it"),
    Action.SUPPORT: _("support it"),
}


class IllegalTransition(ValidationError):
    """A step the proposal's state does not allow; its message says why, in the user's language."""

    def __init__(self, status: str, action: Action, message: str = "") -> None:
        if not message:
            message = str(
                _("A proposal that is “%(status)s” cannot %(action)s.")
                % {"status": Status(status).label, "action": ACTION_NAMES[action]}
            )
        super().__init__(message, code="illegal_transition")
        self.status = status
        self.action = action


def next_status(status: str, action: Action, *, answer: str = "", current_answer: str = "") -> str:
    """The status after ``action``, or ``IllegalTransition`` if it may not happen now."""
    if Status(status) not in ALLOWED_FROM[action]:
        raise IllegalTransition(status, action)
    if action in (Action.ANSWER, Action.DECIDE):
        if answer not in AnswerKind.values:
            raise IllegalTransition(status, action, str(_("Choose an answer.")))
        if answer == AnswerKind.FURTHER_EVALUATION:
            return Status.FURTHER_EVALUATION
        return Status.ANSWERED
    if action == Action.MARK_DONE and current_answer != AnswerKind.IMPLEMENTED:
        raise IllegalTransition(
            status, action, str(_("Only a proposal answered “implemented” can be marked done."))
        )
    target = FIXED_TARGET[action]
    return status if target is None else target


# ---------------------------------------------------------------------------------------
# Consensus


class ConsensusState(StrEnum):
    REACHED = "REACHED"
    PENDING = "PENDING"
    BLOCKED = "BLOCKED"


@dataclass(frozen=True)
class Consensus:
    state: ConsensusState
    missing: frozenset[int] = field(default_factory=frozenset)
    objections: frozenset[int] = field(default_factory=frozenset)

    @property
    def reached(self) -> bool:
        return self.state == ConsensusState.REACHED


def consensus(present_voting: Iterable[int], positions: Mapping[int, str]) -> Consensus:
    """Every voting member present has a position and none objects.

    ``positions`` maps a seat (membership id) to its latest stance in this round; stances
    of members who are absent or not voting do not count either way.
    """
    present = frozenset(present_voting)
    missing = frozenset(m for m in present if m not in positions)
    objections = frozenset(m for m in present if positions.get(m) == Position.Stance.OBJECT)
    if objections:
        return Consensus(ConsensusState.BLOCKED, missing, objections)
    if missing or not present:
        return Consensus(ConsensusState.PENDING, missing, objections)
    return Consensus(ConsensusState.REACHED)


# ---------------------------------------------------------------------------------------
# What must be in place before a body decides


class Blocker(StrEnum):
    RECOMMENDATION = "RECOMMENDATION"
    SERVICE_USER = "SERVICE_USER"
    CONSENSUS_PENDING = "CONSENSUS_PENDING"
    CONSENSUS_BLOCKED = "CONSENSUS_BLOCKED"


BLOCKER_MESSAGES = {
    Blocker.RECOMMENDATION: _(
        "The coordination group's recommendation must be recorded before this body decides."
    ),
    Blocker.SERVICE_USER: _(
        "Service users are affected: the body needs a service-user member before it decides, "
        "unless the coordination group waives this with a reason."
    ),
    Blocker.CONSENSUS_PENDING: _(
        "Every voting member present must record a position before the body decides."
    ),
    Blocker.CONSENSUS_BLOCKED: _(
        "A member objects. Escalate the proposal or record the disagreement with each party's view."
    ),
}


def decision_blockers(
    *,
    needs_recommendation: bool,
    recommendation_recorded: bool,
    requires_service_user: bool,
    has_service_user_member: bool,
    waived: bool,
    uses_consensus: bool,
    consensus_result: Consensus | None,
    disagreement_recorded: bool,
) -> list[Blocker]:
    blockers: list[Blocker] = []
    if needs_recommendation and not recommendation_recorded:
        blockers.append(Blocker.RECOMMENDATION)
    if requires_service_user and not has_service_user_member and not waived:
        blockers.append(Blocker.SERVICE_USER)
    if uses_consensus and not disagreement_recorded:
        result = consensus_result or Consensus(ConsensusState.PENDING)
        if result.state == ConsensusState.BLOCKED:
            blockers.append(Blocker.CONSENSUS_BLOCKED)
        elif result.state == ConsensusState.PENDING:
            blockers.append(Blocker.CONSENSUS_PENDING)
    return blockers


# ---------------------------------------------------------------------------------------
# Reasons

MIN_REASON_WORDS = 4
MIN_REASON_CHARS = 20
_WORD = re.compile(r"\w+", re.UNICODE)


def reason_problem(text: str) -> str | None:
    """Why a written reason is not good enough, or ``None`` if it is."""
    words = _WORD.findall(text or "")
    if not words:
        return str(_("Write the reason for the answer."))
    if len(words) < MIN_REASON_WORDS or len(text.strip()) < MIN_REASON_CHARS:
        return str(
            _(
                "Give the proposer a real reason: at least %(words)d words. "
                "A one-word answer is not an answer."
            )
            % {"words": MIN_REASON_WORDS}
        )
    return None


# ---------------------------------------------------------------------------------------
# Figures


def median(values: Sequence[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2
