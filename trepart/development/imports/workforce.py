"""Checking a workforce CSV file before anything is written: one row per unit and year.

Columns (Norwegian headings, English accepted, any order)::

    enhet;år;årsverk;turnover_prosent;avgang_pensjon
    1200;2026;42,5;8,5;1,5

A unit's figures for a year already stored are replaced by the file's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.development.imports import cells
from trepart.organisation.imports.parsing import Table
from trepart.organisation.imports.validation.cells import Column, text
from trepart.organisation.imports.validation.sheet import RowError, Sheet, check_table

COLUMNS = (
    Column(
        "unit",
        ("enhet", "unit"),
        text(40, required=True),
        required=True,
        description=gettext_lazy("The unit's code, as registered."),
    ),
    Column(
        "year",
        ("år", "year"),
        cells.number(places=0, maximum=Decimal(2200)),
        required=True,
        description=gettext_lazy("The year the figures are for."),
    ),
    Column(
        "ftes",
        ("årsverk", "ftes"),
        cells.number(places=2, maximum=Decimal(9999999)),
        required=True,
        description=gettext_lazy("FTEs in the unit."),
    ),
    Column(
        "turnover",
        ("turnover_prosent", "turnover_percent"),
        cells.number(places=1, maximum=Decimal(100)),
        required=True,
        description=gettext_lazy("Turnover, per cent a year."),
    ),
    Column(
        "retiring",
        ("avgang_pensjon", "retiring_ftes"),
        cells.number(places=2, maximum=Decimal(999999)),
        required=True,
        description=gettext_lazy("FTEs expected to retire that year."),
    ),
)

EXAMPLE = """\
enhet;år;årsverk;turnover_prosent;avgang_pensjon
1200;2026;42,5;8,5;1,5
"""


@dataclass(frozen=True)
class WorkforceRow:
    line: int
    unit_code: str
    year: int
    ftes: Decimal
    turnover: Decimal
    retiring: Decimal


@dataclass
class CheckedWorkforce:
    rows: list[WorkforceRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def check_workforce(table: Table, *, unit_codes: set[str]) -> CheckedWorkforce:
    """Every problem in the file; the rows when there are none."""
    seen: dict[tuple[str, int], int] = {}
    out: list[WorkforceRow] = []

    def rules(sheet: Sheet) -> None:
        for row in sheet.rows:
            values = row.values
            code = values.get("unit", "")
            if code and code not in unit_codes:
                sheet.reject(
                    row,
                    "unit",
                    "unknown_unit",
                    _("There is no unit with the code “%(code)s”.") % {"code": code},
                )
            year = values.get("year")
            if year is not None and year < 1900:
                sheet.reject(row, "year", "year", _("Give the year as four digits, like 2026."))
            if not row.valid:
                continue
            key = (code, int(values["year"]))
            if key in seen:
                sheet.reject(
                    row,
                    "year",
                    "duplicate",
                    _("Unit %(code)s has %(year)s on line %(line)s already.")
                    % {"code": code, "year": key[1], "line": seen[key]},
                )
                continue
            seen[key] = row.line
            out.append(
                WorkforceRow(
                    line=row.line,
                    unit_code=code,
                    year=key[1],
                    ftes=values["ftes"],
                    turnover=values["turnover"],
                    retiring=values["retiring"],
                )
            )

    checked = check_table(table, COLUMNS, unique="", duplicate="", rules=rules)
    if checked.errors:
        return CheckedWorkforce(errors=checked.errors)
    return CheckedWorkforce(rows=out)
