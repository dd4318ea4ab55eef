"""The dugnad chart with its data table, and the figures pages' data kept in the figure
cache."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from trepart.audit.cache import cached_figure
from trepart.community.amounts import fte_text, hours_text, kroner
from trepart.community.selectors.figures import (
    DugnadFigures,
    GrantRow,
    dugnad_figures,
    grant_figures,
)
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


@dataclass(frozen=True)
class FiguresView:
    dugnad: DugnadFigures
    chart: Chart | None
    grants: list[GrantRow]


def figures_view(*, municipality_id: int, committee_id: int | None = None) -> FiguresView:
    """The dugnad and grant figures with the chart, kept until an audited write changes the
    municipality's data (building the chart is the slow part), per language."""

    def compute() -> FiguresView:
        dugnad = dugnad_figures(municipality_id=municipality_id, committee_id=committee_id)
        grants = grant_figures(municipality_id=municipality_id, committee_id=committee_id)
        return FiguresView(dugnad=dugnad, chart=dugnad_hours_chart(dugnad), grants=grants)

    return cached_figure(
        topic="community-figures",
        key=f"{committee_id}:{get_language()}",
        municipality_id=municipality_id,
        compute=compute,
    )
