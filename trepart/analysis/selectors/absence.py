"""Reading sick leave: the dashboard's figures, suppressed, in a handful of queries.

Every figure a page, the API, a snapshot or the meeting report shows comes from
``absence_figures``: it sums the records in SQL (one GROUP BY unit for the whole tree, one
GROUP BY period for the chosen unit's subtree), builds the unit tree in Python from one
query of units, and decides what may be shown with ``absence.hidden_units``. A hidden
group's figures are replaced by None before they leave this module.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Max, Min, Q, QuerySet, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from trepart.analysis import absence as calc
from trepart.analysis.absence import Figures, Period
from trepart.analysis.cache import cached
from trepart.analysis.charts import Chart, Table
from trepart.analysis.models import AbsenceRecord, PresenceTarget
from trepart.analysis.snapshots import snapshot_source
from trepart.organisation.models import Municipality, Unit

DEFAULT_MONTHS = 36
MAX_MONTHS = 240
UNIT_CHOICES = 300
T = TypeVar("T")


@dataclass(frozen=True)
class UnitRef:
    pk: int
    name: str
    code: str
    parent_id: int | None


@dataclass(frozen=True)
class Shares:
    """Percentages of one group and time span (None: no data, or hidden)."""

    percent: float | None
    certified: float | None
    self_certified: float | None

    @classmethod
    def of(cls, figures: Figures | None) -> Shares:
        if figures is None or figures.empty:
            return cls(None, None, None)
        return cls(figures.percent, figures.percent_certified, figures.percent_self)


@dataclass(frozen=True)
class Point:
    period: Period
    shares: Shares


@dataclass(frozen=True)
class ChildRow:
    unit: UnitRef
    hidden: bool
    last: Shares
    before: Shares
    target: float | None

    @property
    def change(self) -> float | None:
        if self.last.percent is None or self.before.percent is None:
            return None
        return self.last.percent - self.before.percent

    @property
    def gap(self) -> float | None:
        if self.last.percent is None or self.target is None:
            return None
        return calc.target_gap(self.last.percent, self.target)

    @property
    def change_text(self) -> str:
        return points_text(self.change)

    @property
    def gap_text(self) -> str:
        return points_text(self.gap)


@dataclass
class AbsenceFigures:
    """What may be shown for one unit (or the whole municipality) and a span of months."""

    municipality: Municipality
    unit: UnitRef | None
    start: datetime.date  # first month shown
    end: datetime.date  # last month shown
    threshold: int
    has_data: bool
    hidden: bool  # the chosen group is under the threshold, or could be derived
    rolling: bool  # a small group: the trend shows rolling four-quarter rates
    last: Shares  # the twelve months up to ``end``
    before: Shares  # the twelve months before those
    target: float | None
    points: list[Point] = field(default_factory=list)
    children: list[ChildRow] = field(default_factory=list)
    ancestors: list[UnitRef] = field(default_factory=list)

    @property
    def change(self) -> float | None:
        if self.last.percent is None or self.before.percent is None:
            return None
        return self.last.percent - self.before.percent

    @property
    def gap(self) -> float | None:
        if self.last.percent is None or self.target is None:
            return None
        return calc.target_gap(self.last.percent, self.target)

    @property
    def change_text(self) -> str:
        return points_text(self.change)

    @property
    def gap_text(self) -> str:
        return points_text(self.gap)

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else self.municipality.name

    @property
    def hidden_children(self) -> int:
        return sum(1 for row in self.children if row.hidden)


def _cached(key: str, municipality_id: int, compute: Callable[[], T]) -> T:
    return cached("absence", key, municipality_id, compute)


def _records(municipality_id: int, span_start: datetime.date, end: datetime.date) -> QuerySet[Any]:
    """The municipality's records starting within the span (the covering ``absence_sums``
    index holds every column the sums read, so the table itself is not touched)."""
    return AbsenceRecord.objects.filter(
        municipality_id=municipality_id, period_start__gte=span_start, period_start__lte=end
    )


def latest_month(municipality_id: int) -> datetime.date | None:
    """The last month any record covers."""
    newest = (
        AbsenceRecord.objects.filter(municipality_id=municipality_id)
        .order_by("-period_start")
        .values_list("period_start", "months")
        .first()
    )
    if newest is None:
        return None
    start, months = newest
    # A quarter that started up to two months earlier may end later.
    quarter = AbsenceRecord.objects.filter(
        municipality_id=municipality_id,
        months=3,
        period_start__gte=calc.add_months(start, -2),
    ).aggregate(start=Max("period_start"))["start"]
    ends = [calc.add_months(start, months - 1)]
    if quarter:
        ends.append(calc.add_months(quarter, 2))
    return max(ends)


def default_span(municipality_id: int) -> tuple[datetime.date, datetime.date]:
    end = latest_month(municipality_id) or calc.add_months(
        calc.month_start(timezone.localdate()), -1
    )
    return calc.add_months(end, -(DEFAULT_MONTHS - 1)), end


def unit_tree(municipality_id: int) -> dict[int, UnitRef]:
    rows = (
        Unit.objects.filter(municipality_id=municipality_id)
        .order_by("name", "pk")
        .values_list("pk", "name", "code", "parent_id")
    )
    return {pk: UnitRef(pk, name, code, parent) for pk, name, code, parent in rows}


def unit_choices(municipality_id: int, *, limit: int = UNIT_CHOICES) -> list[tuple[int, str]]:
    """The units in tree order, indented by level, for a unit picker; none when there are
    more than ``limit`` (a large municipality is browsed through the units table)."""
    tree = _cached("tree", municipality_id, lambda: unit_tree(municipality_id))
    if len(tree) > limit:
        return []
    children: dict[int | None, list[UnitRef]] = {}
    for ref in tree.values():
        children.setdefault(ref.parent_id, []).append(ref)
    result: list[tuple[int, str]] = []
    stack = [(ref, 0) for ref in reversed(children.get(None, []))]
    while stack:
        ref, depth = stack.pop()
        result.append((ref.pk, "\u2003" * depth + ref.name))
        stack.extend((kid, depth + 1) for kid in reversed(children.get(ref.pk, [])))
    return result


def _in_window(end: datetime.date, months: int = 12) -> Q:
    """Records wholly within the ``months`` months up to ``end``."""
    first = calc.add_months(end, -(months - 1))
    return Q(period_start__gte=first) & (
        Q(months=1, period_start__lte=end) | Q(months=3, period_start__lte=calc.add_months(end, -2))
    )


def _unit_sums(
    municipality_id: int, span_start: datetime.date, end: datetime.date
) -> tuple[dict[int, int], dict[int, Figures], dict[int, Figures]]:
    """Per unit, in one GROUP BY: its smallest head count in the span, and its own sums for
    the twelve months up to ``end`` and the twelve before."""
    last = _in_window(end)
    before = _in_window(calc.add_months(end, -12))
    rows = (
        _records(municipality_id, span_start, end)
        .order_by()
        .values("unit_id")
        .annotate(
            employees=Min("employees"),
            agreed=Sum("agreed_days", filter=last),
            certified=Sum("lost_certified", filter=last),
            self_certified=Sum("lost_self", filter=last),
            agreed_before=Sum("agreed_days", filter=before),
            certified_before=Sum("lost_certified", filter=before),
            self_before=Sum("lost_self", filter=before),
        )
    )
    employees: dict[int, int] = {}
    now: dict[int, Figures] = {}
    earlier: dict[int, Figures] = {}
    for row in rows:
        unit = row["unit_id"]
        employees[unit] = int(row["employees"] or 0)
        now[unit] = Figures(
            row["agreed"] or 0.0, row["certified"] or 0.0, row["self_certified"] or 0.0
        )
        earlier[unit] = Figures(
            row["agreed_before"] or 0.0, row["certified_before"] or 0.0, row["self_before"] or 0.0
        )
    return employees, now, earlier


def _period_sums(
    municipality_id: int,
    units: set[int] | None,
    span_start: datetime.date,
    end: datetime.date,
) -> list[tuple[Period, Figures]]:
    """The group's sums per period, in one GROUP BY (``units`` None: the whole tree)."""
    # The whole tree is read through the table, a part of it through the (unit, period)
    # index, which _records leaves free for the planner to choose on SQLite.
    records = _records(municipality_id, span_start, end)
    if units is not None:
        records = records.filter(unit_id__in=sorted(units))
    rows = (
        records.order_by()
        .values("period_start", "months")
        .annotate(
            agreed=Sum("agreed_days"),
            certified=Sum("lost_certified"),
            self_certified=Sum("lost_self"),
        )
    )
    return calc.series(
        (
            row["period_start"],
            row["months"],
            Figures(row["agreed"] or 0.0, row["certified"] or 0.0, row["self_certified"] or 0.0),
        )
        for row in rows
    )


def _targets(unit_ids: list[int], year: int) -> dict[int, float]:
    return {
        unit: float(percent)
        for unit, percent in PresenceTarget.objects.filter(
            unit_id__in=unit_ids, year=year
        ).values_list("unit_id", "percent")
    }


def absence_figures(
    *,
    municipality: Municipality,
    unit_id: int | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> AbsenceFigures:
    """The suppressed sick-leave figures of a unit's subtree (None: the municipality).

    Raises Http404 when the unit is not the municipality's.
    """
    if start is None or end is None:
        default_start, default_end = _cached(
            "span", municipality.pk, lambda: default_span(municipality.pk)
        )
        end = end or default_end
        start = start or (
            default_start if end == default_end else calc.add_months(end, -(DEFAULT_MONTHS - 1))
        )
    start, end = calc.month_start(start), calc.month_start(end)
    return _cached(
        f"figures:{unit_id}:{start}:{end}:{municipality.absence_threshold}",
        municipality.pk,
        lambda: _figures(municipality, unit_id, start, end),
    )


def _figures(
    municipality: Municipality, unit_id: int | None, start: datetime.date, end: datetime.date
) -> AbsenceFigures:
    tree = _cached("tree", municipality.pk, lambda: unit_tree(municipality.pk))
    if unit_id is not None and unit_id not in tree:
        raise Http404(_("No such unit."))
    parents = {pk: ref.parent_id for pk, ref in tree.items()}
    threshold = max(calc.ABSENCE_FLOOR, municipality.absence_threshold)
    # The figures shown draw on these months: the trend with its rolling lookback, and the
    # two twelve-month windows. A unit is judged by its smallest head count in all of them.
    span_start = min(calc.add_months(start, -(calc.ROLLING_MONTHS - 1)), calc.add_months(end, -23))
    employees, now, earlier = _cached(
        f"units:{span_start}:{end}",
        municipality.pk,
        lambda: _unit_sums(municipality.pk, span_start, end),
    )
    hidden = calc.hidden_units(parents, employees, threshold=threshold)
    members = calc.subtree(parents, unit_id)
    group_employees = sum(employees.get(pk, 0) for pk in members)
    has_data = any(pk in employees for pk in members)
    if unit_id is None:
        group_hidden = not calc.whole_shown(employees, threshold=threshold)
    else:
        group_hidden = unit_id in hidden or not calc.whole_shown(employees, threshold=threshold)
    selected = tree[unit_id] if unit_id is not None else None
    result = AbsenceFigures(
        municipality=municipality,
        unit=selected,
        start=start,
        end=end,
        threshold=threshold,
        has_data=has_data,
        hidden=has_data and group_hidden,
        rolling=calc.uses_rolling(group_employees),
        last=Shares.of(None),
        before=Shares.of(None),
        target=None,
        ancestors=_ancestors(tree, selected),
    )
    kids = [ref for ref in tree.values() if ref.parent_id == unit_id]
    targets = _targets([ref.pk for ref in kids] + ([unit_id] if unit_id else []), end.year)
    result.target = targets.get(unit_id) if unit_id else None
    if not has_data or group_hidden:
        result.children = [
            ChildRow(ref, bool(group_hidden and has_data), Shares.of(None), Shares.of(None), None)
            for ref in kids
        ]
        return result

    totals_now = calc.subtree_totals(parents, now)
    totals_before = calc.subtree_totals(parents, earlier)
    if unit_id is None:
        result.last = Shares.of(calc.total(now.values()))
        result.before = Shares.of(calc.total(earlier.values()))
    else:
        result.last = Shares.of(totals_now.get(unit_id))
        result.before = Shares.of(totals_before.get(unit_id))
    for ref in kids:
        kid_hidden = ref.pk in hidden
        result.children.append(
            ChildRow(
                unit=ref,
                hidden=kid_hidden,
                last=Shares.of(None if kid_hidden else totals_now.get(ref.pk)),
                before=Shares.of(None if kid_hidden else totals_before.get(ref.pk)),
                target=targets.get(ref.pk),
            )
        )
    points = _cached(
        f"periods:{unit_id}:{span_start}:{end}",
        municipality.pk,
        lambda: _period_sums(
            municipality.pk, None if unit_id is None else members, span_start, end
        ),
    )
    if result.rolling:
        points = calc.rolling_series(points, first=start)
    result.points = [
        Point(period, Shares.of(figures))
        for period, figures in points
        if period.start >= start and not figures.empty
    ]
    return result


def _ancestors(tree: Mapping[int, UnitRef], unit: UnitRef | None) -> list[UnitRef]:
    chain: list[UnitRef] = []
    current = tree.get(unit.parent_id) if unit and unit.parent_id else None
    while current is not None:
        chain.append(current)
        current = tree.get(current.parent_id) if current.parent_id else None
    return list(reversed(chain))


# Words and charts, shared by the page, the snapshot and the PDF.


def percent_text(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{formats.number_format(value, 1)} %"


def points_text(value: float | None) -> str:
    """A change in points, with its sign: "+0,4" or minus "1,2"."""
    if value is None:
        return "—"
    text = formats.number_format(abs(value), 1, force_grouping=False)
    if round(value, 1) == 0:
        return text
    return f"+{text}" if value > 0 else f"\u2212{text}"


def month_text(day: datetime.date) -> str:
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


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
        "percent": percent_text(figures.last.percent),
        "month": month_text(figures.end),
    }
    change = figures.change
    if change is None:
        return _("Sick leave in %(name)s was %(percent)s in the 12 months up to %(month)s.") % (
            values
        )
    values["points"] = formats.number_format(abs(change), 1)
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
            "high_percent": percent_text(ranked[-1].last.percent),
            "low": ranked[0].unit.name,
            "low_percent": percent_text(ranked[0].last.percent),
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


def _with_rows(spec: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The spec with its rows inline.

    Altair checks a spec against the Vega-Lite schema row by row, which took a tenth of a
    second for a hundred units; the spec is checked without them and the rows, plain
    numbers and names, are added after.
    """
    spec["data"] = {"values": rows}
    return spec


def trend_chart(figures: AbsenceFigures) -> Chart:
    import altair as alt

    from trepart.analysis.charts import finish

    certified, self_certified = _("Doctor-certified"), _("Self-certified")
    rows: list[dict[str, Any]] = []
    table_rows: list[list[str]] = []
    for point in figures.points:
        label = point.period.label
        day = point.period.start.isoformat()
        rows.append(
            {"month": day, "label": label, "kind": certified, "percent": point.shares.certified}
        )
        rows.append(
            {
                "month": day,
                "label": label,
                "kind": self_certified,
                "percent": point.shares.self_certified,
            }
        )
        table_rows.append(
            [
                label,
                percent_text(point.shares.percent),
                percent_text(point.shares.certified),
                percent_text(point.shares.self_certified),
            ]
        )
    title = _("Sick leave, rolling four quarters") if figures.rolling else _("Sick leave per month")
    chart = (
        alt.Chart()
        .mark_area(aria=False)
        .encode(
            x=alt.X("month:T", title=_("Month"), axis=alt.Axis(format="%Y-%m")),
            y=alt.Y("percent:Q", stack="zero", title=_("Sick leave (%)")),
            color=alt.Color("kind:N", title=_("Kind"), sort=[certified, self_certified]),
            order=alt.Order("kind:N"),
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
    import altair as alt

    from trepart.analysis.charts import finish, values

    shown = sorted(
        (row for row in figures.children if row.last.percent is not None),
        key=lambda row: -(row.last.percent or 0.0),
    )
    rows = [
        {
            "unit": row.unit.name,
            "percent": row.last.percent,
            "ceiling": None if row.target is None else 100 - row.target,
        }
        for row in shown
    ]
    order = [row.unit.name for row in shown]
    base = alt.Chart().encode(
        y=alt.Y("unit:N", sort=order, title=None),
    )
    bars = base.mark_bar(aria=False).encode(
        x=alt.X("percent:Q", title=_("Sick leave, last 12 months (%)")),
        tooltip=[
            alt.Tooltip("unit:N", title=_("Unit")),
            alt.Tooltip("percent:Q", title=_("Sick leave (%)"), format=".1f"),
        ],
    )
    ticks = (
        base.transform_filter("datum.ceiling != null")
        .mark_tick(thickness=3, color="#1E1E1E", aria=False)
        .encode(x="ceiling:Q")
    )
    layers: list[Any] = [bars, ticks]
    if figures.target is not None:
        layers.append(
            alt.Chart(values([{"allowed": 100 - figures.target}]))
            .mark_rule(color="#1E1E1E", aria=False)
            .encode(x="allowed:Q")
        )
    if figures.last.percent is not None:
        rule = (
            alt.Chart(values([{"whole": figures.last.percent}]))
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
                    percent_text(row.last.percent),
                    points_text(row.change),
                    percent_text(row.target),
                    points_text(row.gap),
                ]
            )
    return Chart(
        key="absence-units",
        title=_("Sick leave by unit under %(name)s") % {"name": figures.name},
        summary=summary,
        spec=_with_rows(finish(alt.layer(*layers), description=summary), rows),
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
    return _cached(
        key, figures.municipality.pk, lambda: [trend_chart(figures), comparison_chart(figures)]
    )


def dashboard_query(figures: AbsenceFigures) -> str:
    from urllib.parse import urlencode

    params = {"fra": f"{figures.start:%Y-%m}", "til": f"{figures.end:%Y-%m}"}
    if figures.unit:
        params["enhet"] = str(figures.unit.pk)
    return urlencode(params)


def parse_month(value: str) -> datetime.date | None:
    """``2026-03`` as the first of that month; None if it is not a month."""
    try:
        year, month = value.strip().split("-")
        day = datetime.date(int(year), int(month), 1)
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2200 else None


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


def absence_report(
    *, municipality: Municipality, unit_id: int | None, end: datetime.date
) -> dict[str, Any] | None:
    """Sick leave for a meeting's result report: the twelve months up to ``end``'s month,
    the same months a year before, and per quarter; None when there are no figures."""
    end = calc.month_start(end)
    figures = absence_figures(
        municipality=municipality, unit_id=unit_id, start=calc.add_months(end, -11), end=end
    )
    if not figures.has_data:
        return None
    quarters: list[dict[str, Any]] = []
    if not figures.hidden:
        span_start = calc.add_months(end, -11)
        members = (
            None
            if unit_id is None
            else calc.subtree(
                {pk: ref.parent_id for pk, ref in unit_tree(municipality.pk).items()}, unit_id
            )
        )
        points = _period_sums(municipality.pk, members, span_start, end)
        by_quarter: dict[datetime.date, Figures] = {}
        for period, sums in points:
            key = calc.quarter_start(period.start)
            by_quarter[key] = by_quarter.get(key, Figures()) + sums
        for key in sorted(by_quarter):
            shares = Shares.of(by_quarter[key])
            quarters.append(
                {
                    "quarter": Period(key, 3).label,
                    "percent": _round(shares.percent),
                    "certified": _round(shares.certified),
                    "self_certified": _round(shares.self_certified),
                }
            )
    return {
        "unit": figures.name,
        "period": [f"{figures.start:%Y-%m}", f"{figures.end:%Y-%m}"],
        "hidden": figures.hidden,
        "threshold": figures.threshold,
        "percent": _round(figures.last.percent),
        "certified": _round(figures.last.certified),
        "self_certified": _round(figures.last.self_certified),
        "percent_year_before": _round(figures.before.percent),
        "quarters": quarters,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
