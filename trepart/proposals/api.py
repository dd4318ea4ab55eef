"""Proposals in the JSON API: submit, list, read with the full history, and move on.

Employees' endpoints are scoped to the caller's municipality; an id from another
municipality answers 404, so the API does not confirm that it exists. Every action checks
the caller's permission on the proposal itself (403) and the version the caller last saw
(409); the rules' refusals answer 400 with a message per field in the caller's language.

Names and e-mail addresses pass through ``selectors.shown_name`` and ``shown_email`` only:
a hidden name reaches no one outside the handling body, and a proposer's e-mail address
only the handling body. The public endpoints for citizens never show anyone's name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Status as Reply
from ninja.errors import HttpError
from ninja.throttling import AnonRateThrottle

from trepart.api_helpers import caller, not_found, one_or_404
from trepart.concurrency import ConcurrentEditError
from trepart.organisation import selectors as organisation_selectors
from trepart.organisation.models import Membership, Municipality, Party, Person, Unit
from trepart.organisation.schemas import Error
from trepart.organisation.selectors import today
from trepart.proposals import permissions, rules, selectors, services
from trepart.proposals.models import Answer, Event, Position, Proposal, Status
from trepart.proposals.schemas import (
    SEARCH_COUNT_CAP,
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
    ProposalPage,
    ProposalQuery,
    PublicProposalIn,
    PublicProposalOut,
    PublicSubmittedOut,
    RecommendationIn,
    VersionIn,
    WaiverIn,
    WithdrawIn,
)

router = Router(tags=["proposals"])
public_router = Router(tags=["public"], auth=None)

# The service's field names where the API's input calls them something else.
SUBMIT_FIELDS = {"units": "unit_ids", "proposer_email": "email", "proposer_name": "name"}
VIEW_FIELDS = {f"view_{party}": f"views.{party}" for party in Party.values}

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

ACTION_RESPONSES: dict[int, Any] = {
    200: ProposalDetailOut,
    400: Problem,
    403: Error,
    404: Error,
    409: Error,
}


# ---------------------------------------------------------------------------------------
# Reading


def _units() -> Prefetch[Any]:
    return Prefetch("units", queryset=Unit.objects.only("id", "name").order_by("name", "pk"))


def _detail_queryset(municipality_id: int) -> QuerySet[Proposal]:
    """One proposal with everything the detail shows, in a fixed number of queries."""
    return (
        selectors.proposal_queryset(municipality_id=municipality_id)
        .select_related("body", "recommendation_body")
        .prefetch_related(
            _units(),
            Prefetch(
                "events",
                queryset=Event.objects.select_related("actor__person", "body").order_by(
                    "created_at", "pk"
                ),
            ),
            Prefetch("answers", queryset=Answer.objects.select_related("body")),
            Prefetch("positions", queryset=Position.objects.select_related("person")),
            "attachments",
        )
    )


def _item(proposal: Proposal, *, user: Any, body_ids: set[int]) -> dict[str, Any]:
    """A proposal as ``ProposalOut``."""
    return {
        "id": proposal.pk,
        "title": proposal.title,
        "status": proposal.status,
        "status_label": proposal.get_status_display(),
        "body": {"id": proposal.body_id, "name": proposal.body.name},
        "units": [{"id": unit.pk, "name": unit.name} for unit in proposal.units.all()],
        "source": proposal.source,
        "due_on": proposal.due_on,
        "overdue": proposal.is_open and proposal.due_on < today(),
        "answer": proposal.answer or None,
        "support_count": proposal.support_count,
        "proposer": selectors.shown_name(proposal, user=user, body_ids=body_ids),
        "created_at": proposal.created_at,
    }


def _user_name(user: Any) -> str:
    person = getattr(user, "person", None)
    if person is not None:
        return str(person.full_name)
    return str(user.get_full_name() or user.username)


def _hidden_people(user: Any, positions: list[Position]) -> set[int]:
    """Citizen members among those with positions whose names the caller may not see."""
    citizens = [p.person_id for p in positions if p.person.kind == Person.Kind.CITIZEN]
    if not citizens:
        return set()
    visible = organisation_selectors.people_sharing_a_body(user=user, among=citizens)
    return set() if visible is None else set(citizens) - visible


def _detail(request: HttpRequest, user: Any, proposal_id: int) -> dict[str, Any]:
    """A proposal as ``ProposalDetailOut``, as ``user`` may see it."""
    proposal = one_or_404(_detail_queryset(user.municipality_id), proposal_id)
    body_ids = selectors.my_body_ids(user)
    positions = list(proposal.positions.all())
    hidden = _hidden_people(user, positions)
    seat_person = {p.membership_id: p.person_id for p in positions}
    proposer = selectors.shown_name(proposal, user=user, body_ids=body_ids)

    def event_out(event: Event) -> dict[str, Any]:
        data = dict(event.data)
        if (
            event.kind == Event.Kind.POSITION
            and seat_person.get(data.get("membership", 0), 0) in hidden
        ):
            data["person"] = None
        if event.actor_id is None:
            actor = None
        elif event.actor_id == proposal.submitted_by_id:
            actor = proposer  # withheld if the proposer hid their name
        else:
            actor = _user_name(event.actor)
        return {
            "id": event.pk,
            "kind": event.kind,
            "kind_label": event.get_kind_display(),
            "at": event.created_at,
            "actor": actor,
            "body": {"id": event.body_id, "name": event.body.name} if event.body else None,
            "from_status": event.from_status or None,
            "to_status": event.to_status or None,
            "reason": event.reason,
            "data": data,
        }

    deciding = proposal.status in rules.OPEN - {Status.RECOMMENDED}
    consensus = None
    if proposal.body.uses_consensus:
        result = services.consensus_of(proposal)
        consensus = {
            "state": result.state,
            "round": proposal.consensus_round,
            "missing": sorted(result.missing),
            "objections": sorted(result.objections),
        }
    recommendation_body = proposal.recommendation_body
    return {
        **_item(proposal, user=user, body_ids=body_ids),
        "proposer": proposer,
        "description": proposal.description,
        "service_users_affected": proposal.service_users_affected,
        "needs_money": proposal.needs_money,
        "cost_estimate": proposal.cost_estimate,
        "arrived_on": proposal.arrived_on,
        "answered_on": proposal.answered_on,
        "done_on": proposal.done_on,
        "merged_into": proposal.merged_into_id,
        "recommendation_body": (
            {"id": recommendation_body.pk, "name": recommendation_body.name}
            if recommendation_body
            else None
        ),
        "recommendation_recorded": proposal.recommendation_recorded,
        "requires_service_user": proposal.requires_service_user,
        "service_user_waiver": proposal.service_user_waiver,
        "decision_maker": proposal.decision_maker or None,
        "proposer_email": selectors.shown_email(proposal, user=user, body_ids=body_ids) or None,
        "events": [event_out(event) for event in proposal.events.all()],
        "answers": [
            {
                "kind": answer.kind,
                "reason": answer.reason,
                "body": {"id": answer.body_id, "name": answer.body.name} if answer.body else None,
                "decision_maker": answer.decision_maker or None,
                "new_due_on": answer.new_due_on,
                "at": answer.created_at,
            }
            for answer in proposal.answers.all()
        ],
        "positions": [
            {
                "round": p.round,
                "membership_id": p.membership_id,
                "party": p.party,
                "person": None if p.person_id in hidden else p.person.full_name,
                "stance": p.stance,
                "reason": p.reason,
                "at": p.created_at,
            }
            for p in positions
        ],
        "attachments": [
            {
                "id": a.pk,
                "name": a.name,
                "size": a.size,
                "content_type": a.content_type,
                "url": request.build_absolute_uri(reverse("proposals:attachment", args=[a.pk])),
            }
            for a in proposal.attachments.all()
        ],
        "blockers": [
            {"code": blocker, "message": str(rules.BLOCKER_MESSAGES[blocker])}
            for blocker in (services.blockers(proposal) if deciding else [])
        ],
        "consensus": consensus,
        "version": proposal.version,
    }


def _problem(error: ValidationError, rename: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A refusal by the rules as ``Problem``, with the API's names for the fields."""
    if hasattr(error, "error_dict"):
        by_field = error.message_dict
    else:
        by_field = {NON_FIELD_ERRORS: error.messages}
    errors = {(rename or {}).get(field, field): messages for field, messages in by_field.items()}
    return {
        "detail": " ".join(message for messages in errors.values() for message in messages),
        "errors": errors,
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
        return Reply(400, _problem(error, SUBMIT_FIELDS))
    return Reply(201, _detail(request, user, proposal.pk))


@router.get(
    "/proposals",
    response={200: ProposalPage, 403: Error},
    operation_id="proposal_list",
    summary="List proposals",
)
def proposal_list(request: HttpRequest, filters: Query[ProposalQuery]) -> dict[str, Any]:
    """The municipality's proposals, newest first. The number of queries does not depend on
    the page size; a search counts at most its first 1,000 matches."""
    user = caller(request)
    proposals = (
        selectors.proposal_list(
            user=user,
            filters=selectors.ProposalFilters(
                status=filters.status or "",
                body_id=filters.body,
                unit_id=filters.unit,
                overdue=filters.overdue,
                source=filters.source or "",
                query=filters.q,
                mine=filters.mine,
            ),
        )
        .defer("description", "service_user_waiver")
        .prefetch_related(_units())
    )
    searching = bool(filters.q.strip())
    # Counting every match of a broad search reads every row; stop past the cap.
    count = (proposals[: SEARCH_COUNT_CAP + 1] if searching else proposals).count()
    body_ids = selectors.my_body_ids(user)
    page = proposals[filters.offset : filters.offset + filters.limit]
    return {
        "count": min(count, SEARCH_COUNT_CAP) if searching else count,
        "count_capped": searching and count > SEARCH_COUNT_CAP,
        "items": [_item(proposal, user=user, body_ids=body_ids) for proposal in page],
    }


@router.get(
    "/proposals/{proposal_id}",
    response={200: ProposalDetailOut, 403: Error, 404: Error},
    operation_id="proposal_get",
    summary="Get a proposal with its full history",
)
def proposal_get(request: HttpRequest, proposal_id: int) -> Any:
    """Everything about one proposal: history, answers, positions, attachments, and what
    stands in the way of a decision."""
    user = caller(request)
    return _detail(request, user, proposal_id)


# ---------------------------------------------------------------------------------------
# Moving a proposal on


Permission = Callable[[Any, Proposal], bool]
Step = Callable[[Any, Proposal], object]


def _act(
    request: HttpRequest,
    proposal_id: int,
    *,
    may: Permission,
    step: Step,
    rename: Mapping[str, str] | None = None,
) -> Reply[Any]:
    """Check the caller may act on the proposal, take the step, answer with the result."""
    user = caller(request)
    proposal = one_or_404(
        selectors.proposal_queryset(municipality_id=user.municipality_id).select_related(
            "body", "recommendation_body"
        ),
        proposal_id,
    )
    if not may(user, proposal):
        raise HttpError(403, _("You may not do this with this proposal."))
    try:
        step(user, proposal)
    except ConcurrentEditError as error:
        return Reply(409, {"detail": " ".join(error.messages)})
    except ValidationError as error:
        return Reply(400, _problem(error, rename))
    return Reply(200, _detail(request, user, proposal_id))


def _action(path: str, name: str, summary: str) -> Callable[[Callable[..., Any]], Any]:
    return router.post(
        f"/proposals/{{proposal_id}}/{path}",
        response=ACTION_RESPONSES,
        operation_id=f"proposal_{name}",
        summary=summary,
    )


@_action("take-up", "take_up", "Take a proposal up for consideration")
def proposal_take_up(request: HttpRequest, proposal_id: int, payload: VersionIn) -> Any:
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
def proposal_escalate(request: HttpRequest, proposal_id: int, payload: EscalateIn) -> Any:
    """The handling body sends it on with a reason; the deadline starts again there."""

    def step(user: Any, proposal: Proposal) -> object:
        to_body = None
        if payload.to_body is not None:
            to_body = (
                organisation_selectors.body_queryset(municipality_id=user.municipality_id)
                .filter(pk=payload.to_body)
                .first()
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
def proposal_advise(request: HttpRequest, proposal_id: int, payload: AdviceIn) -> Any:
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
def proposal_waive(request: HttpRequest, proposal_id: int, payload: WaiverIn) -> Any:
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
def proposal_attendance(request: HttpRequest, proposal_id: int, payload: AttendanceIn) -> Any:
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
def proposal_position(request: HttpRequest, proposal_id: int, payload: PositionIn) -> Any:
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
def proposal_disagreement(request: HttpRequest, proposal_id: int, payload: DisagreementIn) -> Any:
    """When a member objects, the chair or secretary records each party's view."""
    return _act(
        request,
        proposal_id,
        may=permissions.can_handle,
        step=lambda user, proposal: services.disagreement_record(
            actor=user, proposal=proposal, views=payload.views, version=payload.version
        ),
        rename=VIEW_FIELDS,
    )


@_action("recommendation", "recommend", "Recommend a proposal to the decision maker")
def proposal_recommend(request: HttpRequest, proposal_id: int, payload: RecommendationIn) -> Any:
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
def proposal_decide(request: HttpRequest, proposal_id: int, payload: AnswerIn) -> Any:
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
def proposal_answer(request: HttpRequest, proposal_id: int, payload: AnswerIn) -> Any:
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
def proposal_mark_done(request: HttpRequest, proposal_id: int, payload: DoneIn) -> Any:
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
def proposal_withdraw(request: HttpRequest, proposal_id: int, payload: WithdrawIn) -> Any:
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
def proposal_merge(request: HttpRequest, proposal_id: int, payload: MergeIn) -> Any:
    """The handling body closes a duplicate by joining it to an open proposal; its proposer
    is told where it went."""

    def step(user: Any, proposal: Proposal) -> object:
        into = (
            selectors.proposal_queryset(municipality_id=user.municipality_id)
            .filter(pk=payload.into)
            .first()
        )
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
def proposal_support(request: HttpRequest, proposal_id: int) -> Any:
    """Back someone else's open proposal instead of sending a duplicate, once per person.
    It takes no version: supporting does not change what the proposal says."""
    return _act(
        request,
        proposal_id,
        may=permissions.can_support,
        step=lambda user, proposal: services.proposal_support(actor=user, proposal=proposal),
    )


# ---------------------------------------------------------------------------------------
# Citizens, without an account


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
    response={201: PublicSubmittedOut, 400: Problem},
    auth=None,
    throttle=[AnonRateThrottle("30/h")],
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
        return Reply(400, _problem(error, SUBMIT_FIELDS))
    tracking_url = request.build_absolute_uri(
        reverse("proposals:track", args=[proposal.tracking_code])
    )
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
def public_proposal_get(request: HttpRequest, tracking: str) -> Any:
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
