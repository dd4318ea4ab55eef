"""Sick leave as people read it: texts, the one-sentence summaries, the two charts, and the
dashboard frozen for a meeting. Every figure comes from ``selectors.absence.absence_figures``
(already suppressed); nothing here reads the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import altair as alt
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from trepart.analysis import absence as calc
from trepart.analysis.absence import parse_month
from trepart.analysis.selectors.absence import AbsenceFigures, absence_figures
from trepart.audit.cache import cached_figure
from trepart.platform import formatting
from trepart.platform.charts import Chart, Table, finish, values
from trepart.platform.snapshots import snapshot_source


def month_text(day: datetime.date) -> str:
    return formatting.month(day)


def hidden_text(threshold: int) -> str:
    return _("hidden (fewer than %(threshold)s employees)") % {"threshold": threshold}


def trend_summary(figures: AbsenceFigures) -> str:
    if figures.hidden:
        return _(
            "The figures are hidden: the group has fewer than %(threshold)s employees, or its "
            "figures could be worked out from those shown."
        ) % {"threshold": figures.threshold}
    if figures.last.percent is None:
        return _("There are no sick-leave figures for this period.")
    values = {
        "name": figures.name,
        "percent": formatting.percent(figures.last.percent),
        "month": month_text(figures.end),
    }
    change = figures.change
    if change is None:
        return _("Sick leave in %(name)s was %(percent)s in the 12 months up to %(month)s.") % (
            values
        )
    values["points"] = formatting.number(abs(change), 1)
    if change < 0:
        text = _(
            "Sick leave in %(name)s was %(percent)s in the 12 months up to %(month)s, "
            "%(points)s points below the year before."
        )
    elif change > 0:
        text = _(
            "Sick leave in %(name)s was %(percent)s in the 12 months up to %(month)s, "
            "%(points)s points above the year before."
        )
    else:
        text = _(
            "Sick leave in %(name)s was %(percent)s in the 12 months up to %(month)s, "
            "the same as the year before."
        )
    return text % values


def comparison_summary(figures: AbsenceFigures) -> str:
    shown = [row for row in figures.children if row.last.percent is not None]
    hidden = figures.hidden_children
    if not shown:
        text = _("No unit under %(name)s has figures that may be shown.") % {"name": figures.name}
    else:
        ranked = sorted(shown, key=lambda row: row.last.percent or 0.0)
        text = _(
            "Of the %(count)s units shown, %(high)s had the highest sick leave in the last 12 "
            "months (%(high_percent)s) and %(low)s the lowest (%(low_percent)s)."
        ) % {
            "count": len(shown),
            "high": ranked[-1].unit.name,
            "high_percent": formatting.percent(ranked[-1].last.percent),
            "low": ranked[0].unit.name,
            "low_percent": formatting.percent(ranked[0].last.percent),
        }
    if hidden:
        text += " " + ngettext(
            "%(count)s unit is hidden because it has fewer than %(threshold)s employees or "
            "could be worked out from the others.",
            "%(count)s units are hidden because they have fewer than %(threshold)s employees "
            "or could be worked out from the others.",
            hidden,
        ) % {"count": hidden, "threshold": figures.threshold}
    return text


def _shown(value: float | None) -> float | None:
    """A percentage as the page shows it (one decimal, rounded once), for chart data."""
    return formatting.rounded_float(value)


def _with_rows(spec: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The spec with its rows inline.

    Altair checks a spec against the Vega-Lite schema row by row, which took a tenth of a
    second for a hundred units; the spec is checked without them and the rows, plain
    numbers and names, are added after.
    """
    spec["data"] = {"values": rows}
    return spec


def trend_chart(figures: AbsenceFigures) -> Chart:

    certified, self_certified = _("Doctor-certified"), _("Self-certified")
    rows: list[dict[str, Any]] = []
    table_rows: list[list[str]] = []
    for point in figures.points:
        label = point.period.label
        day = point.period.start.isoformat()
        rows.append(
            {
                "month": day,
                "label": label,
                "kind": certified,
                "percent": _shown(point.shares.certified),
            }
        )
        rows.append(
            {
                "month": day,
                "label": label,
                "kind": self_certified,
                "percent": _shown(point.shares.self_certified),
            }
        )
        table_rows.append(
            [
                label,
                formatting.percent(point.shares.percent),
                formatting.percent(point.shares.certified),
                formatting.percent(point.shares.self_certified),
            ]
        )
    title = _("Sick leave, rolling four quarters") if figures.rolling else _("Sick leave per month")
    chart = (
        alt.Chart()
        .mark_area(aria=False)
        .encode(
            x=alt.X("month:T", title=_("Month"), axis=alt.Axis(format="%b %Y")),
            y=alt.Y("percent:Q", stack="zero", title=_("Sick leave (%)")),
            # The stack follows the colour order: doctor-certified at the bottom.
            color=alt.Color("kind:N", title=_("Kind"), sort=[certified, self_certified]),
            tooltip=[
                alt.Tooltip("label:N", title=_("Period")),
                alt.Tooltip("kind:N", title=_("Kind")),
                alt.Tooltip("percent:Q", title=_("Sick leave (%)"), format=".1f"),
            ],
        )
    )
    notes = []
    if figures.rolling:
        notes.append(
            _(
                "The group has fewer than %(small)s employees, so each point is the rolling "
                "rate of the twelve months up to it."
            )
            % {"small": calc.SMALL_UNIT}
        )
    if any(point.period.months == 3 for point in figures.points):
        notes.append(_("Some units report per quarter: those quarters are shown as one point."))
    summary = trend_summary(figures)
    return Chart(
        key="absence-trend",
        title=f"{title}: {figures.name}",
        summary=summary,
        spec=_with_rows(finish(chart, description=summary), rows),
        table=Table(
            caption=_("Sick leave per period, %(name)s") % {"name": figures.name},
            columns=[_("Period"), _("Total"), _("Doctor-certified"), _("Self-certified")],
            rows=table_rows,
        ),
        notes=notes,
    )


def comparison_chart(figures: AbsenceFigures) -> Chart:

    shown = sorted(
        (row for row in figures.children if row.last.percent is not None),
        key=lambda row: -(row.last.percent or 0.0),
    )
    rows = [
        {
            "unit": row.unit.name,
            "percent": _shown(row.last.percent),
            "ceiling": None if row.target is None else _shown(100 - row.target),
        }
        for row in shown
    ]
    order = [row.unit.name for row in shown]
    # The units' rows belong to the bars and ticks themselves: a layer without data of its
    # own would be given Altair's empty placeholder once other layers (the rules) have some.
    base = alt.Chart(values(rows)).encode(
        y=alt.Y("unit:N", sort=order, title=None),
    )
    bars = base.mark_bar(aria=False).encode(
        x=alt.X("percent:Q", title=_("Sick leave, last 12 months (%)")),
        tooltip=[
            alt.Tooltip("unit:N", title=_("Unit")),
            alt.Tooltip("percent:Q", title=_("Sick leave (%)"), format=".1f"),
        ],
    )
    layers: list[Any] = [bars]
    # Ticks only where some unit has a target: a layer with no rows has no extent.
    if any(row["ceiling"] is not None for row in rows):
        layers.append(
            base.transform_filter("datum.ceiling != null")
            .mark_tick(thickness=3, color="#1E1E1E", aria=False)
            .encode(x="ceiling:Q")
        )
    if figures.target is not None:
        layers.append(
            alt.Chart(values([{"allowed": _shown(100 - figures.target)}]))
            .mark_rule(color="#1E1E1E", aria=False)
            .encode(x="allowed:Q")
        )
    if figures.last.percent is not None:
        rule = (
            alt.Chart(values([{"whole": _shown(figures.last.percent)}]))
            .mark_rule(strokeDash=[4, 4], color="#C75B12", aria=False)
            .encode(x="whole:Q")
        )
        layers.append(rule)
    summary = comparison_summary(figures)
    table_rows = []
    for row in sorted(figures.children, key=lambda row: row.unit.name):
        if row.hidden:
            table_rows.append([row.unit.name, hidden_text(figures.threshold), "—", "—", "—"])
        else:
            table_rows.append(
                [
                    row.unit.name,
                    formatting.percent(row.last.percent),
                    formatting.signed(row.change),
                    formatting.percent(row.target),
                    formatting.signed(row.gap),
                ]
            )
    return Chart(
        key="absence-units",
        title=_("Sick leave by unit under %(name)s") % {"name": figures.name},
        summary=summary,
        spec=finish(alt.layer(*layers), description=summary),
        table=Table(
            caption=_("Sick leave by unit, last 12 months"),
            columns=[
                _("Unit"),
                _("Sick leave"),
                _("Change (points)"),
                _("Presence target"),
                _("Gap to target (points)"),
            ],
            rows=table_rows,
        ),
        notes=[
            _(
                "Bars: sick leave in the last 12 months (the rolling four-quarter rate). Black "
                "marks: the sick leave a unit's presence target allows; a black line: what "
                "%(name)s's own target allows. Dashed line: %(name)s as a whole."
            )
            % {"name": figures.name}
        ],
    )


def dashboard_charts(figures: AbsenceFigures) -> list[Chart]:
    """The trend and the unit comparison (none when there is nothing to show)."""
    if not figures.has_data or figures.hidden:
        return []
    key = (
        f"charts:{figures.unit.pk if figures.unit else None}:{figures.start}:{figures.end}:"
        f"{figures.threshold}:{get_language()}"
    )
    return cached_figure(
        topic="absence",
        key=key,
        municipality_id=figures.municipality.pk,
        compute=lambda: [trend_chart(figures), comparison_chart(figures)],
    )


def dashboard_query(figures: AbsenceFigures) -> str:
    from urllib.parse import urlencode

    params = {"fra": f"{figures.start:%Y-%m}", "til": f"{figures.end:%Y-%m}"}
    if figures.unit:
        params["enhet"] = str(figures.unit.pk)
    return urlencode(params)


@snapshot_source("absence-dashboard", _("Sick leave"))
def absence_snapshot(user: Any, params: Mapping[str, str]) -> dict[str, Any]:
    """The dashboard frozen for a meeting: the two charts, the table, the same suppression."""
    unit = params.get("enhet") or params.get("unit") or ""
    unit_id = int(unit) if unit.isdigit() else None
    start = parse_month(params.get("fra", "") or params.get("from", ""))
    end = parse_month(params.get("til", "") or params.get("to", ""))
    figures = absence_figures(municipality=user.municipality, unit_id=unit_id, start=start, end=end)
    charts = dashboard_charts(figures) or [trend_chart(figures), comparison_chart(figures)]
    return {
        "title": _("Sick leave: %(name)s, %(start)s – %(end)s")
        % {
            "name": figures.name,
            "start": month_text(figures.start),
            "end": month_text(figures.end),
        },
        "summary": trend_summary(figures),
        "url": f"{reverse('analysis:absence')}?{dashboard_query(figures)}",
        "charts": [chart.as_json() for chart in charts],
        "tables": [
            {
                "caption": chart.table.caption,
                "columns": chart.table.columns,
                "rows": chart.table.rows,
            }
            for chart in charts
        ],
        "notes": [
            _(
                "Figures for groups of fewer than %(threshold)s employees are hidden, and so "
                "are figures that could be worked out from the others."
            )
            % {"threshold": figures.threshold}
        ],
    }
