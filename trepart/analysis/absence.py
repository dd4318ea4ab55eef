"""Sick-leave arithmetic (sykefravær): the SSB/KS formulas, roll-up, rolling rates, targets.

Pure: numbers in, numbers out, no database. The selectors sum the stored records in SQL and
hand the sums here.

- Lost working days (tapte dagsverk) = sick days * position share * sick-leave grade; the
  payroll system reports them already weighted, so a record holds lost days directly.
- Sick-leave percentage = lost days * 100 / agreed working days (avtalte dagsverk), split
  into doctor-certified (legemeldt) and self-certified (egenmeldt).
- A group's percentage is its lost days over its agreed days: a sector's figure sums the
  days of all its units and divides once. Averaging the units' percentages would give a
  unit of five people the same weight as one of five hundred.
- Small units (fewer than ``SMALL_UNIT`` employees) swing wildly from month to month, so
  they are shown as a rolling four-quarter rate: the last twelve months' lost days over the
  same months' agreed days.
- Presence (nærvær) = 100 - sick leave; the gap to a presence target (nærværsmål) is
  presence - target, in percentage points (negative: below the target).
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from trepart.platform.suppression import hidden_groups

K = TypeVar("K", bound=Hashable)

# Units with fewer employees than this are shown as a rolling four-quarter rate.
SMALL_UNIT = 20
# NAV's rule: sick-leave figures for fewer than five people are never shown.
ABSENCE_FLOOR = 5
ROLLING_MONTHS = 12


def lost_days(sick_days: float, position_share: float, grade: float) -> float:
    """Lost working days for one sick-leave spell (SSB/KS).

    ``position_share`` and ``grade`` are fractions: 0.8 for an 80 % position, 0.5 for a
    50 % sick-leave (gradert sykmelding).
    """
    return sick_days * position_share * grade


def percentage(lost: float, agreed: float) -> float | None:
    """Lost days * 100 / agreed days; None when there are no agreed days."""
    if agreed <= 0:
        return None
    return lost * 100 / agreed


def presence(percent: float) -> float:
    """The presence rate (nærvær): the share of agreed days people were at work."""
    return 100 - percent


def target_gap(percent: float, target: float) -> float:
    """Presence minus the target, in points: negative when the unit is below its target."""
    return presence(percent) - target


@dataclass(frozen=True)
class Figures:
    """Summed days for a group and a time span."""

    agreed: float = 0.0
    certified: float = 0.0
    self_certified: float = 0.0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.agreed + other.agreed,
            self.certified + other.certified,
            self.self_certified + other.self_certified,
        )

    @property
    def lost(self) -> float:
        return self.certified + self.self_certified

    @property
    def empty(self) -> bool:
        return self.agreed <= 0

    @property
    def percent(self) -> float | None:
        return percentage(self.lost, self.agreed)

    @property
    def percent_certified(self) -> float | None:
        return percentage(self.certified, self.agreed)

    @property
    def percent_self(self) -> float | None:
        return percentage(self.self_certified, self.agreed)


def total(figures: Iterable[Figures]) -> Figures:
    result = Figures()
    for item in figures:
        result = result + item
    return result


def hidden_units(
    parents: Mapping[K, K | None], employees: Mapping[K, int], *, threshold: int
) -> set[K]:
    """The units whose figures may not be shown (primary and secondary suppression).

    ``employees`` is each unit's own head count for the window shown: the smallest it had
    in any period of the window, so a unit that fell under the threshold in one month is
    hidden for the whole window ("hidden if any period is hidden"). Hidden units together
    are never fewer than the threshold, so none can be found by subtracting the shown
    units from their parent or the municipality's total.
    """
    return hidden_groups(employees, parents=parents, threshold=max(ABSENCE_FLOOR, threshold))


def whole_shown(employees: Mapping[K, int], *, threshold: int) -> bool:
    """Whether the municipality's own total may be shown."""
    return sum(employees.values()) >= max(ABSENCE_FLOOR, threshold)


def uses_rolling(employees: int) -> bool:
    return employees < SMALL_UNIT


# Periods: a month or a quarter, by its first day.


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def parse_month(value: str) -> datetime.date | None:
    """``2026-03`` as the first of that month; None if it is not a month."""
    try:
        year, month = value.strip().split("-")
        day = datetime.date(int(year), int(month), 1)
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2200 else None


def months_between(start: datetime.date, end: datetime.date) -> int:
    """How many months from ``start``'s month to ``end``'s month, both included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


@dataclass(frozen=True)
class Period:
    start: datetime.date
    months: int = 1

    @property
    def last_month(self) -> datetime.date:
        return add_months(self.start, self.months - 1)

    @property
    def label(self) -> str:
        if self.months == 3:
            return f"{self.start.year}-K{(self.start.month - 1) // 3 + 1}"
        return f"{self.start:%Y-%m}"


def series(rows: Iterable[tuple[datetime.date, int, Figures]]) -> list[tuple[Period, Figures]]:
    """Summed records as points in time, months where possible.

    ``rows`` are sums per (period start, months). Where some units of the group reported a
    quarter, the group's months in that quarter cannot be told apart, so the quarter is one
    point holding its months' records too.
    """
    months: dict[datetime.date, Figures] = {}
    quarters: dict[datetime.date, Figures] = {}
    for start, length, figures in rows:
        target = quarters if length == 3 else months
        target[start] = target.get(start, Figures()) + figures
    points: dict[datetime.date, tuple[Period, Figures]] = {}
    for start, figures in quarters.items():
        points[start] = (Period(start, 3), figures)
    for start, figures in months.items():
        quarter = quarter_start(start)
        if quarter in quarters:
            period, summed = points[quarter]
            points[quarter] = (period, summed + figures)
        else:
            points[start] = (Period(start, 1), figures)
    return [points[key] for key in sorted(points)]


def window(points: Iterable[tuple[Period, Figures]], end: datetime.date, months: int) -> Figures:
    """The sum of the points that lie wholly within the ``months`` months up to ``end``."""
    first = add_months(end, -(months - 1))
    return total(
        figures
        for period, figures in points
        if period.start >= first and period.last_month <= month_start(end)
    )


def rolling_series(
    points: list[tuple[Period, Figures]], *, first: datetime.date
) -> list[tuple[Period, Figures]]:
    """The rolling four-quarter figures at each point from ``first``: the twelve months up to it.

    Points whose window is not fully covered by data (early in the series) are left out.
    """
    if not points:
        return []
    earliest = points[0][0].start
    result = []
    for period, _figures in points:
        if period.start < first:
            continue
        end = period.last_month
        if add_months(end, -(ROLLING_MONTHS - 1)) < earliest:
            continue
        result.append((period, window(points, end, ROLLING_MONTHS)))
    return result
