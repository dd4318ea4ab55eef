"""The stillingsbank's section of the meetings' standing result report (registered in
``apps.py``): its figures as aggregates only, suppressed as on the figures page.

The result report is a public document (the agenda of an open meeting may be read by
anyone), so only what ``selectors.figures`` lets through comes here: no name, no case, no
group under the threshold. It goes to the bank's own meetings and the central bodies'
(tripartite and coordination), not to every LMU.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict
from typing import Any

from trepart.meetings.models import Meeting
from trepart.organisation.models import Body
from trepart.redeployment.models import RedeploymentCase
from trepart.redeployment.selectors.figures import redeployment_figures

BODIES = (Body.Kind.REDEPLOYMENT, Body.Kind.TRIPARTITE, Body.Kind.COORDINATION)


def redeployment_section(meeting: Meeting, day: datetime.date) -> dict[str, Any] | None:
    """The bank's figures (None where there is no bank work, or for other bodies)."""
    if meeting.body.kind not in BODIES:
        return None
    if not RedeploymentCase.objects.filter(municipality_id=meeting.municipality_id).exists():
        return None
    figures = redeployment_figures(municipality=meeting.municipality)
    return {
        "made_on": day.isoformat(),
        "threshold": figures.threshold,
        "hidden": not figures.has_data,
        "total": asdict(figures.total) if figures.total else None,
        "by_year": [asdict(group) for group in figures.by_year],
        "part_time": asdict(figures.part_time) if figures.part_time else None,
    }
