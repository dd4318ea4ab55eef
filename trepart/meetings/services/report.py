"""The standing result report ("rådmannen etterspør resultater"), frozen into the agenda.

The report is plain JSON so the snapshot stored on the item never changes with the data:
the minutes refer to exactly what the members saw. Sick leave comes from the analysis
module's suppressed selector: the municipality's figures, or an LMU's unit's subtree.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from trepart.analysis.absence import add_months, month_start
from trepart.analysis.selectors.absence import absence_report
from trepart.meetings.models import OPEN_FOLLOW_UP, FollowUp, Meeting
from trepart.organisation.models import Body
from trepart.platform import formatting
from trepart.proposals.selectors import proposal_figures

REPORT_MONTHS = 12


def report_period(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The twelve months up to ``day``."""
    try:
        start = day.replace(year=day.year - 1) + datetime.timedelta(days=1)
    except ValueError:  # 29 February
        start = day.replace(year=day.year - 1, day=28) + datetime.timedelta(days=1)
    return start, day


def _share(part: int, whole: int) -> float | None:
    return formatting.rounded_float(part * 100 / whole) if whole else None


def follow_up_status(*, body_id: int, day: datetime.date) -> dict[str, int]:
    counts = FollowUp.objects.filter(body_id=body_id).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_FOLLOW_UP)),
        overdue=Count("pk", filter=Q(status__in=OPEN_FOLLOW_UP, due_on__lt=day)),
        done=Count("pk", filter=Q(status=FollowUp.Status.DONE)),
    )
    return {key: int(value or 0) for key, value in counts.items()}


def absence_status(meeting: Meeting, *, day: datetime.date) -> dict[str, Any] | None:
    """Sick leave for the twelve full months before ``day``'s month, as the dashboard shows
    it (None when there are no figures; null percentages when the group is hidden)."""
    body = meeting.body
    unit_id = body.unit_id if body.kind == Body.Kind.LMU and body.unit_id else None
    return absence_report(
        municipality=meeting.municipality,
        unit_id=unit_id,
        end=add_months(month_start(day), -1),
    )


def result_report(meeting: Meeting, *, day: datetime.date | None = None) -> dict[str, Any]:
    """Proposal figures per body for the last twelve months, and the follow-up status."""
    day = day or timezone.localdate()
    start, end = report_period(day)
    rows = proposal_figures(meeting.municipality_id, start, end, by="body")
    proposals = [
        {
            "body": row.name,
            "received": row.received,
            "answered": row.answered,
            "percent_in_time": _share(row.answered_in_time, row.answered),
            "median_days": row.median_days,
            "percent_implemented": _share(row.implemented, row.answered),
        }
        for row in rows
    ]
    totals = {
        "received": sum(r.received for r in rows),
        "answered": sum(r.answered for r in rows),
        "percent_in_time": _share(
            sum(r.answered_in_time for r in rows), sum(r.answered for r in rows)
        ),
        "percent_implemented": _share(
            sum(r.implemented for r in rows), sum(r.answered for r in rows)
        ),
    }
    return {
        "made_on": day.isoformat(),
        "period": [start.isoformat(), end.isoformat()],
        "proposals": proposals,
        "proposal_totals": totals,
        "follow_ups": follow_up_status(body_id=meeting.body_id, day=day),
        "absence": absence_status(meeting, day=day),
    }
