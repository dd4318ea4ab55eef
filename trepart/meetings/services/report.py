"""The standing result report ("rådmannen etterspør resultater"), frozen into the agenda.

The report is plain JSON so the snapshot stored on the item never changes with the data:
the minutes refer to exactly what the members saw. The meetings' own figures (proposal
answers, follow-up status) are made here; apps above meetings add sections of their own
through ``register_report_section`` (analysis adds sick leave, from its ``ready()``), each
under its key, after the meetings' own and in the order they were registered.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from trepart.meetings.models import OPEN_FOLLOW_UP, FollowUp, Meeting
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


# A section's builder: the meeting and the report's day in, plain JSON (or None) out.
ReportSection = Callable[[Meeting, datetime.date], Any]

_SECTIONS: dict[str, ReportSection] = {}
# The templates that show a section (with ``report``, the frozen report, in their context):
# on the agenda page and in the PDF notice, by key, so meetings names no higher app's file.
_TEMPLATES: dict[str, tuple[str, str]] = {}
_OWN_KEYS = ("made_on", "period", "proposals", "proposal_totals", "follow_ups")


def register_report_section(
    key: str, builder: ReportSection, *, template: str = "", pdf_template: str = ""
) -> None:
    """Add ``builder``'s answer to every result report, under ``key``, shown on the agenda
    page by ``template`` and in the PDF notice by ``pdf_template`` (if given). Registering
    the same builder again (a second ``ready()``) changes nothing; another one under a taken
    key is refused, so two apps cannot silently overwrite each other's figures."""
    if key in _OWN_KEYS:
        raise ValueError(f"the result report makes {key!r} itself")
    known = _SECTIONS.get(key)
    if known is not None and known is not builder:
        raise ValueError(f"a result report section {key!r} is already registered")
    _SECTIONS[key] = builder
    if template or pdf_template:
        _TEMPLATES[key] = (template, pdf_template)


def report_section_templates(report: dict[str, Any], *, pdf: bool = False) -> list[str]:
    """The templates of the registered sections this frozen ``report`` has figures for."""
    return [
        pair[1] if pdf else pair[0]
        for key, pair in _TEMPLATES.items()
        if report.get(key) and (pair[1] if pdf else pair[0])
    ]


def report_sections() -> dict[str, ReportSection]:
    """The registered sections, in the order they were registered."""
    return dict(_SECTIONS)


def result_report(meeting: Meeting, *, day: datetime.date | None = None) -> dict[str, Any]:
    """Proposal figures per body for the last twelve months, the follow-up status, and
    each registered section."""
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
        **{key: build(meeting, day) for key, build in _SECTIONS.items()},
    }
