"""The dugnad charts, each with its data table."""

from __future__ import annotations

import altair as alt
from django.utils.translation import gettext as _

from trepart.community.amounts import fte_text, hours_text, kroner
from trepart.community.selectors.figures import DugnadFigures
from trepart.platform.charts import Chart, Table, finish, values


def dugnad_hours_chart(figures: DugnadFigures) -> Chart | None:
    """Dugnad hours by year, stacked by committee."""
    if not figures.rows:
        return None
    rows = [
        {"year": str(row.year), "committee": row.committee, "hours": float(row.hours)}
        for row in figures.rows
    ]
    table = Table(
        caption=_("Dugnad hours by committee and year"),
        columns=[_("Year"), _("Committee"), _("Hours"), _("FTE equivalents"), _("Value")],
        rows=[
            [
                str(row.year),
                row.committee,
                hours_text(row.hours),
                fte_text(row.ftes),
                kroner(row.value),
            ]
            for row in figures.rows
        ],
    )
    chart = (
        alt.Chart(values(rows))
        .mark_bar(aria=False)
        .encode(
            x=alt.X("year:N", title=_("Year")),
            y=alt.Y("hours:Q", title=_("Hours"), stack="zero"),
            color=alt.Color("committee:N", title=_("Committee")),
            tooltip=[
                alt.Tooltip("committee:N", title=_("Committee")),
                alt.Tooltip("year:N", title=_("Year")),
                alt.Tooltip("hours:Q", title=_("Hours"), format=",.0f"),
            ],
        )
    )
    latest = figures.years[-1] if figures.years else None
    summary = _("%(hours)s dugnad hours in %(year)s, about %(fte)s FTEs.") % {
        "hours": hours_text(figures.hours_in(latest)),
        "year": latest,
        "fte": fte_text(figures.ftes_in(latest)),
    }
    return Chart(
        key="dugnad-hours",
        title=_("Dugnad hours by year and committee"),
        summary=summary,
        spec=finish(chart, description=summary),
        table=table,
    )
