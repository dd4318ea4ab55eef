"""The savings ledger as people read it: kroner in their language, the one-line summaries
and the three charts (planned against realised by year, the savings waterfall of one year,
the FTE effect), each with its data table. Figures come from ``selectors.ledger``; nothing
here reads the database.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from trepart.audit.cache import cached_figure
from trepart.development.models import Realisation
from trepart.development.selectors.ledger import LedgerFigures, Sums
from trepart.platform import formatting
from trepart.platform.charts import PALETTE, Chart, Table, finish, values


def kroner(value: int | None) -> str:
    """An amount of money in the user's language: "1 200 000 kr", "NOK 1,200,000"."""
    if value is None:
        return formatting.NONE_TEXT
    return _("%(amount)s kr") % {"amount": formatting.number(value)}


def fte_text(value: Decimal | float | int | None) -> str:
    return formatting.signed(value, 1)


def realised_share(sums: Sums) -> str:
    if not sums.planned or not sums.reported:
        return formatting.NONE_TEXT
    return formatting.percent(sums.realised * 100 / sums.planned)


def realisation_label(kind: str) -> str:
    return str(Realisation(kind).label)


def year_summary(figures: LedgerFigures, year: int) -> str:
    """One sentence: planned against realised in ``year``, and the plan over all years (all
    net); a second on the year's added cost when it has one."""
    if not figures.has_data:
        return _("%(name)s has no savings measures in the ledger yet.") % {"name": figures.name}
    sums = figures.year_sums(year)
    texts = {
        "name": figures.name,
        "year": year,
        "planned": kroner(sums.planned),
        "realised": kroner(sums.realised),
        "share": realised_share(sums),
        "total": kroner(figures.total.planned),
    }
    if not sums.reported:
        text = (
            _(
                "%(name)s plans to save %(planned)s in %(year)s; nothing realised has been "
                "reported for %(year)s yet. Planned over all years: %(total)s."
            )
            % texts
        )
    else:
        text = (
            _(
                "%(name)s realised %(realised)s of the %(planned)s planned for %(year)s "
                "(%(share)s). Planned over all years: %(total)s."
            )
            % texts
        )
    note = cost_note(figures, year)
    return f"{text} {note}" if note else text


def by_year_chart(figures: LedgerFigures, year: int) -> Chart:
    planned, realised = _("Planned"), _("Realised")
    rows: list[dict[str, Any]] = []
    table_rows: list[list[str]] = []
    for each in figures.years:
        sums = figures.year_sums(each)
        rows.append({"year": str(each), "kind": planned, "nok": sums.planned})
        rows.append(
            {"year": str(each), "kind": realised, "nok": sums.realised if sums.reported else None}
        )
        table_rows.append(
            [
                str(each),
                kroner(sums.planned),
                kroner(sums.realised) if sums.reported else formatting.NONE_TEXT,
                realised_share(sums),
            ]
        )
    chart = (
        alt.Chart(values(rows))
        .mark_bar(aria=False)
        .encode(
            x=alt.X("year:N", title=_("Year"), sort=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("kind:N", sort=[planned, realised]),
            y=alt.Y("nok:Q", title=_("Saving (NOK)"), axis=alt.Axis(format="~s")),
            color=alt.Color("kind:N", title=None, sort=[planned, realised]),
            tooltip=[
                alt.Tooltip("year:N", title=_("Year")),
                alt.Tooltip("kind:N", title=_("Figure")),
                alt.Tooltip("nok:Q", title=_("Saving (NOK)"), format=",.0f"),
            ],
        )
    )
    summary = year_summary(figures, year)
    return Chart(
        key="ledger-years",
        title=_("Planned and realised savings by year: %(name)s") % {"name": figures.name},
        summary=summary,
        spec=finish(chart, description=summary),
        table=Table(
            caption=_("Planned and realised savings by year, %(name)s") % {"name": figures.name},
            columns=[_("Year"), _("Planned"), _("Realised"), _("Share realised")],
            rows=table_rows,
        ),
    )


def waterfall_steps(figures: LedgerFigures, year: int) -> list[dict[str, Any]]:
    """From the year's planned total, each realisation kind's gap (realised minus planned), to
    what was realised: each step with where it starts and ends. When the year has an added
    cost, the plan is shown first as its savings less the cost, to the net planned."""
    sums = figures.year_sums(year)
    cost = figures.added_cost(year)
    planned = {"kind": "total", "start": 0, "end": sums.planned, "change": None}
    if cost.planned:
        gross = sums.planned - cost.planned
        steps: list[dict[str, Any]] = [
            {
                "step": _("Planned savings"),
                "kind": "total",
                "start": 0,
                "end": gross,
                "change": None,
            },
            {
                "step": _("Added cost"),
                "kind": "cost",
                "start": gross,
                "end": sums.planned,
                "change": cost.planned,
            },
            {"step": _("Planned, net"), **planned},
        ]
    else:
        steps = [{"step": _("Planned"), **planned}]
    level = sums.planned
    for kind in Realisation.values:
        part = figures.by_realisation.get(kind, {}).get(year)
        if part is None or (part.planned == 0 and part.realised == 0):
            continue
        change = part.realised - part.planned
        steps.append(
            {
                "step": _("Added cost against the plan")
                if kind == Realisation.ADDED_COST
                else realisation_label(kind),
                "kind": "more" if change >= 0 else "less",
                "start": level,
                "end": level + change,
                "change": change,
            }
        )
        level += change
    steps.append({"step": _("Realised"), "kind": "total", "start": 0, "end": level, "change": None})
    return steps


def cost_note(figures: LedgerFigures, year: int) -> str:
    """A sentence on the year's added cost, or "" when it has none."""
    cost = figures.added_cost(year)
    if not cost.planned:
        return ""
    return _(
        "The figures are net: the savings of %(year)s less %(cost)s of added cost for tasks "
        "given more to do."
    ) % {"year": year, "cost": kroner(-cost.planned)}


def waterfall_summary(figures: LedgerFigures, year: int, steps: list[dict[str, Any]]) -> str:
    sums = figures.year_sums(year)
    texts: dict[str, Any] = {
        "year": year,
        "planned": kroner(sums.planned),
        "realised": kroner(sums.realised),
    }
    note = cost_note(figures, year)
    gaps = [
        step
        for step in steps
        if step["change"] is not None and step["change"] < 0 and step["kind"] != "cost"
    ]
    if not gaps:
        text = (
            _("In %(year)s, %(realised)s was realised of %(planned)s planned: no shortfall.")
            % texts
        )
        return f"{text} {note}" if note else text
    worst = min(gaps, key=lambda step: step["change"])
    texts.update(kind=worst["step"].lower(), gap=kroner(-worst["change"]))
    text = (
        _(
            "In %(year)s, %(realised)s was realised of %(planned)s planned; the largest "
            "shortfall is in %(kind)s (%(gap)s)."
        )
        % texts
    )
    return f"{text} {note}" if note else text


def waterfall_chart(figures: LedgerFigures, year: int) -> Chart:
    steps = waterfall_steps(figures, year)
    labels = {
        "total": _("Total"),
        "cost": _("Added cost"),
        "more": _("More than planned"),
        "less": _("Less than planned"),
    }
    rows = [
        {
            "step": step["step"],
            "type": labels[step["kind"]],
            "start": step["start"],
            "end": step["end"],
            "amount": step["end"] - step["start"],
        }
        for step in steps
    ]
    chart = (
        alt.Chart(values(rows))
        .mark_bar(aria=False)
        .encode(
            x=alt.X("step:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("start:Q", title=_("Saving (NOK)"), axis=alt.Axis(format="~s")),
            y2="end:Q",
            # Blue for the totals, green above the plan, orange short of it, purple for the
            # added cost the plan takes off its savings.
            color=alt.Color(
                "type:N",
                title=None,
                scale=alt.Scale(
                    domain=[labels["total"], labels["more"], labels["less"], labels["cost"]],
                    range=[PALETTE[0], PALETTE[2], PALETTE[1], PALETTE[3]],
                ),
            ),
            tooltip=[
                alt.Tooltip("step:N", title=_("Step")),
                alt.Tooltip("amount:Q", title=_("Amount (NOK)"), format=",.0f"),
                alt.Tooltip("end:Q", title=_("Running total (NOK)"), format=",.0f"),
            ],
        )
    )
    table_rows = [
        [
            step["step"],
            kroner(step["change"]) if step["change"] is not None else formatting.NONE_TEXT,
            kroner(step["end"]),
        ]
        for step in steps
    ]
    summary = waterfall_summary(figures, year, steps)
    return Chart(
        key="ledger-waterfall",
        title=_("From planned to realised in %(year)s, by how it is realised") % {"year": year},
        summary=summary,
        spec=finish(chart, description=summary),
        table=Table(
            caption=_("From planned to realised savings in %(year)s") % {"year": year},
            columns=[_("Step"), _("Realised minus planned"), _("Running total")],
            rows=table_rows,
        ),
        notes=[
            _(
                "A measure whose realised saving is not yet reported counts as nothing "
                "realised, so early in the year the gaps are large."
            )
        ],
    )


def fte_summary(figures: LedgerFigures) -> str:
    if not figures.ftes:
        return _("No measure in %(name)s changes the number of FTEs.") % {"name": figures.name}
    attrition = sum(
        (fte for (_year, kind), fte in figures.ftes.items() if kind == Realisation.ATTRITION),
        Decimal(0),
    )
    return _(
        "The measures in %(name)s change the workforce by %(total)s FTEs, %(attrition)s of "
        "them through natural attrition."
    ) % {
        "name": figures.name,
        "total": fte_text(figures.fte_total),
        "attrition": fte_text(attrition),
    }


def fte_chart(figures: LedgerFigures) -> Chart:
    rows: list[dict[str, Any]] = []
    table_rows: list[list[str]] = []
    for (year, kind), fte in sorted(figures.ftes.items()):
        label = realisation_label(kind)
        rows.append({"year": str(year), "kind": label, "fte": formatting.rounded_float(fte, 2)})
        table_rows.append([str(year), label, fte_text(fte)])
    order = [realisation_label(kind) for kind in Realisation.values]
    chart = (
        alt.Chart(values(rows))
        .mark_bar(aria=False)
        .encode(
            x=alt.X(
                "year:N",
                title=_("First year of the measure"),
                sort=None,
                axis=alt.Axis(labelAngle=0),
            ),
            y=alt.Y("fte:Q", title=_("FTE effect"), stack="zero"),
            color=alt.Color("kind:N", title=_("Realised through"), sort=order),
            tooltip=[
                alt.Tooltip("year:N", title=_("Year")),
                alt.Tooltip("kind:N", title=_("Realised through")),
                alt.Tooltip("fte:Q", title=_("FTE effect"), format=".1f"),
            ],
        )
    )
    summary = fte_summary(figures)
    return Chart(
        key="ledger-ftes",
        title=_("FTE effect by year and how it is realised: %(name)s") % {"name": figures.name},
        summary=summary,
        spec=finish(chart, description=summary),
        table=Table(
            caption=_("FTE effect of the measures, %(name)s") % {"name": figures.name},
            columns=[_("First year"), _("Realised through"), _("FTE effect")],
            rows=table_rows,
        ),
        notes=[
            _(
                "Negative: fewer FTEs. A measure's FTE effect is counted in its first year. "
                "Only measures' effects are shown, never a person's."
            )
        ],
    )


def ledger_charts(figures: LedgerFigures, year: int, language: str) -> list[Chart]:
    """The page's three charts (none when the ledger is empty), kept with the figures."""
    if not figures.has_data:
        return []
    key = f"charts:{figures.unit.pk if figures.unit else None}:{year}:{language}"
    return cached_figure(
        topic="ledger",
        key=key,
        municipality_id=figures.municipality_id,
        compute=lambda: [
            by_year_chart(figures, year),
            waterfall_chart(figures, year),
            fte_chart(figures),
        ],
    )


def rollup_caption(figures: LedgerFigures) -> str:
    """The roll-up table's caption: by sector for the municipality, else by unit."""
    if figures.unit is None:
        return _(
            "Planned and realised savings by sector and year; each sector includes the units "
            "under it"
        )
    return _("Planned and realised savings by unit and year; each unit includes the units under it")


def rollup_table(figures: LedgerFigures) -> tuple[list[str], list[tuple[Any, list[str]]]]:
    """The roll-up as a table: a planned and a realised column per year and in all; a row
    per sector (for the municipality) or per unit under the page's own, in tree order,
    each with its subtree's figures."""
    columns: list[str] = []
    for year in figures.years:
        columns += [
            _("%(year)s planned") % {"year": year},
            _("%(year)s realised") % {"year": year},
        ]
    columns += [_("Planned in all"), _("Realised in all")]
    rows = []
    for row in figures.rows:
        cells: list[str] = []
        for year in figures.years:
            sums = row.years.get(year, Sums())
            cells += [kroner(sums.planned), kroner(sums.realised) if sums.reported else "—"]
        cells += [
            kroner(row.total.planned),
            kroner(row.total.realised) if row.total.reported else "—",
        ]
        rows.append((row, cells))
    return columns, rows


def ledger_table(
    figures: LedgerFigures, language: str
) -> tuple[list[str], list[tuple[Any, list[str]]]]:
    """``rollup_table``, kept with the figures."""
    key = f"table:{figures.unit.pk if figures.unit else None}:{language}"
    return cached_figure(
        topic="ledger",
        key=key,
        municipality_id=figures.municipality_id,
        compute=lambda: rollup_table(figures),
    )
