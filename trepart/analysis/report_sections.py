"""Analysis's sections of the meetings' standing result report (registered in ``apps.py``).

Sick leave comes from the suppressed selector the dashboard uses: the municipality's
figures, or, for an LMU, its unit's subtree.
"""

from __future__ import annotations

import datetime
from typing import Any

from trepart.analysis import absence as calc
from trepart.analysis.absence import Figures, Period, add_months, month_start
from trepart.analysis.selectors.absence import Shares, _period_sums, absence_figures
from trepart.meetings.models import Meeting
from trepart.organisation.models import Body, Municipality
from trepart.organisation.selectors import unit_tree
from trepart.platform import formatting


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


def absence_report(
    *, municipality: Municipality, unit_id: int | None, end: datetime.date
) -> dict[str, Any] | None:
    """Sick leave for a meeting's result report: the twelve months up to ``end``'s month,
    the same months a year before, and per quarter; None when there are no figures."""
    end = calc.month_start(end)
    figures = absence_figures(
        municipality=municipality, unit_id=unit_id, start=calc.add_months(end, -11), end=end
    )
    if not figures.has_data:
        return None
    quarters: list[dict[str, Any]] = []
    if not figures.hidden:
        span_start = calc.add_months(end, -11)
        members = (
            None
            if unit_id is None
            else set(unit_tree(municipality_id=municipality.pk).subtree(unit_id))
        )
        points = _period_sums(municipality.pk, members, span_start, end)
        by_quarter: dict[datetime.date, Figures] = {}
        for period, sums in points:
            key = calc.quarter_start(period.start)
            by_quarter[key] = by_quarter.get(key, Figures()) + sums
        for key in sorted(by_quarter):
            shares = Shares.of(by_quarter[key])
            quarters.append(
                {
                    "quarter": Period(key, 3).label,
                    "percent": _round(shares.percent),
                    "certified": _round(shares.certified),
                    "self_certified": _round(shares.self_certified),
                }
            )
    return {
        "unit": figures.name,
        "period": [f"{figures.start:%Y-%m}", f"{figures.end:%Y-%m}"],
        "hidden": figures.hidden,
        "threshold": figures.threshold,
        "percent": _round(figures.last.percent),
        "certified": _round(figures.last.certified),
        "self_certified": _round(figures.last.self_certified),
        "percent_year_before": _round(figures.before.percent),
        "quarters": quarters,
    }


def _round(value: float | None) -> float | None:
    return formatting.rounded_float(value)
