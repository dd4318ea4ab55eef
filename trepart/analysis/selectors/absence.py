"""Reading sick leave: the dashboard's figures, suppressed, in a handful of queries.

Every figure a page, the API, a snapshot or the meeting report shows comes from
``absence_figures``: it sums the records in SQL (one GROUP BY unit for the whole tree, one
GROUP BY period for the chosen unit's subtree), takes the unit tree from
``organisation.selectors.unit_tree`` (one query), and decides what may be shown with
``absence.hidden_units``. A hidden group's figures are replaced by None before they leave
this module.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Max, Min, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.analysis import absence as calc
from trepart.analysis.absence import Figures, Period
from trepart.analysis.models import AbsenceRecord, PresenceTarget
from trepart.audit.cache import cached_figure
from trepart.organisation.models import Municipality
from trepart.organisation.selectors import unit_tree
from trepart.organisation.tree import UnitNode, UnitTree
from trepart.platform import formatting

DEFAULT_MONTHS = 36
MAX_MONTHS = 240
UNIT_CHOICES = 300
T = TypeVar("T")


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
    unit: UnitNode
    hidden: bool
    last: Shares
    before: Shares
    target: float | None

    @property
    def change(self) -> float | None:
        return shown_change(self.last.percent, self.before.percent)

    @property
    def gap(self) -> float | None:
        return shown_gap(self.last.percent, self.target)


@dataclass
class AbsenceFigures:
    """What may be shown for one unit (or the whole municipality) and a span of months."""

    municipality: Municipality
    unit: UnitNode | None
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
    ancestors: list[UnitNode] = field(default_factory=list)

    @property
    def change(self) -> float | None:
        return shown_change(self.last.percent, self.before.percent)

    @property
    def gap(self) -> float | None:
        return shown_gap(self.last.percent, self.target)

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else self.municipality.name

    @property
    def hidden_children(self) -> int:
        return sum(1 for row in self.children if row.hidden)


def shown_change(now: float | None, before: float | None) -> float | None:
    """The change in points between two percentages as shown (each rounded to one
    decimal), so a reader subtracting the figures on the page gets the same answer."""
    change = formatting.difference(now, before)
    return None if change is None else float(change)


def shown_gap(percent: float | None, target: float | None) -> float | None:
    """Presence minus the target, in points, from the percentages as shown."""
    shown, goal = formatting.rounded(percent), formatting.rounded(target)
    if shown is None or goal is None:
        return None
    # calc.target_gap's formula (presence minus target) on the decimals shown.
    return float((100 - shown) - goal)


def _cached(key: str, municipality_id: int, compute: Callable[[], T]) -> T:
    return cached_figure(topic="absence", key=key, municipality_id=municipality_id, compute=compute)


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


def _tree(municipality_id: int) -> UnitTree:
    return _cached("tree", municipality_id, lambda: unit_tree(municipality_id=municipality_id))


def unit_choices(municipality_id: int, *, limit: int = UNIT_CHOICES) -> list[tuple[int, str]]:
    """The units in tree order, indented by level, for a unit picker; none when there are
    more than ``limit`` (a large municipality is browsed through the units table)."""
    tree = _tree(municipality_id)
    if len(tree.units) > limit:
        return []
    return [(unit.pk, "\u2003" * unit.depth + unit.name) for unit in tree.nodes(tree.ordered)]


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
    tree = _tree(municipality.pk)
    if unit_id is not None and unit_id not in tree:
        raise Http404(_("No such unit."))
    threshold = max(calc.ABSENCE_FLOOR, municipality.absence_threshold)
    # The figures shown draw on these months: the trend with its rolling lookback, and the
    # two twelve-month windows. A unit is judged by its smallest head count in all of them.
    span_start = min(calc.add_months(start, -(calc.ROLLING_MONTHS - 1)), calc.add_months(end, -23))
    employees, now, earlier = _cached(
        f"units:{span_start}:{end}",
        municipality.pk,
        lambda: _unit_sums(municipality.pk, span_start, end),
    )
    hidden = calc.hidden_units(tree.parents, employees, threshold=threshold)
    members = set(tree.subtree(unit_id))
    group_employees = sum(employees.get(pk, 0) for pk in members)
    has_data = any(pk in employees for pk in members)
    if unit_id is None:
        group_hidden = not calc.whole_shown(employees, threshold=threshold)
    else:
        group_hidden = unit_id in hidden or not calc.whole_shown(employees, threshold=threshold)
    selected = tree.unit(unit_id) if unit_id is not None else None
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
        ancestors=tree.nodes(tree.ancestors(unit_id)) if unit_id is not None else [],
    )
    kids = tree.nodes(tree.children(unit_id))
    targets = _targets([ref.pk for ref in kids] + ([unit_id] if unit_id else []), end.year)
    result.target = targets.get(unit_id) if unit_id else None
    if not has_data or group_hidden:
        result.children = [
            ChildRow(ref, bool(group_hidden and has_data), Shares.of(None), Shares.of(None), None)
            for ref in kids
        ]
        return result

    totals_now = tree.rollup(now, zero=Figures())
    totals_before = tree.rollup(earlier, zero=Figures())
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
