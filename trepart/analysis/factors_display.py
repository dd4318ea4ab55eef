"""10-FAKTOR as people read it: the page for a unit, year and factor, with its profile
chart, trend table and chart, the units table, and the page frozen for a meeting.

Every figure comes from ``selectors.factors.year_figures`` (already suppressed), so a
snapshot never shows more than the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
from django.http import Http404
from django.utils.translation import gettext as _

from trepart.analysis.factors import FACTOR_ORDER, TreeFigures, change_arrow
from trepart.analysis.selectors.factors import (
    Cell,
    FactorPage,
    _cell,
    factor_label,
    factor_years,
    unit_label,
    year_figures,
)
from trepart.audit.cache import cached_figure
from trepart.organisation.models import Municipality
from trepart.organisation.selectors import unit_tree
from trepart.platform import charts
from trepart.platform.formatting import decimal, rounded_float
from trepart.platform.snapshots import snapshot_source
from trepart.platform.suppression import effective_threshold


def _int_param(params: Mapping[str, str], name: str) -> int | None:
    value = (params.get(name) or "").strip()
    return int(value) if value.isdigit() else None


def factor_page(*, municipality: Municipality, params: Mapping[str, str]) -> FactorPage:
    """The 10-FAKTOR page for ``params`` (unit, year, factor); an unknown unit is a 404."""
    threshold = effective_threshold(municipality.survey_threshold)
    tree = unit_tree(municipality_id=municipality.pk)
    unit_id = _int_param(params, "unit")
    unit = None
    if unit_id is not None:
        if unit_id not in tree:
            raise Http404
        unit = tree.unit(unit_id)
    years = factor_years(municipality.pk)
    year = _int_param(params, "year")
    if year not in years:
        year = years[-1] if years else None
    factor = params.get("factor") or FACTOR_ORDER[0]
    if factor not in FACTOR_ORDER:
        factor = FACTOR_ORDER[0]
    page = FactorPage(
        municipality=municipality,
        threshold=threshold,
        years=years,
        year=year,
        unit=unit,
        factor=factor,
        tree=tree,
    )
    if year is None:
        return page
    figures = cached_figure(
        topic="factors",
        key=f"{threshold}:{','.join(map(str, years))}",
        municipality_id=municipality.pk,
        compute=lambda: year_figures(
            municipality_id=municipality.pk, years=years, tree=tree, threshold=threshold
        ),
    )
    chosen = unit.pk if unit else None
    page.profile, page.profile_hidden = _profile(page, figures, chosen)
    page.trend = _trend(page, figures, chosen)
    page.trend_chart = _trend_chart(page, figures, chosen)
    page.unit_table = _unit_table(page, figures)
    page.unit_table_near = _unit_table(page, figures, only=_near(page))
    page.notes = [
        _(
            "Figures for a group are shown only when at least %(threshold)s answered, and "
            "further units are hidden where needed so that no hidden figure can be worked out "
            "from a sector's or the municipality's. A sector's figure is the mean of its "
            "units' averages weighted by respondents."
        )
        % {"threshold": threshold}
    ]
    return page


def _profile(
    page: FactorPage, figures: Mapping[tuple[int, str], TreeFigures[int]], chosen: int | None
) -> tuple[charts.Chart | None, bool]:
    assert page.year is not None
    year = page.year
    cells = {factor: _cell(figures[(year, factor)], chosen) for factor in FACTOR_ORDER}
    whole = {factor: figures[(year, factor)].whole for factor in FACTOR_ORDER}
    if any(cell.hidden for cell in cells.values()) and not any(
        cell.figure for cell in cells.values()
    ):
        return None, True
    shown = {factor: cell.figure for factor, cell in cells.items() if cell.figure is not None}
    if not shown:
        return None, any(cell.hidden for cell in cells.values())
    place = page.place
    municipality_label = _("Municipality average")
    rows: list[dict[str, Any]] = []
    for factor in FACTOR_ORDER:
        figure = shown.get(factor)
        if figure is not None:
            rows.append(
                {
                    "factor": factor_label(factor),
                    "series": place,
                    "average": rounded_float(figure.average),
                }
            )
        if chosen is not None and whole[factor] is not None:
            rows.append(
                {
                    "factor": factor_label(factor),
                    "series": municipality_label,
                    "average": rounded_float(whole[factor].average),  # type: ignore[union-attr]
                }
            )
    order = [factor_label(factor) for factor in FACTOR_ORDER]
    domain = [place, municipality_label] if chosen is not None else [place]
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=domain, range=[charts.PALETTE[0], charts.PALETTE[-1]]),
    )
    y = alt.Y("factor:N", sort=order, title=None, axis=alt.Axis(labelLimit=380))
    x = alt.X(
        "average:Q",
        scale=alt.Scale(domain=[1, 5], zero=False),
        axis=alt.Axis(values=[1, 2, 3, 4, 5]),
        title=_("Average (1–5)"),
    )
    data = charts.values(rows)
    bars = (
        alt.Chart(data)
        .mark_bar(aria=False, clip=True)
        .encode(y=y, x=x, color=colour)
        .transform_filter(alt.datum.series == place)
    )
    layers: list[Any] = [bars]
    if chosen is not None:
        layers.append(
            alt.Chart(data)
            .mark_tick(thickness=3, size=22, aria=False)
            .encode(y=y, x=x, color=colour)
            .transform_filter(alt.datum.series == municipality_label)
        )
    best = max(shown, key=lambda f: (shown[f].average, -FACTOR_ORDER.index(f)))
    worst = min(shown, key=lambda f: (shown[f].average, FACTOR_ORDER.index(f)))
    summary = _(
        "In %(year)s, %(place)s scored highest on %(best)s, at %(best_value)s, and lowest on "
        "%(worst)s, at %(worst_value)s, on a scale from 1 to 5."
    ) % {
        "year": year,
        "place": place,
        "best": factor_label(best),
        "best_value": decimal(shown[best].average),
        "worst": factor_label(worst),
        "worst_value": decimal(shown[worst].average),
    }
    columns = [_("Factor"), place]
    if chosen is not None:
        columns.append(municipality_label)
    table_rows = []
    for factor in FACTOR_ORDER:
        row = [factor_label(factor), cells[factor].text]
        if chosen is not None:
            row.append(_cell(figures[(year, factor)], None).text)
        table_rows.append(row)
    spec = charts.finish(alt.layer(*layers), description=summary)
    chart = charts.Chart(
        key="factor-profile",
        title=_("10-FAKTOR profile: %(place)s, %(year)s") % {"place": place, "year": year},
        summary=summary,
        spec=spec,
        table=charts.Table(
            caption=_("Factor averages for %(place)s in %(year)s") % {"place": place, "year": year},
            columns=columns,
            rows=table_rows,
        ),
        notes=[_("The bars are the factor averages; the dark marks are the municipality's.")]
        if chosen is not None
        else [],
    )
    return chart, False


def _trend(
    page: FactorPage, figures: Mapping[tuple[int, str], TreeFigures[int]], chosen: int | None
) -> charts.Table:
    years = page.years
    rows = []
    for factor in FACTOR_ORDER:
        row = [factor_label(factor)]
        before: float | None = None
        for year in years:
            cell = _cell(figures[(year, factor)], chosen)
            now = cell.figure.average if cell.figure else None
            row.append(Cell(cell.figure, cell.hidden, change_arrow(now, before)).text)
            before = now
        rows.append(row)
    return charts.Table(
        caption=_("Factor averages for %(place)s by year (↑ up, ↓ down, → unchanged)")
        % {"place": page.place},
        columns=[_("Factor"), *[str(year) for year in years]],
        rows=rows,
    )


def _trend_chart(
    page: FactorPage, figures: Mapping[tuple[int, str], TreeFigures[int]], chosen: int | None
) -> charts.Chart | None:
    """The chosen factor over the years, for the place and (for a unit) the municipality."""
    factor = page.factor
    place = page.place
    municipality_label = _("Municipality average")
    series = [(place, chosen)] + ([(municipality_label, None)] if chosen is not None else [])
    points: dict[str, list[tuple[int, float]]] = {}
    rows: list[dict[str, Any]] = []
    for label, node in series:
        for year in page.years:
            figure = _cell(figures[(year, factor)], node).figure
            if figure is not None:
                points.setdefault(label, []).append((year, figure.average))
                rows.append(
                    {"year": str(year), "series": label, "average": rounded_float(figure.average)}
                )
    mine = points.get(place, [])
    if len(mine) < 2:
        return None  # one point, or none shown, is no trend
    (first_year, first), (last_year, last) = mine[0], mine[-1]
    summary = _(
        "%(factor)s at %(place)s went from %(first)s in %(first_year)s to %(last)s in "
        "%(last_year)s."
    ) % {
        "factor": factor_label(factor),
        "place": place,
        "first": decimal(first),
        "first_year": first_year,
        "last": decimal(last),
        "last_year": last_year,
    }
    domain = [label for label, _node in series]
    chart = (
        alt.Chart(charts.values(rows))
        .mark_line(point=alt.OverlayMarkDef(aria=False), aria=False)
        .encode(
            x=alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "average:Q",
                scale=alt.Scale(domain=[1, 5], zero=False),
                axis=alt.Axis(values=[1, 2, 3, 4, 5]),
                title=_("Average (1–5)"),
            ),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(domain=domain, range=[charts.PALETTE[0], charts.PALETTE[-1]]),
            ),
        )
    )
    years = sorted({int(row["year"]) for row in rows})
    by = {(row["series"], int(row["year"])): row["average"] for row in rows}
    return charts.Chart(
        key="factor-trend",
        title=_("%(factor)s over the years: %(place)s")
        % {"factor": factor_label(factor), "place": place},
        summary=summary,
        spec=charts.finish(chart, description=summary),
        table=charts.Table(
            caption=_("%(factor)s by year") % {"factor": factor_label(factor)},
            columns=[_("Year"), *domain],
            rows=[
                [
                    str(year),
                    *[
                        decimal(by[(label, year)]) if (label, year) in by else "—"
                        for label in domain
                    ],
                ]
                for year in years
            ],
        ),
    )


def _near(page: FactorPage) -> set[int]:
    """The units a snapshot's table keeps: the chosen unit's sector chain and everything
    under it, or the top level for the whole municipality (a snapshot of 1,500 rows would
    help nobody at the meeting table)."""
    if page.unit is None:
        return set(page.tree.roots)
    return {*page.tree.path(page.unit.pk), *page.tree.subtree(page.unit.pk)}


def _unit_table(
    page: FactorPage,
    figures: Mapping[tuple[int, str], TreeFigures[int]],
    only: set[int] | None = None,
) -> charts.Table:
    assert page.year is not None
    now = figures[(page.year, page.factor)]
    earlier = [year for year in page.years if year < page.year]
    before = figures[(earlier[-1], page.factor)] if earlier else None
    rows = []
    for node in page.units:
        if only is not None and node.pk not in only:
            continue
        if node.pk not in now.nodes and node.pk not in now.hidden:
            continue  # nobody answered here this year
        cell = _cell(now, node.pk)
        previous = _cell(before, node.pk) if before else Cell(None)
        arrow = change_arrow(
            cell.figure.average if cell.figure else None,
            previous.figure.average if previous.figure else None,
        )
        rows.append(
            [
                unit_label(node),
                Cell(cell.figure, cell.hidden, arrow).text,
                str(cell.figure.respondents) if cell.figure else "—",
                previous.text if before else "—",
            ]
        )
    whole = now.whole
    rows.append(
        [
            page.municipality.name,
            decimal(whole.average) if whole else "—",
            str(whole.respondents) if whole else "—",
            _cell(before, None).text if before else "—",
        ]
    )
    return charts.Table(
        caption=_("%(factor)s by unit, %(year)s")
        % {"factor": factor_label(page.factor), "year": page.year},
        columns=[
            _("Unit"),
            _("Average"),
            _("Respondents"),
            str(earlier[-1]) if earlier else _("Year before"),
        ],
        rows=rows,
    )


@snapshot_source("factor-profile", "10-FAKTOR")
def factor_profile_snapshot(user: Any, params: Mapping[str, str]) -> dict[str, Any]:
    page = factor_page(municipality=user.municipality, params=params)
    if page.year is None:
        summary = _("No 10-FAKTOR results have been imported.")
    elif page.profile is not None:
        summary = page.profile.summary
    else:
        summary = _("The results for %(place)s are hidden to protect anonymity.") % {
            "place": page.place
        }
    tables = [
        {"caption": table.caption, "columns": table.columns, "rows": table.rows}
        for table in (page.trend, page.unit_table_near)
        if table is not None
    ]
    return {
        "title": _("10-FAKTOR: %(place)s, %(year)s")
        % {"place": page.place, "year": page.year or "—"},
        "summary": summary,
        "url": page.url,
        "charts": [chart.as_json() for chart in (page.profile, page.trend_chart) if chart],
        "tables": tables,
        "notes": page.notes,
    }
