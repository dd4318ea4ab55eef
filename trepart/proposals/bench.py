"""The proposals app's pages for ``trepart bench``.

Each page is measured on a demanding real row: the inbox of the body with the most open
proposals, the list with and without filters and searches, and the proposal with the
longest history. The search words are ones ``trepart generate`` puts in many proposals
(``rutiner``) and in very few (``varmepumpe``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from trepart.platform.bench_registry import BenchContext, BenchPage
from trepart.proposals.models import OPEN_STATUSES, Event, Proposal, Status

COMMON_WORD = "rutiner"
RARE_WORD = "varmepumpe"


def bench_pages(context: BenchContext) -> list[BenchPage]:
    municipality_id = context.municipality.pk
    busiest = (
        Proposal.objects.filter(municipality_id=municipality_id, status__in=OPEN_STATUSES)
        .values("body_id")
        .annotate(open=Count("pk"))
        .order_by("-open", "body_id")
        .first()
    )
    longest = (
        Event.objects.filter(municipality_id=municipality_id)
        .values("proposal_id")
        .annotate(steps=Count("pk"))
        .order_by("-steps", "-proposal_id")
        .first()
    )
    listing = reverse("proposals:list")
    status = Status.UNDER_CONSIDERATION
    pages: list[tuple[str, str | None]] = [
        (
            "Proposal inbox (most open)",
            reverse("proposals:inbox", args=[busiest["body_id"]]) if busiest else None,
        ),
        ("Proposals", listing),
        (
            "Proposals (status, overdue, body)",
            f"{listing}?"
            + urlencode(
                {"status": status, "overdue": "on", "body": busiest["body_id"] if busiest else ""}
            ),
        ),
        ("Proposal search (common word)", f"{listing}?{urlencode({'q': COMMON_WORD})}"),
        ("Proposal search (rare word)", f"{listing}?{urlencode({'q': RARE_WORD})}"),
        (
            "Proposal (longest history)",
            reverse("proposals:detail", args=[longest["proposal_id"]]) if longest else None,
        ),
        # Every unit of the municipality as a check box, grouped by sector.
        ("New proposal", reverse("proposals:new")),
        ("API proposals", f"/api/v1/proposals?{urlencode({'status': status})}"),
        (
            "API proposal (longest history)",
            f"/api/v1/proposals/{longest['proposal_id']}" if longest else None,
        ),
    ]
    return [BenchPage(name, url, "admin") for name, url in pages if url is not None]
