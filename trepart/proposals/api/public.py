"""Citizens, without an account: submit a proposal and follow it by its tracking code. No
one's name or e-mail address is shown.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Path
from ninja import Status as Reply

from trepart.organisation.models import Municipality
from trepart.organisation.schemas import Error
from trepart.organisation.selectors import today
from trepart.platform.api import not_found, problem
from trepart.platform.rate_limits import public_proposal_throttle
from trepart.platform.urls import absolute_url
from trepart.proposals import services
from trepart.proposals.api.actions import SUBMIT_FIELDS
from trepart.proposals.api.routers import public_router
from trepart.proposals.api.schemas import (
    Problem,
    PublicProposalIn,
    PublicProposalOut,
    PublicSubmittedOut,
)
from trepart.proposals.models import Event, Proposal

# What a tracking code can look like (``secrets.token_urlsafe``); anything else is a 422.
TRACKING_PATTERN = r"^[A-Za-z0-9_-]{1,40}$"

# The steps a citizen following a proposal sees: no positions, deliberation or supporters.
PUBLIC_EVENTS = {
    Event.Kind.SUBMITTED,
    Event.Kind.ROUTED,
    Event.Kind.TAKEN_UP,
    Event.Kind.ESCALATED,
    Event.Kind.ADVICE,
    Event.Kind.RECOMMENDED,
    Event.Kind.DECIDED,
    Event.Kind.ANSWERED,
    Event.Kind.DONE,
    Event.Kind.WITHDRAWN,
    Event.Kind.MERGED,
}


def _municipality(organisation_number: str | None) -> Municipality:
    """The municipality a citizen writes to: named, or the installation's only one."""
    if organisation_number:
        found = Municipality.objects.filter(organisation_number=organisation_number).first()
        if found is None:
            raise ValidationError(
                {"municipality": [_("No municipality has this organisation number.")]}
            )
        return found
    only = list(Municipality.objects.all()[:2])
    if len(only) != 1:
        raise ValidationError(
            {"municipality": [_("Give the organisation number of the municipality.")]}
        )
    return only[0]


@public_router.post(
    "/proposals",
    response={201: PublicSubmittedOut, 400: Problem, 429: Error},
    auth=None,
    throttle=[public_proposal_throttle()],
    operation_id="public_proposal_submit",
    summary="Submit a proposal as a citizen",
)
def public_proposal_submit(request: HttpRequest, payload: PublicProposalIn) -> Reply[Any]:
    """No account needed. Keep the tracking code: it is the only way to follow the proposal
    (and it is secret: anyone with it can read the proposal's public page). Attachments
    are sent through the web form."""
    try:
        municipality = _municipality(payload.municipality)
        proposal = services.proposal_submit(
            actor=None,
            municipality=municipality,
            title=payload.title,
            description=payload.description,
            unit_ids=payload.unit_ids,
            service_users_affected=payload.service_users_affected,
            needs_money=payload.needs_money,
            cost_estimate=payload.cost_estimate,
            hide_name=payload.hide_name,
            proposer_name=payload.name,
            proposer_email=payload.email,
        )
    except ValidationError as error:
        return Reply(400, problem(error, renamed=SUBMIT_FIELDS))
    tracking_url = absolute_url(reverse("proposals:track", args=[proposal.tracking_code]))
    return Reply(
        201,
        {
            "tracking_code": proposal.tracking_code,
            "tracking_url": tracking_url,
            "status": proposal.status,
            "body": proposal.body.name,
            "due_on": proposal.due_on,
        },
    )


@public_router.get(
    "/proposals/{tracking}",
    response={200: PublicProposalOut, 404: Error},
    auth=None,
    operation_id="public_proposal_get",
    summary="Follow a proposal by its tracking code",
)
def public_proposal_get(
    request: HttpRequest, tracking: str = Path(..., pattern=TRACKING_PATTERN)
) -> Any:
    """Where the proposal stands, its answers with reasons and the steps it has been
    through, without anyone's name or e-mail address."""
    proposal = (
        Proposal.objects.select_related("body")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=Event.objects.filter(kind__in=PUBLIC_EVENTS)
                .select_related("body")
                .order_by("created_at", "pk"),
            ),
            "answers",
        )
        .filter(tracking_code=tracking)
        .first()
    )
    if proposal is None:
        raise not_found()
    return {
        "title": proposal.title,
        "description": proposal.description,
        "status": proposal.status,
        "status_label": proposal.get_status_display(),
        "body": proposal.body.name,
        "due_on": proposal.due_on,
        "overdue": proposal.is_open and proposal.due_on < today(),
        "answers": [
            {
                "kind": answer.kind,
                "reason": answer.reason,
                "decision_maker": answer.decision_maker or None,
                "new_due_on": answer.new_due_on,
                "at": answer.created_at,
            }
            for answer in proposal.answers.all()
        ],
        "history": [
            {
                "kind": event.kind,
                "kind_label": event.get_kind_display(),
                "at": event.created_at,
                "body": event.body.name if event.body else None,
                "to_status": event.to_status or None,
                "reason": event.reason,
            }
            for event in proposal.events.all()
        ],
    }
