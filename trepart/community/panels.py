"""The committees' panel on a proposal's page: the committee that sent it, named as
proposer (public: only the committee's name and a link to its page)."""

from __future__ import annotations

from typing import Any

from trepart.community.models import CommitteeProposal
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
