"""Checking a sick-leave CSV file, row by row, before anything is written.

Pure: the parsed table, the municipality's unit codes and the periods already stored go in;
clean rows and every problem (line, column, message) come out. One upload tells the user
about every problem in the file, not just the first.

Columns (Norwegian headings, English accepted)::

    enhet;periode;avtalte_dagsverk;tapte_dagsverk_legemeldt;tapte_dagsverk_egenmeldt;ansatte
    1200;2026-03;1845,5;98,2;21,0;90
    1300;2026-K1;2460;140,5;30;40

``periode`` is a month (``2026-03``) or a quarter (``2026-K1``, also ``2026-Q1``). Lost days
are already weighted by position share and sick-leave grade, as payroll systems report them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.analysis.absence import Period, add_months
from trepart.organisation.imports.parsing import Row, Table
from trepart.organisation.imports.validation import RowError
from trepart.organisation.imports.validation.cells import CellError, cell_text

MAX_EMPLOYEES = 2_147_483_647
MAX_DAYS = 1e9


@dataclass(frozen=True)
class AbsenceColumn:
    key: str
    names: tuple[str, ...]
    description: object


COLUMNS = (
    AbsenceColumn("unit", ("enhet", "unit"), gettext_lazy("The unit's code, as registered.")),
    AbsenceColumn(
        "period",
        ("periode", "period"),
        gettext_lazy("A month (2026-03) or a quarter (2026-K1 for January–March)."),
    ),
    AbsenceColumn(
        "agreed",
        ("avtalte_dagsverk", "agreed_days"),
        gettext_lazy("Agreed working days (avtalte dagsverk) in the period."),
    ),
    AbsenceColumn(
        "certified",
        ("tapte_dagsverk_legemeldt", "lost_days_certified"),
        gettext_lazy(
            "Lost working days with a doctor's certificate (legemeldt), weighted by position "
            "share and sick-leave grade."
        ),
    ),
    AbsenceColumn(
        "self",
        ("tapte_dagsverk_egenmeldt", "lost_days_self_certified"),
        gettext_lazy("Lost working days, self-certified (egenmeldt), weighted the same way."),
    ),
    AbsenceColumn(
        "employees",
        ("ansatte", "employees"),
        gettext_lazy("The number of employees in the unit in the period."),
    ),
)

EXAMPLE = """\
enhet;periode;avtalte_dagsverk;tapte_dagsverk_legemeldt;tapte_dagsverk_egenmeldt;ansatte
1200;2026-01;1580,5;112,4;18,5;85
1200;2026-02;1490;101,2;20,3;85
1300;2026-K1;2210;96,5;22;40
"""

MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
QUARTER = re.compile(r"^(\d{4})-[KkQq]([1-4])$")


@dataclass(frozen=True)
class CleanRecord:
    line: int
    unit_code: str
    period: Period
    agreed: float
    certified: float
    self_certified: float
    employees: int


@dataclass(frozen=True)
class Stored:
    """A record already in the database, as the checks need it."""

    unit_code: str
    period: Period


@dataclass
class CheckedFile:
    rows: list[CleanRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # Stored records the file's rows would overwrite: refused unless the user chose to.
    already: list[Stored] = field(default_factory=list)


class CellProblem(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_period(value: str) -> Period:
    if match := MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 1900 <= year <= 2200:
            return Period(datetime.date(year, month, 1), 1)
    elif match := QUARTER.match(value):
        year, quarter = int(match[1]), int(match[2])
        if 1900 <= year <= 2200:
            return Period(datetime.date(year, (quarter - 1) * 3 + 1, 1), 3)
    raise CellProblem(
        "period",
        _("“%(value)s” is not a period: write a month as 2026-03 or a quarter as 2026-K1.")
        % {"value": value},
    )


def parse_number(value: str) -> float:
    """A number with a decimal comma or point, and spaces between thousands."""
    cleaned = value.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if "," in cleaned and "." in cleaned:
        raise CellProblem(
            "number",
            _("“%(value)s” is not a number: use a decimal comma and no thousands separator.")
            % {"value": value},
        )
    try:
        number = float(cleaned.replace(",", "."))
    except ValueError:
        raise CellProblem("number", _("“%(value)s” is not a number.") % {"value": value}) from None
    if number != number or number in (float("inf"), float("-inf")) or abs(number) > MAX_DAYS:
        raise CellProblem("number", _("“%(value)s” is not a number.") % {"value": value})
    if number < 0:
        raise CellProblem("negative", _("The number cannot be negative."))
    return number


def parse_count(value: str) -> int:
    number = parse_number(value)
    if number != int(number) or number > MAX_EMPLOYEES:
        raise CellProblem(
            "count", _("“%(value)s” is not a whole number of employees.") % {"value": value}
        )
    return int(number)


def overlaps(a: Period, b: Period) -> bool:
    return a.start <= b.last_month and b.start <= a.last_month


def _months(period: Period) -> list[datetime.date]:
    return [add_months(period.start, step) for step in range(period.months)]


class _RowReader:
    """Reads one row's cells, collecting its problems."""

    def __init__(self, row: Row, index: Mapping[str, int], heading: Mapping[str, str]) -> None:
        self.row = row
        self.index = index
        self.heading = heading
        self.problems: list[RowError] = []

    def cell(self, key: str) -> str | None:
        position = self.index[key]
        cells = self.row.cells
        try:
            value = cell_text(cells[position]) if position < len(cells) else ""
        except CellError as error:
            self.problems.append(
                RowError(self.row.line, self.heading[key], error.code, error.message)
            )
            return None
        if not value:
            self.problems.append(
                RowError(self.row.line, self.heading[key], "missing", _("The cell is empty."))
            )
            return None
        return value

    def read(self, key: str, parse: Callable[[str], object]) -> object:
        value = self.cell(key)
        if value is None:
            return None
        try:
            return parse(value)
        except CellProblem as problem:
            self.problems.append(
                RowError(self.row.line, self.heading[key], problem.code, problem.message)
            )
            return None


def check_absence(table: Table, *, unit_codes: set[str]) -> CheckedFile:
    """Every problem in the file; the clean rows when there are none."""
    checked = CheckedFile()
    index: dict[str, int] = {}
    lowered = [name.strip().lower() for name in table.header]
    for column in COLUMNS:
        for position, name in enumerate(lowered):
            if name in column.names:
                index[column.key] = position
                break
        else:
            checked.errors.append(
                RowError(
                    1,
                    column.names[0],
                    "missing_column",
                    _("The file has no column “%(name)s”.") % {"name": column.names[0]},
                )
            )
    if checked.errors:
        return checked
    heading = {key: table.header[position] for key, position in index.items()}
    seen: dict[tuple[str, datetime.date], int] = {}
    months_of: dict[str, dict[datetime.date, tuple[int, Period]]] = {}
    for row in table.rows:
        reader = _RowReader(row, index, heading)
        problems = reader.problems
        cell, read = reader.cell, reader.read
        code = cell("unit")
        if code is not None and code not in unit_codes:
            problems.append(
                RowError(
                    row.line,
                    heading["unit"],
                    "unknown_unit",
                    _("There is no unit with the code “%(code)s”.") % {"code": code},
                )
            )
        period = read("period", parse_period)
        agreed = read("agreed", parse_number)
        certified = read("certified", parse_number)
        self_certified = read("self", parse_number)
        employees = read("employees", parse_count)
        if (
            isinstance(agreed, float)
            and isinstance(certified, float)
            and isinstance(self_certified, float)
            and certified + self_certified > agreed
        ):
            problems.append(
                RowError(
                    row.line,
                    heading["certified"],
                    "lost_over_agreed",
                    _("The lost days (%(lost)s) are more than the agreed days (%(agreed)s).")
                    % {"lost": f"{certified + self_certified:g}", "agreed": f"{agreed:g}"},
                )
            )
        if code is not None and isinstance(period, Period):
            key = (code, period.start)
            if key in seen:
                problems.append(
                    RowError(
                        row.line,
                        heading["period"],
                        "duplicate",
                        _("Unit %(code)s has %(period)s on line %(first)s already.")
                        % {"code": code, "period": period.label, "first": seen[key]},
                    )
                )
            else:
                seen[key] = row.line
                unit_months = months_of.setdefault(code, {})
                clash = next(
                    (unit_months[month] for month in _months(period) if month in unit_months),
                    None,
                )
                if clash is not None:
                    problems.append(
                        RowError(
                            row.line,
                            heading["period"],
                            "overlap",
                            _(
                                "%(period)s overlaps %(other)s on line %(first)s for unit "
                                "%(code)s: give each month once, as a month or in a quarter."
                            )
                            % {
                                "period": period.label,
                                "other": clash[1].label,
                                "first": clash[0],
                                "code": code,
                            },
                        )
                    )
                else:
                    for month in _months(period):
                        unit_months[month] = (row.line, period)
        if problems:
            checked.errors.extend(problems)
            continue
        # Every cell was read (no problems), so the values have their types.
        assert isinstance(period, Period) and code is not None
        assert isinstance(agreed, float) and isinstance(certified, float)
        assert isinstance(self_certified, float) and isinstance(employees, int)
        checked.rows.append(
            CleanRecord(
                line=row.line,
                unit_code=code,
                period=period,
                agreed=agreed,
                certified=certified,
                self_certified=self_certified,
                employees=employees,
            )
        )
    if checked.errors:
        checked.rows = []
        return checked
    return checked


def find_already(checked: CheckedFile, stored: Mapping[str, list[Period]]) -> None:
    """Note the stored records the clean rows overlap (``stored``: periods by unit code)."""
    for record in checked.rows:
        for period in stored.get(record.unit_code, []):
            if overlaps(period, record.period):
                checked.already.append(Stored(record.unit_code, period))


def already_errors(checked: CheckedFile) -> list[RowError]:
    """The rows that would overwrite stored periods, as problems (when not replacing)."""
    errors = []
    for record in checked.rows:
        clashes = [
            stored.period.label
            for stored in checked.already
            if stored.unit_code == record.unit_code and overlaps(stored.period, record.period)
        ]
        if clashes:
            errors.append(
                RowError(
                    record.line,
                    "periode",
                    "already_imported",
                    _(
                        "Unit %(code)s already has figures for %(periods)s. Tick “replace "
                        "periods already imported” to overwrite them."
                    )
                    % {"code": record.unit_code, "periods": ", ".join(clashes)},
                )
            )
    return errors
