"""Analysis's sections of the meetings' standing result report (registered in ``apps.py``).

Sick leave comes from the suppressed selector the dashboard uses: the municipality's
figures, or, for an LMU, its unit's subtree.
"""

from __future__ import annotations

import datetime
from typing import Any

from trepart.analysis.absence import add_months, month_start
from trepart.analysis.selectors.absence import absence_report
from trepart.meetings.models import Meeting
from trepart.organisation.models import Body


def absence_section(meeting: Meeting, day: datetime.date) -> dict[str, Any] | None:
    """Sick leave for the twelve full months before ``day``'s month, as the dashboard shows
    it (None when there are no figures; null percentages when the group is hidden)."""
    body = meeting.body
    unit_id = body.unit_id if body.kind == Body.Kind.LMU and body.unit_id else None
    return absence_report(
        municipality=meeting.municipality,
        unit_id=unit_id,
        end=add_months(month_start(day), -1),
    )
