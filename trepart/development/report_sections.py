"""The development work's section of the meetings' standing result report (registered in
``apps.py``): the savings ledger, planned against realised this year and in all.

The figures are the ledger's own (``selectors.ledger``): the municipality's, or, for an
LMU, its unit's subtree. The projects the meeting's body mandated are listed by title only
when they are public; the agenda may be read by anyone.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, Sum

from trepart.development.ledger_display import realisation_label
from trepart.development.models import Project, Realisation, SavingsYear
from trepart.development.selectors.ledger import Sums, ledger_figures
from trepart.meetings.models import Meeting
from trepart.organisation.models import Body
from trepart.platform import formatting


def _sums(sums: Sums) -> dict[str, Any]:
    return {
        "planned": sums.planned,
        "realised": sums.realised if sums.reported else None,
    }


def _projects(body: Body, year: int) -> list[dict[str, Any]]:
    rows = []
    projects = Project.objects.filter(
        mandating_body=body, visibility=Project.Visibility.PUBLIC, measures__isnull=False
    ).distinct()
    for project in projects.order_by("title", "pk"):
        this_year = SavingsYear.objects.filter(measure__project=project, year=year).aggregate(
            planned=Sum("planned"),
            realised=Sum("realised"),
        )
        total = SavingsYear.objects.filter(measure__project=project).aggregate(
            planned=Sum("planned"), realised=Sum("realised", filter=Q(realised__isnull=False))
        )
        rows.append(
            {
                "project": project.title,
                "planned": int(this_year["planned"] or 0),
                "realised": this_year["realised"],
                "planned_total": int(total["planned"] or 0),
                "realised_total": int(total["realised"] or 0),
            }
        )
    return rows


def savings_section(meeting: Meeting, day: datetime.date) -> dict[str, Any] | None:
    """The savings ledger for ``day``'s year (None when the ledger is empty)."""
    body = meeting.body
    unit_id = body.unit_id if body.kind == Body.Kind.LMU and body.unit_id else None
    figures = ledger_figures(municipality=meeting.municipality, unit_id=unit_id)
    if not figures.has_data:
        return None
    year = day.year
    by_realisation = []
    for kind in Realisation.values:
        sums = figures.by_realisation.get(kind, {}).get(year)
        if sums is not None and (sums.planned or sums.realised):
            by_realisation.append({"realisation": realisation_label(kind), **_sums(sums)})
    return {
        "unit": figures.name,
        "year": year,
        "this_year": _sums(figures.year_sums(year)),
        "total": _sums(figures.total),
        "years": [{"year": each, **_sums(figures.year_sums(each))} for each in figures.years],
        "by_realisation": by_realisation,
        "fte_effect": formatting.rounded_float(figures.fte_total, 2),
        "measures": figures.measure_count,
        "projects": _projects(body, year),
    }
