"""The meetings app's pages for ``trepart bench``.

Each page is measured on a demanding real row: the meeting with the longest agenda (as a
member of its body and as a visitor without a login), the public calendar, the follow-up
board for the whole municipality and for the body with the most open actions, and the API's
list and the same meeting in it, for a member and for a visitor.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from trepart.meetings.models import OPEN_FOLLOW_UP, FollowUp, Meeting
from trepart.organisation.models import Membership
from trepart.organisation.selectors import active_q, today
from trepart.platform.bench_registry import ANONYMOUS, BenchContext, BenchPage

# A name many people share, so the searches return a full page of matches.
COMMON_NAME = "Hansen"


def _url(name: str, *args: int, query: dict[str, object] | None = None) -> str | None:
    try:
        path = reverse(name, args=args)
    except NoReverseMatch:  # the page is not mounted (yet): nothing to measure
        return None
    return f"{path}?{urlencode(query)}" if query else path


def longest_public_meeting(municipality_id: int) -> Meeting | None:
    """The held open meeting with the most items (the newest of those)."""
    return (
        Meeting.objects.filter(
            municipality_id=municipality_id,
            is_open=True,
            published_at__isnull=False,
            status=Meeting.Status.HELD,
        )
        .annotate(n=Count("items"))
        .order_by("-n", "-starts_at")
        .first()
    )


def public_meeting_url(context: BenchContext) -> str | None:
    """The public page of the bench municipality's longest meeting, for ``bench --serve``."""
    meeting = longest_public_meeting(context.municipality.pk)
    return _url("meetings:meeting-detail", meeting.pk) if meeting else None


def bench_pages(context: BenchContext) -> list[BenchPage]:
    municipality_id = context.municipality.pk
    longest = longest_public_meeting(municipality_id)
    busiest = (
        FollowUp.objects.filter(municipality_id=municipality_id, status__in=OPEN_FOLLOW_UP)
        .values("body_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "body_id")
        .first()
    )
    # A demo login who sits in the meeting's body reads it as a member; else the admin.
    member = "admin"
    if longest is not None:
        seated = set(
            Membership.objects.filter(active_q(today()), body_id=longest.body_id).values_list(
                "person__user__username", flat=True
            )
        )
        member = next((name for name in context.users if name in seated), "admin")
    meeting_id = longest.pk if longest else None
    pages: list[tuple[str, str | None, str]] = [
        (
            "Meeting (member)",
            _url("meetings:meeting-detail", meeting_id) if meeting_id else None,
            member,
        ),
        (
            "Meeting (visitor)",
            _url("meetings:meeting-detail", meeting_id) if meeting_id else None,
            ANONYMOUS,
        ),
        ("Meeting calendar (visitor)", _url("meetings:calendar"), ANONYMOUS),
        ("Follow-up board", _url("meetings:follow-up-board"), "admin"),
        (
            "Follow-up board (busiest body)",
            _url("meetings:follow-up-board", query={"body": busiest["body_id"]})
            if busiest
            else None,
            "admin",
        ),
        # The agenda item form: the case officer is picked by search, never from a list of
        # every person (50,000 at the oslo preset).
        (
            "Agenda item form",
            _url("meetings:item-add", meeting_id) if meeting_id else None,
            "admin",
        ),
        (
            "Agenda item form (case officer search)",
            _url("meetings:item-add", meeting_id, query={"case_officer_q": COMMON_NAME})
            if meeting_id
            else None,
            "admin",
        ),
        (
            "Person picker search",
            _url(
                "organisation:person-picker",
                query={
                    "field": "case_officer",
                    "id": "id_case_officer",
                    "citizens": 0,
                    "none": 1,
                    "case_officer_q": COMMON_NAME,
                },
            ),
            "admin",
        ),
        ("API meetings", "/api/v1/meetings", "admin"),
        ("API meetings (visitor)", "/api/v1/meetings", ANONYMOUS),
        (
            "API meeting (longest agenda)",
            f"/api/v1/meetings/{meeting_id}" if meeting_id else None,
            member,
        ),
        (
            "API meeting (visitor)",
            f"/api/v1/meetings/{meeting_id}" if meeting_id else None,
            ANONYMOUS,
        ),
    ]
    return [BenchPage(name, url, user) for name, url, user in pages if url is not None]
