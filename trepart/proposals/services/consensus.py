"""Consensus in bodies that decide by it: voting seats, attendance, each member's position,
and a recorded disagreement when someone objects.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import row_lock, versioned_edit
from trepart.organisation.models import Body, Membership
from trepart.organisation.selectors import active_q, today
from trepart.proposals import rules
from trepart.proposals.models import (
    Attendance,
    Event,
    Position,
    Proposal,
)
from trepart.proposals.rules import Action
from trepart.proposals.services._common import _auditable, _event, _move, _sync


def voting_seats(body: Body, day: datetime.date | None = None) -> list[Membership]:
    return list(
        Membership.objects.filter(active_q(day or today()), body=body, voting=True)
        .exclude(role__in=[Membership.Role.SECRETARY, Membership.Role.OBSERVER])
        .select_related("person")
        .order_by("party", "person__last_name", "person__first_name")
    )


def present_voting_ids(proposal: Proposal, seats: list[Membership]) -> set[int]:
    """Voting seats present in this round: all of them unless marked absent."""
    absent = set(
        Attendance.objects.filter(
            proposal=proposal, round=proposal.consensus_round, present=False
        ).values_list("membership_id", flat=True)
    )
    return {seat.pk for seat in seats} - absent


def current_positions(proposal: Proposal) -> dict[int, Position]:
    """The latest position of each seat in the proposal's current round."""
    latest: dict[int, Position] = {}
    for position in Position.objects.filter(
        proposal=proposal, body_id=proposal.body_id, round=proposal.consensus_round
    ).order_by("created_at", "pk"):
        latest[position.membership_id] = position
    return latest


def consensus_of(proposal: Proposal) -> rules.Consensus:
    seats = voting_seats(proposal.body)
    positions = {pk: p.stance for pk, p in current_positions(proposal).items()}
    return rules.consensus(present_voting_ids(proposal, seats), positions)


@transaction.atomic
def attendance_set(
    *, actor: Any, proposal: Proposal, present: Iterable[int], version: int | None = None
) -> Proposal:
    """Record which voting members are present for this round of positions."""
    current = row_lock(proposal, version=version)
    seats = voting_seats(current.body)
    wanted = set(present)
    Attendance.objects.filter(proposal=current, round=current.consensus_round).delete()
    Attendance.objects.bulk_create(
        Attendance(
            municipality_id=current.municipality_id,
            proposal=current,
            body_id=current.body_id,
            round=current.consensus_round,
            membership=seat,
            present=seat.pk in wanted,
        )
        for seat in seats
    )
    return current


@transaction.atomic
def position_record(
    *,
    actor: Any,
    proposal: Proposal,
    membership: Membership,
    stance: str,
    reason: str = "",
    version: int | None = None,
) -> rules.Consensus:
    """A voting member's position: agree, can live with it, or object (with a reason)."""
    # The position changes what the proposal shows: the version counts it, so a form
    # showing the proposal before it cannot act unnoticed.
    with versioned_edit(proposal, actor=_auditable(actor), version=version) as current:
        rules.next_status(current.status, Action.POSITION)
        if membership.body_id != current.body_id or not membership.is_active_on(today()):
            raise ValidationError(_("Only members of the handling body record positions."))
        if not membership.voting or membership.role in (
            Membership.Role.SECRETARY,
            Membership.Role.OBSERVER,
        ):
            raise ValidationError(_("Only voting members record positions."))
        if stance not in Position.Stance.values:
            raise ValidationError({"stance": [_("Choose a position.")]})
        reason = reason.strip()
        if stance == Position.Stance.OBJECT and not reason:
            raise ValidationError({"reason": [_("An objection needs a reason.")]})
        position = Position.objects.create(
            municipality_id=current.municipality_id,
            proposal=current,
            body_id=current.body_id,
            round=current.consensus_round,
            membership=membership,
            person_id=membership.person_id,
            party=membership.party,
            stance=stance,
            reason=reason,
            recorded_by=_auditable(actor),
        )
        audit_create(actor=_auditable(actor), instance=position)
        _event(
            current,
            Event.Kind.POSITION,
            actor=actor,
            from_status=current.status,
            reason=reason,
            data={
                "membership": membership.pk,
                "person": membership.person.full_name,
                "party": membership.party,
                "stance": stance,
                "round": current.consensus_round,
            },
        )
    proposal.version = current.version
    return consensus_of(current)


def disagreement_recorded(proposal: Proposal) -> bool:
    return Event.objects.filter(
        proposal=proposal,
        kind=Event.Kind.DISAGREEMENT,
        body_id=proposal.body_id,
        data__round=proposal.consensus_round,
    ).exists()


@transaction.atomic
def disagreement_record(
    *,
    actor: Any,
    proposal: Proposal,
    views: Mapping[str, str],
    version: int | None = None,
) -> Proposal:
    """Record that the body did not agree, with each party's view in its own words."""
    current = row_lock(proposal, version=version)
    if not current.body.uses_consensus:
        raise ValidationError(_("This body does not decide by consensus."))
    if consensus_of(current).state != rules.ConsensusState.BLOCKED:
        raise ValidationError(_("Disagreement is recorded only when a member objects."))
    parties = {seat.party for seat in voting_seats(current.body)}
    errors = {
        f"view_{party}": [_("Write this party's view.")]
        for party in parties
        if not (views.get(party) or "").strip()
    }
    if errors:
        raise ValidationError(errors)
    moved = _move(
        current,
        Action.DISAGREE,
        actor=actor,
        version=None,
        event=Event.Kind.DISAGREEMENT,
        data={
            "round": current.consensus_round,
            "views": {party: views[party].strip() for party in sorted(parties)},
        },
        tell_proposer=False,
    )
    _sync(proposal, moved)
    return moved
