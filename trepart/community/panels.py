"""The committees' panels: on a proposal's page the committee that sent it, named as
proposer (only the committee's name and a link to its page); on a citizen committee body's
page its committee page and this year's grant (granted, spent, balance)."""

from __future__ import annotations

from typing import Any

from trepart.community.models import Committee, CommitteeProposal, Grant
from trepart.organisation.models import Body
from trepart.organisation.selectors import today
from trepart.proposals.models import Proposal


def proposer_panel(*, user: Any, proposal: Proposal) -> dict[str, Any]:
    link = (
        CommitteeProposal.objects.filter(proposal_id=proposal.pk)
        .select_related("committee__body")
        .first()
    )
    if link is None:
        return {}
    return {"committee": link.committee, "name": link.committee.body.name}


def body_panel(*, user: Any, body: Body) -> dict[str, Any]:
    """On a citizen committee body's page: its committee page and this year's grant."""
    if body.kind != Body.Kind.CITIZEN_COMMITTEE:
        return {}
    committee = Committee.objects.filter(body_id=body.pk).first()
    if committee is None:
        return {}
    grant = Grant.objects.filter(committee=committee, year=today().year).first()
    return {"committee": committee, "grant": grant, "year": today().year}
