"""The savings ledger frozen for a meeting (``platform.snapshots``): the page's charts and
roll-up table as plain JSON on an agenda item, sent with the analyses' "Send to a meeting".
Imported by ``apps.py`` when the app starts, which registers the source."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from trepart.development.ledger_display import (
    ledger_charts,
    rollup_caption,
    rollup_table,
    year_summary,
)
from trepart.development.selectors.ledger import ledger_figures, report_year
from trepart.platform.snapshots import snapshot_source


# Lazy: the label is shown in the language of whoever sends the snapshot.
@snapshot_source("savings-ledger", cast(str, gettext_lazy("Savings ledger")))
def ledger_snapshot(user: Any, params: Mapping[str, str]) -> dict[str, Any]:
    """The ledger page (``enhet``, ``aar``) as ``user`` sees it: charts and roll-up table."""
    unit = params.get("enhet") or params.get("unit") or ""
    unit_id = int(unit) if unit.isdigit() else None
    figures = ledger_figures(municipality=user.municipality, unit_id=unit_id)
    asked = params.get("aar", "")
    year = int(asked) if asked.isdigit() and int(asked) in figures.years else None
    year = year or report_year(figures.years)
    charts = ledger_charts(figures, year, get_language() or "")
    columns, rows = rollup_table(figures)
    url = (
        reverse("development:ledger_unit", args=[unit_id])
        if unit_id
        else reverse("development:ledger")
    )
    return {
        "title": _("Savings ledger: %(name)s") % {"name": figures.name},
        "summary": year_summary(figures, year),
        "url": f"{url}?aar={year}",
        "charts": [chart.as_json() for chart in charts],
        "tables": [
            {
                "caption": rollup_caption(figures),
                "columns": [_("Unit"), *columns],
                "rows": [[row.unit.name, *cells] for row, cells in rows],
            }
        ]
        if rows
        else [],
        "notes": [],
    }
