"""The committee page's reads: the committee with its area, its members (with those who
hold an elected office flagged), its proposals and its latest dugnad entries, in a fixed
number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from trepart.community import privacy
from trepart.community.models import Committee, CommitteeProposal, DugnadEntry
from trepart.organisation.models import Membership
from trepart.organisation.selectors import active_q, today


@dataclass(frozen=True)
class MemberRow:
    name: str
    role: str
    elected: bool


def committee_members(*, committee: Committee) -> list[MemberRow]:
    """The committee's members today; a member who holds an elected office is flagged."""
    seats = list(
        Membership.objects.filter(active_q(today()), body_id=committee.body_id)
        .select_related("person")
        .order_by("role", "person__last_name", "person__first_name")
    )
    elected = privacy.elected_person_ids(
        municipality_id=committee.municipality_id, person_ids={s.person_id for s in seats}
    )
    return [
        MemberRow(
            name=seat.person.full_name,
            role=str(seat.get_role_display()),
            elected=seat.person_id in elected,
        )
        for seat in seats
    ]


def committee_member_count(*, committee: Committee) -> int:
    return Membership.objects.filter(active_q(today()), body_id=committee.body_id).count()


def member_counts(*, body_ids: list[int]) -> dict[int, int]:
    """Members today per body, in one query."""
    rows = (
        Membership.objects.filter(active_q(today()), body_id__in=body_ids)
        .values("body_id")
        .annotate(n=Count("pk"))
    )
    return {row["body_id"]: row["n"] for row in rows}


def committee_proposals(*, committee: Committee) -> QuerySet[CommitteeProposal]:
    return committee.proposals.select_related("proposal").order_by("-pk")[:20]  # type: ignore[return-value]


def committee_recent_dugnad(*, committee: Committee, limit: int = 10) -> QuerySet[DugnadEntry]:
    """The committee's latest dugnad entries, newest first (no names: who registered them
    is not shown)."""
    return committee.dugnad.order_by("-held_on", "-pk")[:limit]  # type: ignore[return-value]


def committee_get(*, pk: int, municipality_id: int) -> Committee:
    """One committee with its body and contacts; 404-style ``DoesNotExist`` elsewhere."""
    return (
        Committee.objects.for_municipality(municipality_id)
        .select_related("body__municipality", "admin_contact", "politician_contact")
        .prefetch_related("units")
        .get(pk=pk)
    )


def committee_list(*, municipality_id: int) -> QuerySet[Committee]:
    return (
        privacy.committees_public(municipality_id)
        .prefetch_related("units")
        .order_by("body__name", "pk")
    )


def user_municipality_id(user: Any) -> int | None:
    if getattr(user, "is_authenticated", False):
        return user.municipality_id  # type: ignore[no-any-return]
    return None
