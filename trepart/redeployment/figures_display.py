"""The stillingsbank's figures drawn: charts with their tables and summaries (platform
charts), built only from the suppressed figures of ``selectors.figures``."""

from __future__ import annotations

from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from trepart.platform import formatting
from trepart.platform.charts import Chart, Table, finish, values
from trepart.redeployment.selectors.figures import BankGroup, Figures, PartTimeGroup


def _days(value: float | None) -> str:
    return formatting.NONE_TEXT if value is None else formatting.decimal(value)


def _bars(rows: list[dict[str, Any]], *, title: str, kinds: list[str]) -> alt.Chart:
    return (
        alt.Chart(values(rows))
        .mark_bar(aria=False)
        .encode(
            x=alt.X("group:N", title=title, sort=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("kind:N", sort=kinds),
            y=alt.Y("count:Q", title=_("People"), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("kind:N", title=None, sort=kinds),
            tooltip=[
                alt.Tooltip("group:N", title=title),
                alt.Tooltip("kind:N", title=_("Figure")),
                alt.Tooltip("count:Q", title=_("People")),
            ],
        )
    )


def bank_chart(groups: list[BankGroup], *, key: str, heading: str, caption: str) -> Chart:
    registered, placed, notices = _("Registered"), _("Placed"), _("Given notice")
    kinds = [registered, placed, notices]
    rows: list[dict[str, Any]] = []
    for group in groups:
        for kind, count in zip(kinds, (group.registered, group.placed, group.notices), strict=True):
            rows.append({"group": group.label, "kind": kind, "count": count})
    summary = (
        _("%(placed)s of %(registered)s registered were placed; %(notices)s were given notice.")
        % {
            "placed": sum(group.placed for group in groups),
            "registered": sum(group.registered for group in groups),
            "notices": sum(group.notices for group in groups),
        }
        if groups
        else _("No group is large enough to be shown.")
    )
    table = Table(
        caption=caption,
        columns=[
            heading,
            registered,
            _("In the bank now"),
            placed,
            _("Share placed"),
            _("Median days to placement"),
            _("Notices avoided"),
            notices,
        ],
        rows=[
            [
                group.label,
                formatting.number(group.registered),
                formatting.number(group.in_bank),
                formatting.number(group.placed),
                formatting.percent(group.share_placed),
                _days(group.median_days),
                formatting.number(group.avoided),
                formatting.number(group.notices),
            ]
            for group in groups
        ],
    )
    return Chart(
        key=key,
        title=caption,
        summary=summary,
        spec=finish(_bars(rows, title=heading, kinds=kinds), description=summary),
        table=table,
    )


def part_time_chart(groups: list[PartTimeGroup], *, key: str, heading: str, caption: str) -> Chart:
    wishing, increased = _("Wishing a larger position"), _("Position increased")
    kinds = [wishing, increased]
    rows: list[dict[str, Any]] = []
    for group in groups:
        rows.append({"group": group.label, "kind": wishing, "count": group.employees})
        rows.append({"group": group.label, "kind": increased, "count": group.increased})
    summary = (
        _("%(increased)s of %(employees)s part-time employees wishing more got a larger position.")
        % {
            "increased": sum(group.increased for group in groups),
            "employees": sum(group.employees for group in groups),
        }
        if groups
        else _("No group is large enough to be shown.")
    )
    table = Table(
        caption=caption,
        columns=[heading, wishing, _("Still waiting"), increased, _("Percentage points gained")],
        rows=[
            [
                group.label,
                formatting.number(group.employees),
                formatting.number(group.waiting),
                formatting.number(group.increased),
                formatting.NONE_TEXT if group.points is None else formatting.number(group.points),
            ]
            for group in groups
        ],
    )
    return Chart(
        key=key,
        title=caption,
        summary=summary,
        spec=finish(_bars(rows, title=heading, kinds=kinds), description=summary),
        table=table,
    )


def figure_charts(figures: Figures) -> list[Chart]:
    """The page's charts: the bank and the part-time wishes, by year and by sector."""
    year, sector = _("Year registered"), _("Sector")
    charts = []
    if figures.total is not None:
        charts += [
            bank_chart(
                figures.by_year,
                key="bank-years",
                heading=year,
                caption=_("Redundant employees by year registered"),
            ),
            bank_chart(
                figures.by_sector,
                key="bank-sectors",
                heading=sector,
                caption=_("Redundant employees by sector"),
            ),
        ]
    if figures.part_time is not None:
        charts += [
            part_time_chart(
                figures.part_time_by_year,
                key="part-time-years",
                heading=year,
                caption=_("Involuntary part-time by year registered"),
            ),
            part_time_chart(
                figures.part_time_by_sector,
                key="part-time-sectors",
                heading=sector,
                caption=_("Involuntary part-time by sector"),
            ),
        ]
    return charts
