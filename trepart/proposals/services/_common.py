"""What every step shares: the move through the state machine (a versioned write, see
``trepart.audit.writes``) with its history, audit record and message to the proposer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

from trepart.audit.writes import versioned_edit
from trepart.organisation.models import Body
from trepart.proposals import rules
from trepart.proposals.models import (
    Event,
    Proposal,
)
from trepart.proposals.notifications import notify_proposer
from trepart.proposals.rules import Action


def _auditable(actor: Any) -> Any:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _event(
    proposal: Proposal,
    kind: str,
    *,
    actor: Any,
    body: Body | None = None,
    from_status: str = "",
    to_status: str = "",
    reason: str = "",
    data: Mapping[str, Any] | None = None,
) -> Event:
    return Event.objects.create(
        municipality_id=proposal.municipality_id,
        proposal=proposal,
        kind=kind,
        actor=_auditable(actor),
        body=body or proposal.body,
        from_status=from_status,
        to_status=to_status or proposal.status,
        reason=reason,
        data=dict(data or {}),
    )


def _move(
    proposal: Proposal,
    action: Action,
    *,
    actor: Any,
    version: int | None,
    event: str,
    reason: str = "",
    answer: str = "",
    data: Mapping[str, Any] | None = None,
    changes: Mapping[str, Any] | None = None,
    body: Body | None = None,
    tell_proposer: bool = True,
) -> Proposal:
    with versioned_edit(proposal, actor=_auditable(actor), version=version) as current:
        # The step is judged on the stored state, before this step's own changes.
        new_status = rules.next_status(
            current.status, action, answer=answer, current_answer=current.answer
        )
        old_status = current.status
        current.status = new_status
        for name, value in (changes or {}).items():
            setattr(current, name, value)
    recorded = _event(
        current,
        event,
        actor=actor,
        body=body,
        from_status=old_status,
        to_status=new_status,
        reason=reason,
        data=data,
    )
    if tell_proposer and (new_status != old_status or event in TOLD_WITHOUT_STATUS_CHANGE):
        notify_proposer(current, recorded)
    _sync(proposal, current)
    return current


def _sync(proposal: Proposal, current: Proposal) -> None:
    """Let the caller's object show the state just saved."""
    if proposal is not current:
        proposal.__dict__.update(current.__dict__)


# Steps the proposer hears about although the status stays the same.
TOLD_WITHOUT_STATUS_CHANGE = {Event.Kind.ADVICE}


def _require_reason(reason: str, field: str = "reason") -> str:
    problem = rules.reason_problem(reason)
    if problem:
        raise ValidationError({field: [problem]})
    return reason.strip()
