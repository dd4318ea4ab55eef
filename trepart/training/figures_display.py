"""Completion figures drawn: a bar chart of the share completed with its data table
(platform charts), built only from the suppressed figures of ``selectors.completion``."""

from __future__ import annotations

from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from trepart.platform import formatting
from trepart.platform.charts import Chart, Table, finish, values
from trepart.training.selectors.completion import Group


def completion_chart(groups: list[Group], *, key: str, heading: str, caption: str) -> Chart:
    share = _("Share completed (%)")
    rows: list[dict[str, Any]] = [{"group": group.name, "share": group.share} for group in groups]
    chart = (
        alt.Chart(values(rows))
        .mark_bar(aria=False)
        .encode(
            y=alt.Y("group:N", title=heading, sort=None),
            x=alt.X("share:Q", title=share, scale=alt.Scale(domain=[0, 100])),
            tooltip=[alt.Tooltip("group:N", title=heading), alt.Tooltip("share:Q", title=share)],
        )
    )
    summary = (
        _("%(completed)s of %(people)s in the groups shown have completed the course.")
        % {
            "completed": formatting.number(sum(group.completed for group in groups)),
            "people": formatting.number(sum(group.people for group in groups)),
        }
        if groups
        else _("No group is large enough to be shown.")
    )
    table = completion_table(groups, heading=heading, caption=caption)
    return Chart(
        key=key,
        title=caption,
        summary=summary,
        spec=finish(chart, description=summary),
        table=table,
    )


def completion_table(groups: list[Group], *, heading: str, caption: str) -> Table:
    """The figures of ``groups`` as a table alone (the units' table has no chart: a
    municipality may have 1,500 units, read a page at a time)."""
    return Table(
        caption=caption,
        columns=[heading, _("Mandatory for"), _("Completed"), _("Share completed (%)")],
        rows=[
            [
                ("\u2003" * group.depth) + group.name,
                formatting.number(group.people),
                formatting.number(group.completed),
                formatting.percent(group.share),
            ]
            for group in groups
        ],
    )
