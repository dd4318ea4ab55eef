"""The handling body's steps besides deciding: taking a proposal up, sending it on, the
recommendation and waiver it may wait for, done, and merging a duplicate (what blocks a
decision, the answer and the formal decision are in ``deciding``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.writes import versioned_edit
from trepart.organisation.models import Body
from trepart.organisation.selectors import today
from trepart.proposals import rules
from trepart.proposals.models import (
    Event,
    Proposal,
)
from trepart.proposals.routing.route import _first_of_kind
from trepart.proposals.rules import Action
from trepart.proposals.services._common import (
    _auditable,
    _event,
    _move,
    _require_reason,
)


@transaction.atomic
def proposal_take_up(*, actor: Any, proposal: Proposal, version: int | None = None) -> Proposal:
    """The handling body starts considering the proposal."""
    return _move(proposal, Action.TAKE_UP, actor=actor, version=version, event=Event.Kind.TAKEN_UP)


def escalation_target(proposal: Proposal) -> Body | None:
    """Where an escalation goes by default: the body above, else the coordination group,
    else the tripartite body."""
    body = proposal.body
    if body.parent_id is not None:
        return body.parent
    for kind in (Body.Kind.COORDINATION, Body.Kind.TRIPARTITE):
        candidate = _first_of_kind(proposal.municipality_id, kind)
        if candidate is not None and candidate.pk != body.pk:
            return candidate
    return None


@transaction.atomic
def proposal_escalate(
    *,
    actor: Any,
    proposal: Proposal,
    reason: str,
    to_body: Body | None = None,
    version: int | None = None,
) -> Proposal:
    """Send the proposal to another body, with a reason; its deadline starts again there."""
    reason = _require_reason(reason)
    target = to_body or escalation_target(proposal)
    if target is None or target.municipality_id != proposal.municipality_id:
        raise ValidationError({"to_body": [_("Choose the body the proposal goes to.")]})
    if target.pk == proposal.body_id:
        raise ValidationError({"to_body": [_("The proposal is already with that body.")]})
    day = today()
    recommendation_body = proposal.recommendation_body
    if recommendation_body is not None and recommendation_body.pk == target.pk:
        recommendation_body = None
    return _move(
        proposal,
        Action.ESCALATE,
        actor=actor,
        version=version,
        event=Event.Kind.ESCALATED,
        reason=reason,
        body=target,
        data={"from_body": proposal.body_id, "to_body": target.pk},
        changes={
            "body": target,
            "arrived_on": day,
            "due_on": day + datetime.timedelta(days=target.answer_deadline_days),
            "consensus_round": proposal.consensus_round + 1,
            "recommendation_body": recommendation_body,
        },
    )


@transaction.atomic
def proposal_advise(
    *, actor: Any, proposal: Proposal, text: str, version: int | None = None
) -> Proposal:
    """The coordination group's recommendation to the body that decides on money."""
    if proposal.recommendation_body_id is None:
        raise ValidationError(_("This proposal does not wait for a recommendation."))
    if proposal.recommendation_recorded:
        raise ValidationError(_("The recommendation has already been recorded."))
    text = _require_reason(text, "text")
    return _move(
        proposal,
        Action.ADVISE,
        actor=actor,
        version=version,
        event=Event.Kind.ADVICE,
        reason=text,
        body=proposal.recommendation_body,
        changes={"recommendation_recorded": True},
    )


@transaction.atomic
def proposal_waive_service_user(
    *, actor: Any, proposal: Proposal, reason: str, version: int | None = None
) -> Proposal:
    """The coordination group lets the body decide without a service-user member."""
    if not proposal.requires_service_user:
        raise ValidationError(_("This proposal does not need a service-user member."))
    reason = _require_reason(reason)
    return _move(
        proposal,
        Action.WAIVE,
        actor=actor,
        version=version,
        event=Event.Kind.WAIVED,
        reason=reason,
        changes={"service_user_waiver": reason},
        tell_proposer=False,
    )


@transaction.atomic
def proposal_mark_done(
    *, actor: Any, proposal: Proposal, note: str = "", version: int | None = None
) -> Proposal:
    """An implemented proposal is in place."""
    return _move(
        proposal,
        Action.MARK_DONE,
        actor=actor,
        version=version,
        event=Event.Kind.DONE,
        reason=note.strip(),
        changes={"done_on": today()},
    )


@transaction.atomic
def proposal_merge(
    *,
    actor: Any,
    proposal: Proposal,
    into: Proposal,
    reason: str,
    version: int | None = None,
) -> Proposal:
    """Close a duplicate by joining it to another proposal; its proposer is told where."""
    if into.pk == proposal.pk or into.municipality_id != proposal.municipality_id:
        raise ValidationError({"into": [_("Choose another proposal in this municipality.")]})
    if into.status not in rules.OPEN:
        raise ValidationError({"into": [_("A proposal can only be merged into an open one.")]})
    if into.merged_into_id is not None:
        raise ValidationError({"into": [_("That proposal has itself been merged.")]})
    reason = _require_reason(reason)
    merged = _move(
        proposal,
        Action.MERGE,
        actor=actor,
        version=version,
        event=Event.Kind.MERGED,
        reason=reason,
        data={"into": into.pk, "into_title": into.title},
        changes={"merged_into": into},
    )
    # The duplicate's proposer now backs the other one: a change its handlers must see.
    with versioned_edit(into, actor=_auditable(actor), version=None) as target:
        target.support_count += 1
    _event(
        into,
        Event.Kind.MERGED,
        actor=actor,
        from_status=into.status,
        reason=reason,
        data={"merged": proposal.pk, "merged_title": proposal.title},
    )
    return merged
