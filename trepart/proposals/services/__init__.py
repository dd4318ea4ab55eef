"""Writes to proposals. Each service checks the state machine and the method's rules,
records the step in the proposal's history and the audit trail, and tells the proposer.

Every action states the version of the proposal it was shown; if someone else moved the
proposal in between, the action is refused (``trepart.audit.writes.ConcurrentEditError``)
instead of acting on a state the user never saw.

The services live in topic modules (``submission``, ``consensus``, ``handling``,
``deciding``, with what they share in ``_common``); callers use them from here. Routing a
new proposal and editing the routing table are in ``trepart.proposals.routing``.
"""

from trepart.proposals.rules import IllegalTransition
from trepart.proposals.services._common import TOLD_WITHOUT_STATUS_CHANGE
from trepart.proposals.services.consensus import (
    attendance_set,
    consensus_of,
    current_positions,
    disagreement_record,
    disagreement_recorded,
    position_record,
    present_voting_ids,
    voting_seats,
)
from trepart.proposals.services.deciding import (
    blockers,
    has_service_user_member,
    proposal_answer,
    proposal_decide,
    proposal_recommend,
)
from trepart.proposals.services.handling import (
    escalation_target,
    proposal_advise,
    proposal_escalate,
    proposal_mark_done,
    proposal_merge,
    proposal_take_up,
    proposal_waive_service_user,
)
from trepart.proposals.services.submission import (
    DESCRIPTION_MIN,
    TITLE_MAX,
    proposal_submit,
    proposal_support,
    proposal_withdraw,
)

__all__ = [
    "DESCRIPTION_MIN",
    "TITLE_MAX",
    "TOLD_WITHOUT_STATUS_CHANGE",
    "IllegalTransition",
    "attendance_set",
    "blockers",
    "consensus_of",
    "current_positions",
    "disagreement_record",
    "disagreement_recorded",
    "escalation_target",
    "has_service_user_member",
    "position_record",
    "present_voting_ids",
    "proposal_advise",
    "proposal_answer",
    "proposal_decide",
    "proposal_escalate",
    "proposal_mark_done",
    "proposal_merge",
    "proposal_recommend",
    "proposal_submit",
    "proposal_support",
    "proposal_take_up",
    "proposal_waive_service_user",
    "proposal_withdraw",
    "voting_seats",
]
