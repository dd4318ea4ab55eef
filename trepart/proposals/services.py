"""Writes to proposals. Each service checks the state machine and the method's rules,
records the step in the proposal's history and the audit trail, and tells the proposer.

Every action states the version of the proposal it was shown; if someone else moved the
proposal in between, the action is refused (``ConcurrentEditError``) instead of acting
on a state the user never saw.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_update, snapshot
from trepart.concurrency import ConcurrentEditError
from trepart.organisation.models import Body, Membership, Municipality, Party, Person, Unit
from trepart.organisation.selectors import active_q, today
from trepart.proposals import rules
from trepart.proposals.attachments import check_files
from trepart.proposals.models import (
    Answer,
    AnswerKind,
    Attachment,
    Attendance,
    DecisionMaker,
    Event,
    Position,
    Proposal,
    ProposalUnit,
    RoutingRule,
    Source,
    Status,
    Support,
)
from trepart.proposals.notifications import notify_proposer
from trepart.proposals.rules import Action, IllegalTransition

TITLE_MAX = 200
DESCRIPTION_MIN = 10


# ---------------------------------------------------------------------------------------
# Routing


def routing_rules_ensure(*, actor: Any, municipality: Municipality) -> list[RoutingRule]:
    """Give a municipality the sources' routing table if it has none yet."""
    existing = list(RoutingRule.objects.filter(municipality=municipality))
    if existing:
        return existing
    created = []
    for row in rules.DEFAULT_RULES:
        rule = RoutingRule.objects.create(municipality=municipality, **row)
        audit_create(actor=actor, instance=rule)
        created.append(rule)
    return created


def _rule_rows(municipality: Municipality) -> list[rules.RuleRow]:
    """The municipality's active rules; the sources' table if it has never had any."""
    routing_rules_ensure(actor=None, municipality=municipality)
    rows = RoutingRule.objects.filter(municipality=municipality, active=True).values(
        "id",
        "priority",
        "effect",
        "when_source",
        "when_units",
        "when_needs_money",
        "when_service_users",
        "target",
        "target_kind",
        "target_body_id",
        "recommendation_kind",
    )
    return [rules.RuleRow(**row) for row in rows]


def _first_of_kind(municipality_id: int, kind: str) -> Body | None:
    return Body.objects.filter(municipality_id=municipality_id, kind=kind).order_by("pk").first()


def _unit_lmu(unit: Unit) -> Body | None:
    """The LMU of the unit, or of the nearest unit above it that has one."""
    current: Unit | None = unit
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        body = Body.objects.filter(unit_id=current.pk, kind=Body.Kind.LMU).order_by("pk").first()
        if body is not None:
            return body
        current = current.parent
    return None


def _fallback_body(municipality_id: int) -> Body | None:
    for kind in (Body.Kind.COORDINATION, Body.Kind.TRIPARTITE):
        body = _first_of_kind(municipality_id, kind)
        if body is not None:
            return body
    return None


def resolve_route(
    *,
    municipality: Municipality,
    source: str,
    units: list[Unit],
    needs_money: bool,
    service_users: bool,
) -> tuple[Body, Body | None, bool, str]:
    """The handling body, the body whose recommendation it needs, whether a service-user
    member is needed, and a sentence saying why (for the history)."""
    facts = rules.Facts(
        source=source,
        unit_count=len(units),
        needs_money=needs_money,
        service_users=service_users,
    )
    chosen = rules.route(facts, _rule_rows(municipality))
    body: Body | None = None
    why = ""
    recommendation: Body | None = None
    if chosen is not None:
        rule = RoutingRule.objects.get(pk=chosen.rule_id)
        why = rule.note or _("Routing rule %(number)d.") % {"number": rule.priority}
        if chosen.target == RoutingRule.Target.UNIT_LMU and units:
            body = _unit_lmu(units[0])
            if body is None:
                why = _("%(unit)s has no LMU, so the proposal goes on.") % {"unit": units[0].name}
        elif chosen.target == RoutingRule.Target.BODY and chosen.target_body_id:
            body = Body.objects.filter(
                pk=chosen.target_body_id, municipality_id=municipality.pk
            ).first()
        elif chosen.target_kind:
            body = _first_of_kind(municipality.pk, chosen.target_kind)
        if chosen.recommendation_kind and body is not None:
            recommendation = _first_of_kind(municipality.pk, chosen.recommendation_kind)
            if recommendation is not None and recommendation.pk == body.pk:
                recommendation = None
    if body is None:
        body = _fallback_body(municipality.pk)
        if body is None:
            raise ValidationError(
                _(
                    "The municipality has no body that can receive proposals yet. "
                    "Please contact the municipality."
                )
            )
        if not why:
            why = _("No routing rule matched; the proposal goes to %(body)s.") % {"body": body}
    requires_service_user = bool(chosen and chosen.requires_service_user)
    return body, recommendation, requires_service_user, why


# ---------------------------------------------------------------------------------------
# Submission


def _clean_submission(
    *,
    municipality: Municipality,
    title: str,
    description: str,
    unit_ids: Iterable[int],
    needs_money: bool,
    cost_estimate: int | None,
    proposer_email: str,
    source: str,
) -> tuple[list[Unit], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors.setdefault("title", []).append(_("Give the proposal a title."))
    elif len(title) > TITLE_MAX:
        errors.setdefault("title", []).append(
            _("The title can be at most %(max)d characters.") % {"max": TITLE_MAX}
        )
    if len(description.strip()) < DESCRIPTION_MIN:
        errors.setdefault("description", []).append(
            _("Describe the proposal in a sentence or more.")
        )
    wanted = list(dict.fromkeys(int(pk) for pk in unit_ids))
    units = list(Unit.objects.filter(municipality_id=municipality.pk, pk__in=wanted))
    if len(units) != len(wanted):
        errors.setdefault("units", []).append(
            _("One of the units chosen does not exist in this municipality.")
        )
    if source == Source.EMPLOYEE and not units:
        errors.setdefault("units", []).append(_("Choose the unit or units the proposal affects."))
    if needs_money and not cost_estimate:
        errors.setdefault("cost_estimate", []).append(
            _("Give an estimate in whole kroner of what the proposal costs.")
        )
    if cost_estimate is not None and cost_estimate < 1:
        errors.setdefault("cost_estimate", []).append(_("The estimate must be above zero."))
    if proposer_email:
        from django.core.validators import validate_email

        try:
            validate_email(proposer_email)
        except ValidationError:
            errors.setdefault("proposer_email", []).append(_("Enter a valid e-mail address."))
    order = {pk: index for index, pk in enumerate(wanted)}
    units.sort(key=lambda unit: order[unit.pk])
    return units, errors


@transaction.atomic
def proposal_submit(
    *,
    actor: Any,
    municipality: Municipality,
    title: str,
    description: str,
    unit_ids: Iterable[int] = (),
    service_users_affected: bool = False,
    needs_money: bool = False,
    cost_estimate: int | None = None,
    hide_name: bool = False,
    proposer_name: str = "",
    proposer_email: str = "",
    files: list[Any] | None = None,
) -> Proposal:
    """Receive a proposal from an employee (``actor`` is a user) or a citizen (``None``).

    Everything is checked before anything is written: a bad field or file raises one
    ``ValidationError`` with every problem, and nothing is saved.
    """
    source = Source.EMPLOYEE if actor is not None and actor.is_authenticated else Source.CITIZEN
    if source == Source.EMPLOYEE and actor.municipality_id != municipality.pk:
        raise ValidationError(_("You can only send proposals to your own municipality."))
    units, errors = _clean_submission(
        municipality=municipality,
        title=title,
        description=description,
        unit_ids=unit_ids,
        needs_money=needs_money,
        cost_estimate=cost_estimate,
        proposer_email=proposer_email,
        source=source,
    )
    checked = []
    try:
        checked = check_files(files or [])
    except ValidationError as error:
        errors.setdefault("files", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)

    person: Person | None = None
    if source == Source.EMPLOYEE:
        person = getattr(actor, "person", None)
        proposer_name = person.full_name if person else actor.get_full_name() or actor.username
        proposer_email = (person.email if person and person.email else actor.email) or ""
    body, recommendation, requires_service_user, why = resolve_route(
        municipality=municipality,
        source=source,
        units=units,
        needs_money=needs_money,
        service_users=service_users_affected,
    )
    day = today()
    proposal = Proposal(
        municipality=municipality,
        title=title.strip(),
        description=description.strip(),
        source=source,
        submitted_by=actor if source == Source.EMPLOYEE else None,
        proposer=person,
        proposer_name=proposer_name.strip()[:200],
        proposer_email=proposer_email.strip(),
        hide_name=hide_name,
        service_users_affected=service_users_affected,
        needs_money=needs_money,
        cost_estimate=cost_estimate if needs_money else None,
        body=body,
        recommendation_body=recommendation,
        requires_service_user=requires_service_user and service_users_affected,
        arrived_on=day,
        due_on=day + datetime.timedelta(days=body.answer_deadline_days),
    )
    proposal.save()
    ProposalUnit.objects.bulk_create(ProposalUnit(proposal=proposal, unit=u) for u in units)
    for item in checked:
        attachment = Attachment(
            municipality=municipality,
            proposal=proposal,
            name=item.name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
        )
        attachment.file.save(item.name, ContentFile(item.content), save=False)
        attachment.save()
    audit_create(actor=_auditable(actor), instance=proposal)
    actor_user = _auditable(actor)
    submitted = _event(proposal, Event.Kind.SUBMITTED, actor=actor_user, to_status=Status.SUBMITTED)
    _event(
        proposal,
        Event.Kind.ROUTED,
        actor=actor_user,
        body=body,
        to_status=Status.SUBMITTED,
        reason=why,
        data={"recommendation_body": recommendation.pk if recommendation else None},
    )
    notify_proposer(proposal, submitted)
    return proposal


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


# ---------------------------------------------------------------------------------------
# Moving a proposal on


def _locked(proposal: Proposal, version: int | None) -> Proposal:
    """The proposal's row, locked; refused if someone moved it since ``version``."""
    current = Proposal.objects.select_for_update().select_related("body").get(pk=proposal.pk)
    if version is not None and current.version != version:
        raise ConcurrentEditError()
    return current


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
    current = _locked(proposal, version)
    before = snapshot(current)
    new_status = rules.next_status(
        current.status, action, answer=answer, current_answer=current.answer
    )
    old_status = current.status
    current.status = new_status
    for name, value in (changes or {}).items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    audit_update(actor=_auditable(actor), instance=current, before=before)
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


# ---------------------------------------------------------------------------------------
# Consensus


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
    current = _locked(proposal, version)
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
    current = _locked(proposal, version)
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
    Proposal.objects.filter(pk=current.pk).update(version=F("version") + 1)
    proposal.version = current.version + 1
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
    current = _locked(proposal, version)
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


# ---------------------------------------------------------------------------------------
# Deciding


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
    current = _locked(proposal, version)
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
    current = _locked(proposal, version)
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
def proposal_withdraw(
    *, actor: Any, proposal: Proposal, reason: str = "", version: int | None = None
) -> Proposal:
    """The proposer takes the proposal back (``actor`` is ``None`` for a citizen's link)."""
    return _move(
        proposal,
        Action.WITHDRAW,
        actor=actor,
        version=version,
        event=Event.Kind.WITHDRAWN,
        reason=reason.strip(),
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
    Proposal.objects.filter(pk=into.pk).update(
        support_count=F("support_count") + 1, version=F("version") + 1
    )
    _event(
        into,
        Event.Kind.MERGED,
        actor=actor,
        from_status=into.status,
        reason=reason,
        data={"merged": proposal.pk, "merged_title": proposal.title},
    )
    return merged


@transaction.atomic
def proposal_support(*, actor: Any, proposal: Proposal) -> Proposal:
    """Back an existing proposal (once per person) instead of sending a duplicate."""
    current = _locked(proposal, None)
    rules.next_status(current.status, Action.SUPPORT)
    if current.submitted_by_id is not None and current.submitted_by_id == actor.pk:
        raise ValidationError(_("You cannot support your own proposal."))
    if Support.objects.filter(proposal=current, user=actor).exists():
        raise ValidationError(_("You already support this proposal."))
    Support.objects.create(municipality_id=current.municipality_id, proposal=current, user=actor)
    Proposal.objects.filter(pk=current.pk).update(support_count=F("support_count") + 1)
    _event(current, Event.Kind.SUPPORTED, actor=actor, from_status=current.status)
    current.refresh_from_db()
    _sync(proposal, current)
    return current


__all__ = [
    "IllegalTransition",
    "attendance_set",
    "blockers",
    "consensus_of",
    "disagreement_record",
    "position_record",
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
    "resolve_route",
    "routing_rules_ensure",
]
