"""Who may do what with a proposal: plain predicates for views, templates and the API."""

from __future__ import annotations

from typing import Any

from trepart.organisation.models import Body, Membership
from trepart.organisation.permissions import can_manage_body
from trepart.organisation.selectors import active_q, today
from trepart.platform.tenancy import same_municipality
from trepart.proposals.models import Proposal


def _person_id(user: Any) -> int | None:
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person.pk if person is not None else None


def sits_in(user: Any, body_id: int | None) -> bool:
    person_id = _person_id(user)
    if person_id is None or body_id is None:
        return False
    return Membership.objects.filter(
        active_q(today()), body_id=body_id, person_id=person_id
    ).exists()


def is_proposer(user: Any, proposal: Proposal) -> bool:
    return bool(user.is_authenticated and proposal.submitted_by_id == user.pk)


def can_view_proposal(user: Any, proposal: Proposal) -> bool:
    """Everyone in the municipality sees its proposals; names and contact details less so."""
    return same_municipality(user, proposal)


def can_see_proposer(user: Any, proposal: Proposal) -> bool:
    """A hidden name is shown only to the proposer and the body that handles the proposal."""
    if not same_municipality(user, proposal):
        return False
    if not proposal.hide_name or is_proposer(user, proposal):
        return True
    return sits_in(user, proposal.body_id)


def can_see_contact(user: Any, proposal: Proposal) -> bool:
    """A proposer's e-mail address is for the handling body (and the proposer) only."""
    if not same_municipality(user, proposal):
        return False
    return is_proposer(user, proposal) or sits_in(user, proposal.body_id)


def can_handle(user: Any, proposal: Proposal) -> bool:
    """The handling body's chair and secretary (and administrators) move a proposal on."""
    return can_manage_body(user, proposal.body)


def can_advise(user: Any, proposal: Proposal) -> bool:
    """The body whose recommendation is needed records it."""
    body = proposal.recommendation_body
    return body is not None and can_manage_body(user, body)


def coordination_group(municipality_id: int) -> Body | None:
    return (
        Body.objects.filter(municipality_id=municipality_id, kind=Body.Kind.COORDINATION)
        .order_by("pk")
        .first()
    )


def can_waive(user: Any, proposal: Proposal) -> bool:
    """Only the coordination group may let a body decide without a service-user member."""
    group = coordination_group(proposal.municipality_id)
    return group is not None and can_manage_body(user, group)


def can_record_position(user: Any, proposal: Proposal, membership: Membership) -> bool:
    """Members record their own position; the chair or secretary may record it for them."""
    if membership.body_id != proposal.body_id or not same_municipality(user, proposal):
        return False
    return membership.person_id == _person_id(user) or can_handle(user, proposal)


def can_withdraw(user: Any, proposal: Proposal) -> bool:
    return is_proposer(user, proposal)


def can_support(user: Any, proposal: Proposal) -> bool:
    return same_municipality(user, proposal) and not is_proposer(user, proposal)
