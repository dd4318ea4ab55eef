"""Writing through the API: an employee's proposal, and each step that moves a proposal on.
Every step checks the caller's permission on the proposal (403) and the version they
last saw (409); the rules' refusals answer 400 with a message per field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Status as Reply
from ninja.errors import HttpError

from trepart.audit.writes import ConcurrentEditError
from trepart.organisation import selectors as organisation_selectors
from trepart.organisation.models import Membership, Party
from trepart.organisation.schemas import Error
from trepart.platform.api import Id, caller, one_or_404, problem
from trepart.proposals import permissions, selectors, services
from trepart.proposals.api.reading import _detail
from trepart.proposals.api.routers import router
from trepart.proposals.api.schemas import (
    AdviceIn,
    AnswerIn,
    AttendanceIn,
    DisagreementIn,
    DoneIn,
    EscalateIn,
    MergeIn,
    PositionIn,
    Problem,
    ProposalDetailOut,
    ProposalIn,
    RecommendationIn,
    VersionIn,
    WaiverIn,
    WithdrawIn,
)
from trepart.proposals.models import Proposal

# The service's field names where the API's input calls them something else.
SUBMIT_FIELDS = {"units": "unit_ids", "proposer_email": "email", "proposer_name": "name"}
VIEW_FIELDS = {f"view_{party}": f"views.{party}" for party in Party.values}

ACTION_RESPONSES: dict[int, Any] = {
    200: ProposalDetailOut,
    400: Problem,
    403: Error,
    404: Error,
    409: Error,
}


@router.post(
    "/proposals",
    response={201: ProposalDetailOut, 400: Problem, 403: Error},
    operation_id="proposal_submit",
    summary="Submit a proposal",
)
def proposal_submit(request: HttpRequest, payload: ProposalIn) -> Reply[Any]:
    """An employee's proposal to their own municipality; the routing rules choose the body
    that handles it. Attachments are sent through the web form: this endpoint takes JSON."""
    user = caller(request)
    try:
        proposal = services.proposal_submit(
            actor=user,
            municipality=user.municipality,
            title=payload.title,
            description=payload.description,
            unit_ids=payload.unit_ids,
            service_users_affected=payload.service_users_affected,
            needs_money=payload.needs_money,
            cost_estimate=payload.cost_estimate,
            hide_name=payload.hide_name,
        )
    except ValidationError as error:
        return Reply(400, problem(error, renamed=SUBMIT_FIELDS))
    return Reply(201, _detail(request, user, proposal.pk))


Permission = Callable[[Any, Proposal], bool]
Step = Callable[[Any, Proposal], object]


def _act(
    request: HttpRequest,
    proposal_id: Id,
    *,
    may: Permission,
    step: Step,
    rename: Mapping[str, str] | None = None,
) -> Reply[Any]:
    """Check the caller may act on the proposal, take the step, answer with the result."""
    user = caller(request)
    proposal = one_or_404(
        selectors.proposal_queryset(user=user).select_related("body", "recommendation_body"),
        proposal_id,
    )
    if not may(user, proposal):
        raise HttpError(403, _("You may not do this with this proposal."))
    try:
        step(user, proposal)
    except ConcurrentEditError as error:
        return Reply(409, {"detail": " ".join(error.messages)})
    except ValidationError as error:
        return Reply(400, problem(error, renamed=rename))
    return Reply(200, _detail(request, user, proposal_id))


def _action(path: str, name: str, summary: str) -> Callable[[Callable[..., Any]], Any]:
    return router.post(
        f"/proposals/{{proposal_id}}/{path}",
        response=ACTION_RESPONSES,
        operation_id=f"proposal_{name}",
        summary=summary,
    )


@_action("take-up", "take_up", "Take a proposal up for consideration")
def proposal_take_up(request: HttpRequest, proposal_id: Id, payload: VersionIn) -> Any:
    """The handling body's chair or secretary (or an administrator) starts considering it."""
    return _act(
        request,
        proposal_id,
        may=permissions.can_handle,
        step=lambda user, proposal: services.proposal_take_up(
            actor=user, proposal=proposal, version=payload.version
        ),
    )


@_action("escalate", "escalate", "Escalate a proposal to another body")
def proposal_escalate(request: HttpRequest, proposal_id: Id, payload: EscalateIn) -> Any:
    """The handling body sends it on with a reason; the deadline starts again there."""

    def step(user: Any, proposal: Proposal) -> object:
        to_body = None
        if payload.to_body is not None:
            to_body = (
                organisation_selectors.body_queryset(user=user).filter(pk=payload.to_body).first()
            )
            if to_body is None:
                raise ValidationError({"to_body": [_("Choose the body the proposal goes to.")]})
        return services.proposal_escalate(
            actor=user,
            proposal=proposal,
            reason=payload.reason,
            to_body=to_body,
            version=payload.version,
        )

    return _act(request, proposal_id, may=permissions.can_handle, step=step)


@_action("advice", "advise", "Record the recommendation a proposal waits for")
def proposal_advise(request: HttpRequest, proposal_id: Id, payload: AdviceIn) -> Any:
    """The chair or secretary of the body whose recommendation is needed (usually the
    coordination group) records it."""
    return _act(
        request,
        proposal_id,
        may=permissions.can_advise,
        step=lambda user, proposal: services.proposal_advise(
            actor=user, proposal=proposal, text=payload.text, version=payload.version
        ),
    )


@_action("waiver", "waive", "Waive the service-user requirement")
def proposal_waive(request: HttpRequest, proposal_id: Id, payload: WaiverIn) -> Any:
    """The coordination group lets the body decide without a service-user member."""
    return _act(
        request,
        proposal_id,
        may=permissions.can_waive,
        step=lambda user, proposal: services.proposal_waive_service_user(
            actor=user, proposal=proposal, reason=payload.reason, version=payload.version
        ),
    )


@_action("attendance", "attendance", "Record who is present for a consensus round")
def proposal_attendance(request: HttpRequest, proposal_id: Id, payload: AttendanceIn) -> Any:
    """The handling body's chair or secretary marks the voting members present."""
    return _act(
        request,
        proposal_id,
        may=permissions.can_handle,
        step=lambda user, proposal: services.attendance_set(
            actor=user, proposal=proposal, present=payload.present, version=payload.version
        ),
    )


@_action("positions", "position", "Record a member's position")
def proposal_position(request: HttpRequest, proposal_id: Id, payload: PositionIn) -> Any:
    """A voting member records their own position; the chair or secretary may record it
    for them. An objection needs a reason."""

    def step(user: Any, proposal: Proposal) -> object:
        membership = (
            Membership.objects.filter(pk=payload.membership, body_id=proposal.body_id)
            .select_related("person")
            .first()
        )
        if membership is None:
            raise ValidationError(
                {"membership": [_("Only members of the handling body record positions.")]}
            )
        if not permissions.can_record_position(user, proposal, membership):
            raise HttpError(403, _("You may not do this with this proposal."))
        return services.position_record(
            actor=user,
            proposal=proposal,
            membership=membership,
            stance=payload.stance,
            reason=payload.reason,
            version=payload.version,
        )

    return _act(request, proposal_id, may=permissions.can_view_proposal, step=step)


@_action("disagreement", "disagreement", "Record a disagreement")
def proposal_disagreement(request: HttpRequest, proposal_id: Id, payload: DisagreementIn) -> Any:
    """When a member objects, the chair or secretary records each party's view."""
    return _act(
        request,
        proposal_id,
        may=permissions.can_handle,
        step=lambda user, proposal: services.disagreement_record(
            actor=user,
            proposal=proposal,
            views={str(k): v for k, v in payload.views.items()},
            version=payload.version,
        ),
        rename=VIEW_FIELDS,
    )


@_action("recommendation", "recommend", "Recommend a proposal to the decision maker")
def proposal_recommend(request: HttpRequest, proposal_id: Id, payload: RecommendationIn) -> Any:
    """The body's innstilling to the council or the chief executive, who decides."""
    return _act(
        request,
        proposal_id,
        may=permissions.can_handle,
        step=lambda user, proposal: services.proposal_recommend(
            actor=user,
            proposal=proposal,
            decision_maker=payload.decision_maker,
            text=payload.text,
            version=payload.version,
        ),
    )


@_action("decision", "decide", "Record the formal decision on a recommendation")
def proposal_decide(request: HttpRequest, proposal_id: Id, payload: AnswerIn) -> Any:
    """The decision maker's vedtak, recorded by the handling body; it answers the proposer."""
    return _act(
        request,
        proposal_id,
        may=permissions.can_handle,
        step=lambda user, proposal: services.proposal_decide(
            actor=user,
            proposal=proposal,
            kind=payload.kind,
            reason=payload.reason,
            new_due_on=payload.new_due_on,
            version=payload.version,
        ),
    )


@_action("answer", "answer", "Answer a proposal")
def proposal_answer(request: HttpRequest, proposal_id: Id, payload: AnswerIn) -> Any:
    """The handling body answers within its mandate, always with a written reason."""
    return _act(
        request,
        proposal_id,
        may=permissions.can_handle,
        step=lambda user, proposal: services.proposal_answer(
            actor=user,
            proposal=proposal,
            kind=payload.kind,
            reason=payload.reason,
            new_due_on=payload.new_due_on,
            version=payload.version,
        ),
    )


@_action("done", "mark_done", "Mark an implemented proposal as done")
def proposal_mark_done(request: HttpRequest, proposal_id: Id, payload: DoneIn) -> Any:
    """An answer of "implemented" is now in place."""
    return _act(
        request,
        proposal_id,
        may=permissions.can_handle,
        step=lambda user, proposal: services.proposal_mark_done(
            actor=user, proposal=proposal, note=payload.note, version=payload.version
        ),
    )


@_action("withdraw", "withdraw", "Withdraw your own proposal")
def proposal_withdraw(request: HttpRequest, proposal_id: Id, payload: WithdrawIn) -> Any:
    """Only the proposer may take a proposal back, while it is open."""
    return _act(
        request,
        proposal_id,
        may=permissions.can_withdraw,
        step=lambda user, proposal: services.proposal_withdraw(
            actor=user, proposal=proposal, reason=payload.reason, version=payload.version
        ),
    )


@_action("merge", "merge", "Merge a duplicate into another proposal")
def proposal_merge(request: HttpRequest, proposal_id: Id, payload: MergeIn) -> Any:
    """The handling body closes a duplicate by joining it to an open proposal; its proposer
    is told where it went."""

    def step(user: Any, proposal: Proposal) -> object:
        into = selectors.proposal_queryset(user=user).filter(pk=payload.into).first()
        if into is None:
            raise ValidationError({"into": [_("Choose another proposal in this municipality.")]})
        return services.proposal_merge(
            actor=user,
            proposal=proposal,
            into=into,
            reason=payload.reason,
            version=payload.version,
        )

    return _act(request, proposal_id, may=permissions.can_handle, step=step)


@_action("support", "support", "Support a proposal")
def proposal_support(request: HttpRequest, proposal_id: Id) -> Any:
    """Back someone else's open proposal instead of sending a duplicate, once per person.
    It takes no version: supporting does not change what the proposal says."""
    return _act(
        request,
        proposal_id,
        may=permissions.can_support,
        step=lambda user, proposal: services.proposal_support(actor=user, proposal=proposal),
    )
