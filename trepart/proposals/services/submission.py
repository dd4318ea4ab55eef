"""The proposer's side: sending a proposal, supporting someone else's, taking one back."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import row_lock
from trepart.organisation.models import Municipality, Person, Unit
from trepart.organisation.selectors import today
from trepart.platform.files.content import uploads_check
from trepart.proposals import rules
from trepart.proposals.models import (
    Attachment,
    Event,
    Proposal,
    ProposalUnit,
    Source,
    Status,
    Support,
)
from trepart.proposals.notifications import notify_proposer
from trepart.proposals.routing.route import resolve_route
from trepart.proposals.rules import Action
from trepart.proposals.services._common import _auditable, _event, _move, _sync

TITLE_MAX = 200
DESCRIPTION_MIN = 10


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
        checked = uploads_check(files or [], max_files=Attachment.MAX_PER_PROPOSAL)
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
        attachment = Attachment(municipality=municipality, proposal=proposal)
        attachment.store(item)
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
        data={"recommendation_body": recommendation.pk if recommendation else None, "why": why},
    )
    notify_proposer(proposal, submitted)
    return proposal


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
def proposal_support(*, actor: Any, proposal: Proposal) -> Proposal:
    """Back an existing proposal (once per person) instead of sending a duplicate."""
    # Locked so two supporters are counted one after the other. Support leaves the version
    # alone: a handler's open form does not go stale because someone backed the proposal.
    current = row_lock(proposal, version=None)
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
