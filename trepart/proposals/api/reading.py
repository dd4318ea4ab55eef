"""Reading proposals: the list, and one proposal with its full history as the caller may
see it (which every action also answers with).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import Query

from trepart.organisation import selectors as organisation_selectors
from trepart.organisation.models import Person, Unit
from trepart.organisation.schemas import Error
from trepart.organisation.selectors import today
from trepart.platform.api import Id, caller, one_or_404
from trepart.platform.urls import absolute_url
from trepart.proposals import rules, selectors, services
from trepart.proposals.api.routers import router
from trepart.proposals.api.schemas import (
    SEARCH_COUNT_CAP,
    ProposalDetailOut,
    ProposalPage,
    ProposalQuery,
)
from trepart.proposals.models import Answer, Event, Position, Proposal, Status


def _units() -> Prefetch[Any]:
    return Prefetch("units", queryset=Unit.objects.only("id", "name").order_by("name", "pk"))


def _detail_queryset(user: Any) -> QuerySet[Proposal]:
    """One proposal with everything the detail shows, in a fixed number of queries."""
    return (
        selectors.proposal_queryset(user=user)
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
    proposal = one_or_404(_detail_queryset(user), proposal_id)
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
            "reason": event.shown_reason,
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
                "url": absolute_url(reverse("proposals:attachment", args=[a.pk])),
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
def proposal_get(request: HttpRequest, proposal_id: Id) -> Any:
    """Everything about one proposal: history, answers, positions, attachments, and what
    stands in the way of a decision."""
    user = caller(request)
    return _detail(request, user, proposal_id)
