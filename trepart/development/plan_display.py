"""A plan as people read it: kroner and levels in words, every choice and blocker explained,
the trade-off curve as a chart with its table, and the tables a snapshot freezes.

Everything here reads the plan's stored JSON (``Plan.result`` or ``plan_solve``'s answer),
never the portfolio, so a kept plan reads the same however the data change.
"""

from __future__ import annotations

from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from trepart.development.models import LevelKind, Plan
from trepart.development.optimiser import explain
from trepart.organisation.models import Party
from trepart.platform import formatting
from trepart.platform.charts import Chart, Table, finish, values


def kroner(value: Any) -> str:
    return _("%(amount)s kr") % {"amount": formatting.number(value)}


def level_label(kind: str) -> str:
    return str(LevelKind(kind).label) if kind in LevelKind.values else kind


def party_label(party: str) -> str:
    return str(Party(party).label) if party in Party.values else party


def basis_label(basis: str) -> str:
    return str(Plan.Basis(basis).label) if basis in Plan.Basis.values else basis


def choice_text(choice: dict[str, Any]) -> str:
    """One choice in plain words (the optimiser's own explanation)."""
    return explain.explain_choice(choice)


def blocker_text(blocker: dict[str, Any]) -> str:
    return explain.explain_blocker(blocker)


def changed_choices(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The choices that change something (every level but KEEP), largest saving first."""
    rows = [c for c in result.get("choices", []) if c["kind"] != LevelKind.KEEP]
    return sorted(rows, key=lambda c: (-c["saving"], c["name"]))


def curve_chart(result: dict[str, Any], *, key: str = "plan-curve") -> Chart:
    """Saving against quality lost: the least quality each saving costs, and the plan."""
    points = [{"saving": s, "lost": q} for s, q in result.get("curve", [])]
    mine = [{"saving": result.get("saving", 0), "lost": result.get("quality_lost", 0)}]
    saving_title = _("Saving (NOK a year)")
    lost_title = _("Weighted quality lost")
    base = alt.Chart(values(points)).encode(
        x=alt.X("saving:Q", title=saving_title), y=alt.Y("lost:Q", title=lost_title)
    )
    dots = base.mark_point(filled=True, aria=False)
    line = base.mark_line(aria=False).encode(
        x=alt.X("saving:Q", title=saving_title),
        y=alt.Y("lost:Q", title=lost_title),
        tooltip=[
            alt.Tooltip("saving:Q", title=saving_title, format=",.0f"),
            alt.Tooltip("lost:Q", title=lost_title, format=".1f"),
        ],
    )
    plan = (
        alt.Chart(values(mine))
        .mark_point(size=160, filled=True, color="#C75B12", shape="diamond", aria=False)
        .encode(x="saving:Q", y="lost:Q")
    )
    summary = _(
        "The plan saves %(saving)s for %(lost)s weighted quality points; the most the "
        "portfolio can save is %(max)s."
    ) % {
        "saving": kroner(result.get("saving", 0)),
        "lost": formatting.decimal(result.get("quality_lost", 0)),
        "max": kroner(result.get("max_saving", 0)),
    }
    return Chart(
        key=key,
        title=_("Trade-off: saving against quality lost"),
        summary=summary,
        spec=finish(alt.layer(line, dots, plan), description=summary),
        table=Table(
            caption=_("The least quality lost for each saving"),
            columns=[_("Saving"), _("Quality lost")],
            rows=[[kroner(p["saving"]), formatting.decimal(p["lost"])] for p in points],
        ),
        notes=[_("The diamond is the plan shown.")],
    )


def choices_table(result: dict[str, Any], *, task_ftes: bool) -> Table:
    """The plan's changes per task; FTEs per task only where ``task_ftes``."""
    columns = [_("Task"), _("Level"), _("Saving"), _("Quality lost")]
    if task_ftes:
        columns.insert(3, _("FTE change"))
    rows = []
    for choice in changed_choices(result):
        row = [
            choice["name"],
            level_label(choice["kind"]),
            kroner(choice["saving"]),
            formatting.decimal(choice["quality_lost"]),
        ]
        if task_ftes:
            row.insert(3, formatting.signed(choice["fte_change"], 2))
        rows.append(row)
    return Table(caption=_("What the plan changes, task by task"), columns=columns, rows=rows)


def totals_table(result: dict[str, Any]) -> Table:
    rows = [
        [_("Savings target"), kroner(result.get("target", 0))],
        [_("Saving"), kroner(result.get("saving", 0))],
        [_("Most the portfolio can save"), kroner(result.get("max_saving", 0))],
        [_("FTE change"), formatting.signed(result.get("fte_change", 0), 2)],
        [_("Quality lost (weighted)"), formatting.decimal(result.get("quality_lost", 0))],
    ]
    if result.get("fte_limit") is not None:
        rows.insert(4, [_("FTE reduction allowed"), formatting.decimal(result["fte_limit"], 2)])
    if result.get("redundant_ftes"):
        rows.append(
            [_("FTEs that would become redundant"), formatting.decimal(result["redundant_ftes"], 2)]
        )
    return Table(caption=_("The plan in figures"), columns=[_("Figure"), _("Value")], rows=rows)


def party_table(result: dict[str, Any]) -> Table | None:
    views = result.get("party_views") or {}
    if not views:
        return None
    return Table(
        caption=_("Quality lost under each party's own weights"),
        columns=[_("Party"), _("Quality lost")],
        rows=[
            [party_label(party), formatting.decimal(views[party])]
            for party in Party.three()
            if party in views
        ],
    )


def plan_notes(result: dict[str, Any]) -> list[str]:
    notes = [blocker_text(blocker) for blocker in result.get("blockers", [])]
    if result.get("default_weights"):
        notes.append(
            _("%(count)s tasks had no weight and counted with the middle weight 5.")
            % {"count": result["default_weights"]}
        )
    return notes
