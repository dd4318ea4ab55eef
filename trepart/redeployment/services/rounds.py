"""The weekly round: the matching's proposal stored for the meeting, and the meeting's
decision on each pair (confirmed: the offer is made; overridden: with a reason, kept in the
case's history and as an exclusion for the rounds to come).

``round_make`` is the one place the engine's ``match`` is called."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.meetings.models import Meeting
from trepart.organisation.models import Body
from trepart.redeployment.models import (
    CaseEvent,
    MatchRound,
    Offer,
    ProposedPair,
    RedeploymentCase,
    Vacancy,
)
from trepart.redeployment.selectors.inputs import Inputs, round_inputs
from trepart.redeployment.services.meetings import check_bank, round_item_add
from trepart.redeployment.services.offers import event_add, offer_make


def matching_run(inputs: Inputs) -> Any:
    """The engine's proposal for the week (``matching.Matching``)."""
    import trepart.redeployment.matching as matching

    # With ``combine``, part-time employees left unplaced may get a § 14-3 combined offer
    # of vacancies left free.
    return matching.match(
        inputs.candidates,
        inputs.vacancies,
        inputs.rules,
        inputs.travel,
        inputs.exclusions,
        combine=True,
    )


@transaction.atomic
def round_make(
    *,
    actor: Any,
    bank: Body,
    meeting: Meeting | None = None,
    today: datetime.date | None = None,
) -> MatchRound:
    """Run the matching and store its proposal: one pair per placed person (and one per
    combined offer), each with its score and explanation, in the case's history."""
    check_bank(actor, bank)
    day = today or timezone.localdate()
    inputs = round_inputs(municipality_id=bank.municipality_id, bank_id=bank.pk)
    result = matching_run(inputs)
    stored = result.as_json()
    stored["vacancies"] = [vacancy.key for vacancy in inputs.vacancies]
    stored["candidates"] = [candidate.key for candidate in inputs.candidates]
    match_round = MatchRound.objects.create(
        municipality_id=bank.municipality_id, bank=bank, result=stored, created_by=actor
    )
    audit_create(actor=actor, instance=match_round)
    cases = RedeploymentCase.objects.in_bulk([int(c.key) for c in inputs.candidates])
    vacancies = Vacancy.objects.in_bulk([int(v.key) for v in inputs.vacancies])
    for pair in result.pairs:
        row = ProposedPair.objects.create(
            municipality_id=bank.municipality_id,
            round=match_round,
            case=cases[int(pair.candidate)],
            vacancy=vacancies[int(pair.vacancy)],
            score=pair.score,
            explanation=pair.explanation.as_json(),
        )
        _proposed(actor, row, day)
    for combined in result.combined:
        first, *rest = (vacancies[int(key)] for key in combined.vacancies)
        row = ProposedPair.objects.create(
            municipality_id=bank.municipality_id,
            round=match_round,
            case=cases[int(combined.candidate)],
            vacancy=first,
            score=combined.score,
            explanation={"combined": combined.as_json()},
        )
        row.extra_vacancies.set(rest)
        _proposed(actor, row, day)
    if meeting is not None:
        round_item_add(actor=actor, match_round=match_round, meeting=meeting)
        match_round.refresh_from_db()
    return match_round


def _proposed(actor: Any, pair: ProposedPair, day: datetime.date) -> None:
    event_add(
        actor=actor, case=pair.case, kind=CaseEvent.Kind.PROPOSED, on=day, vacancy=pair.vacancy
    )


def considered_on(match_round: MatchRound, day: datetime.date) -> datetime.date:
    """The day the meeting considered the round's vacancies: its meeting's, else ``day``."""
    if match_round.meeting is not None:
        return timezone.localtime(match_round.meeting.starts_at).date()
    return day


@transaction.atomic
def round_close(
    *, actor: Any, match_round: MatchRound, today: datetime.date | None = None
) -> MatchRound:
    """The meeting has handled the round: its vacancies have now been considered by the
    stillingsbank (and may be released for external advertising if nobody took them)."""
    check_bank(actor, match_round.bank)
    day = today or timezone.localdate()
    with versioned_edit(match_round, actor=actor, version=None) as current:
        if current.pairs.filter(decision=ProposedPair.Decision.PENDING).exists():
            raise ValidationError(_("Confirm or override every proposed pair first."))
        current.status = MatchRound.Status.CONFIRMED
    on = considered_on(current, day)
    keys = [int(key) for key in current.result.get("vacancies", [])]
    for vacancy in Vacancy.objects.filter(pk__in=keys, considered_on__isnull=True).order_by("pk"):
        with versioned_edit(vacancy, actor=actor, version=None) as row:
            row.considered_on = on
            if row.status == Vacancy.Status.HELD:
                row.status = Vacancy.Status.CONSIDERED
    return current


@transaction.atomic
def pair_decide(
    *,
    actor: Any,
    pair: ProposedPair,
    version: int | None,
    confirm: bool,
    reason: str = "",
    today: datetime.date | None = None,
) -> Offer | None:
    """The meeting's decision on one pair. Confirming makes the offer (refused, with
    nothing changed, if the vacancy or the person is no longer free); overriding needs a
    reason. The last decision closes the round."""
    check_bank(actor, pair.round.bank)
    if pair.municipality_id != actor.municipality_id:
        raise PermissionDenied
    day = today or timezone.localdate()
    reason = reason.strip()
    with versioned_edit(pair, actor=actor, version=version) as current:
        if current.decision != ProposedPair.Decision.PENDING:
            raise ValidationError(_("The meeting has already decided on this pair."))
        if not confirm and not reason:
            raise ValidationError({"reason": [_("Give the reason for overriding the proposal.")]})
        current.decision = (
            ProposedPair.Decision.CONFIRMED if confirm else ProposedPair.Decision.OVERRIDDEN
        )
        current.reason = reason
        current.decided_by = actor
        current.decided_at = timezone.now()
    offer = None
    if confirm:
        vacancies = [current.vacancy, *current.extra_vacancies.order_by("pk")]
        offer = offer_make(
            actor=actor, case=current.case, vacancies=vacancies, pair=current, today=day
        )
    else:
        event_add(
            actor=actor,
            case=current.case,
            kind=CaseEvent.Kind.OVERRIDDEN,
            on=day,
            why=reason,
            vacancy=current.vacancy,
        )
    match_round = current.round
    if not match_round.pairs.filter(decision=ProposedPair.Decision.PENDING).exists():
        round_close(actor=actor, match_round=match_round, today=day)
    return offer
