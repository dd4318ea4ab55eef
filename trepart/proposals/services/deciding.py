"""Deciding on a proposal: what blocks a decision (the recommendation, a service-user member,
consensus), the handling body's answer, its recommendation to the formal decision maker,
and the formal decision.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import row_lock
from trepart.organisation.models import Body, Membership, Party
from trepart.organisation.selectors import active_q, today
from trepart.proposals import rules
from trepart.proposals.models import (
    Answer,
    AnswerKind,
    DecisionMaker,
    Event,
    Proposal,
)
from trepart.proposals.rules import Action
from trepart.proposals.services._common import (
    _auditable,
    _move,
    _sync,
)
from trepart.proposals.services.consensus import consensus_of, disagreement_recorded


def has_service_user_member(body: Body) -> bool:
    return (
        Membership.objects.filter(active_q(today()), body=body, party=Party.SERVICE_USER).exists()
        or Membership.objects.filter(
            active_q(today()), body=body, capacity=Membership.Capacity.USER_REP
        ).exists()
    )


def blockers(proposal: Proposal) -> list[rules.Blocker]:
    """What must happen before the handling body may decide (empty: it may decide)."""
    body = proposal.body
    uses_consensus = body.uses_consensus
    return rules.decision_blockers(
        needs_recommendation=proposal.recommendation_body_id is not None,
        recommendation_recorded=proposal.recommendation_recorded,
        requires_service_user=proposal.requires_service_user,
        has_service_user_member=(
            has_service_user_member(body) if proposal.requires_service_user else False
        ),
        waived=bool(proposal.service_user_waiver),
        uses_consensus=uses_consensus,
        consensus_result=consensus_of(proposal) if uses_consensus else None,
        disagreement_recorded=disagreement_recorded(proposal) if uses_consensus else False,
    )


def _check_may_decide(proposal: Proposal) -> None:
    found = blockers(proposal)
    if found:
        raise ValidationError([str(rules.BLOCKER_MESSAGES[b]) for b in found], code="blocked")


def _answer_changes(
    proposal: Proposal, kind: str, new_due_on: datetime.date | None
) -> dict[str, Any]:
    day = today()
    changes: dict[str, Any] = {"answer": kind, "answered_on": day}
    if not proposal.first_answer:
        changes["first_answer"] = kind
        changes["answered_in_time"] = day <= proposal.due_on
        changes["answer_days"] = (day - proposal.created_at.date()).days
    if kind == AnswerKind.FURTHER_EVALUATION:
        changes["due_on"] = new_due_on
    return changes


def _check_answer(kind: str, reason: str, new_due_on: datetime.date | None) -> str:
    errors: dict[str, list[str]] = {}
    if kind not in AnswerKind.values:
        errors["kind"] = [_("Choose an answer.")]
    problem = rules.reason_problem(reason)
    if problem:
        errors["reason"] = [problem]
    if kind == AnswerKind.FURTHER_EVALUATION:
        if new_due_on is None:
            errors["new_due_on"] = [_("Give the date by which the evaluation will be answered.")]
        elif new_due_on <= today():
            errors["new_due_on"] = [_("The new answer date must be in the future.")]
    if errors:
        raise ValidationError(errors)
    return reason.strip()


def _record_answer(
    proposal: Proposal,
    *,
    actor: Any,
    kind: str,
    reason: str,
    new_due_on: datetime.date | None,
    decision_maker: str = "",
) -> None:
    answer = Answer.objects.create(
        municipality_id=proposal.municipality_id,
        proposal=proposal,
        kind=kind,
        reason=reason,
        body_id=proposal.body_id,
        decision_maker=decision_maker,
        new_due_on=new_due_on if kind == AnswerKind.FURTHER_EVALUATION else None,
        answered_by=_auditable(actor),
    )
    audit_create(actor=_auditable(actor), instance=answer)


def _conclude(
    proposal: Proposal,
    action: Action,
    *,
    actor: Any,
    kind: str,
    reason: str,
    new_due_on: datetime.date | None,
    version: int | None,
) -> Proposal:
    """Record the answer the proposer gets: the handling body's own (``Action.ANSWER``),
    which the decision's blockers must allow, or the formal decision on the body's
    recommendation (``Action.DECIDE``), which names its decision maker."""
    reason = _check_answer(kind, reason, new_due_on)
    current = row_lock(proposal, version=version)
    rules.next_status(current.status, action, answer=kind)
    deciding = action == Action.DECIDE
    if not deciding:
        _check_may_decide(current)
    decision_maker = current.decision_maker if deciding else ""
    _record_answer(
        current,
        actor=actor,
        kind=kind,
        reason=reason,
        new_due_on=new_due_on,
        decision_maker=decision_maker,
    )
    data: dict[str, Any] = {"answer": kind}
    if deciding:
        data["decision_maker"] = decision_maker
    else:
        data["new_due_on"] = str(new_due_on) if new_due_on else None
    moved = _move(
        current,
        action,
        actor=actor,
        version=None,
        event=Event.Kind.DECIDED if deciding else Event.Kind.ANSWERED,
        reason=reason,
        answer=kind,
        data=data,
        changes=_answer_changes(current, kind, new_due_on),
    )
    _sync(proposal, moved)
    return moved


@transaction.atomic
def proposal_answer(
    *,
    actor: Any,
    proposal: Proposal,
    kind: str,
    reason: str,
    new_due_on: datetime.date | None = None,
    version: int | None = None,
) -> Proposal:
    """The handling body answers within its mandate: implemented, further evaluation or
    rejected, always with a written reason."""
    return _conclude(
        proposal,
        Action.ANSWER,
        actor=actor,
        kind=kind,
        reason=reason,
        new_due_on=new_due_on,
        version=version,
    )


@transaction.atomic
def proposal_recommend(
    *,
    actor: Any,
    proposal: Proposal,
    decision_maker: str,
    text: str,
    version: int | None = None,
) -> Proposal:
    """The body's innstilling to the formal decision maker (council or kommunedirektør)."""
    errors: dict[str, list[str]] = {}
    if decision_maker not in DecisionMaker.values:
        errors["decision_maker"] = [_("Choose who makes the formal decision.")]
    problem = rules.reason_problem(text)
    if problem:
        errors["text"] = [problem]
    if errors:
        raise ValidationError(errors)
    current = row_lock(proposal, version=version)
    rules.next_status(current.status, Action.RECOMMEND)
    _check_may_decide(current)
    moved = _move(
        current,
        Action.RECOMMEND,
        actor=actor,
        version=None,
        event=Event.Kind.RECOMMENDED,
        reason=text.strip(),
        data={"decision_maker": decision_maker},
        changes={"decision_maker": decision_maker},
    )
    _sync(proposal, moved)
    return moved


@transaction.atomic
def proposal_decide(
    *,
    actor: Any,
    proposal: Proposal,
    kind: str,
    reason: str,
    new_due_on: datetime.date | None = None,
    version: int | None = None,
) -> Proposal:
    """Record the formal decision (vedtak) on a recommendation; it is the proposer's answer."""
    return _conclude(
        proposal,
        Action.DECIDE,
        actor=actor,
        kind=kind,
        reason=reason,
        new_due_on=new_due_on,
        version=version,
    )
