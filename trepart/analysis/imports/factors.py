"""Checking a 10-FAKTOR file row by row, before anything is written.

Pure: a ``Table`` (from ``organisation.imports.parsing``) and what the database holds (unit
codes, the results already imported) in, clean rows and row-level errors out. One upload
tells the user about every problem in the file.

The file has one row per unit, year and factor: ``enhet;år;faktor;snitt;antall_svar``.
KS reports a unit only when at least 3 answered; a row with fewer is refused, not stored.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.analysis.factors import FACTOR_ORDER, NORWEGIAN_NAMES, factor_code
from trepart.organisation.imports.parsing import Table
from trepart.organisation.imports.validation.cells import CellError, Column, count, text
from trepart.organisation.imports.validation.sheet import Checked, Sheet, check_table

MIN_RESPONDENTS = 3  # KS 10-FAKTOR's own floor (models.factors.FACTOR_MIN_RESPONDENTS)
FIRST_YEAR = 2000
LAST_YEAR = 2100


def _year(value: str) -> int:
    if not value:
        raise CellError("required", _("This field is required."))
    if not re.fullmatch(r"\d{4}", value):
        raise CellError("invalid_year", _("“%(value)s” is not a year.") % {"value": value})
    year = int(value)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellError(
            "invalid_year",
            _("The year must be between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return year


def _factor(value: str) -> str:
    if not value:
        raise CellError("required", _("This field is required."))
    code = factor_code(value)
    if code is None:
        raise CellError(
            "unknown_factor",
            _("“%(value)s” is not one of the ten factors: %(factors)s.")
            % {
                "value": value,
                "factors": ", ".join(NORWEGIAN_NAMES[code] for code in FACTOR_ORDER),
            },
        )
    return code


def _average(value: str) -> float:
    if not value:
        raise CellError("required", _("This field is required."))
    plain = value.replace(",", ".").replace(" ", "").replace("\u00a0", "")
    if not re.fullmatch(r"\d+(\.\d+)?", plain):
        raise CellError(
            "not_a_number", _("“%(value)s” is not a number (write e.g. 4,2).") % {"value": value}
        )
    average = float(plain)
    if not 1 <= average <= 5:
        raise CellError(
            "out_of_range",
            _("The average must be between 1 and 5 (this is %(value)s).") % {"value": value},
        )
    return average


def _respondents(value: str) -> int:
    if not value:
        raise CellError("required", _("This field is required."))
    number = count(value)
    if number < MIN_RESPONDENTS:
        raise CellError(
            "too_few",
            _(
                "Only %(count)s respondents. KS 10-FAKTOR reports only units with at least "
                "%(min)s respondents, so this row cannot be imported: remove it."
            )
            % {"count": number, "min": MIN_RESPONDENTS},
        )
    return number


FACTOR_COLUMNS = (
    Column(
        "unit_code",
        ("enhet", "unit", "enhetskode", "unit_code"),
        text(40, required=True),
        required=True,
        description=gettext_lazy("The unit's code, as in the unit register."),
    ),
    Column(
        "year",
        ("år", "year", "ar", "aar"),
        _year,
        required=True,
        description=gettext_lazy("The survey year, e.g. 2026."),
    ),
    Column(
        "factor",
        ("faktor", "factor"),
        _factor,
        required=True,
        description=gettext_lazy(
            "One of the ten factors by its Norwegian name (e.g. mestringstro) or code "
            "(e.g. SELF_EFFICACY); upper or lower case."
        ),
    ),
    Column(
        "average",
        ("snitt", "average", "gjennomsnitt"),
        _average,
        required=True,
        description=gettext_lazy("The factor average, 1 to 5; a decimal comma is fine."),
    ),
    Column(
        "respondents",
        ("antall_svar", "respondents", "svar", "antall"),
        _respondents,
        required=True,
        description=gettext_lazy("The number of respondents, at least 3 (KS's own floor)."),
    ),
)

Key = tuple[str, int, str]  # unit code, year, factor


@dataclass(frozen=True)
class FactorRow:
    line: int
    unit_code: str
    year: int
    factor: str
    average: float
    respondents: int

    @property
    def key(self) -> Key:
        return (self.unit_code, self.year, self.factor)


@dataclass
class CheckedFactors:
    checked: Checked
    rows: list[FactorRow]
    existing: set[Key]  # rows of the file already imported (replaced only when asked)


def check_factors(
    table: Table,
    *,
    unit_codes: Collection[str],
    imported: Mapping[Key, object],
    replace: bool,
) -> CheckedFactors:
    """Every row checked; with ``replace`` off, a result already imported is an error."""
    found_existing: set[Key] = set()

    def rules(sheet: Sheet) -> None:
        first: dict[Key, int] = {}
        for row in sheet.rows:
            code = row.values.get("unit_code", "")
            if code and code not in unit_codes:
                sheet.reject(
                    row,
                    "unit_code",
                    "unknown_unit",
                    _("There is no unit with the code “%(code)s”. Import the units first.")
                    % {"code": code},
                )
            if not {"unit_code", "year", "factor"} <= row.values.keys():
                continue
            key = (code, row.values["year"], row.values["factor"])
            if key in first:
                sheet.reject(
                    row,
                    "factor",
                    "duplicate",
                    _("The unit “%(code)s” has this factor for %(year)s already on line %(line)s.")
                    % {"code": code, "year": key[1], "line": first[key]},
                )
                continue
            first[key] = row.line
            if key in imported:
                found_existing.add(key)
                if not replace:
                    sheet.reject(
                        row,
                        "year",
                        "already_imported",
                        _(
                            "The unit “%(code)s” already has %(factor)s for %(year)s. Tick "
                            "“Replace results already imported” to replace them."
                        )
                        % {"code": code, "factor": NORWEGIAN_NAMES[key[2]], "year": key[1]},
                    )

    # The uniqueness of (unit, year, factor) is checked in ``rules``: no single column is.
    checked = check_table(table, FACTOR_COLUMNS, unique="", duplicate="", rules=rules)
    rows = [
        FactorRow(
            line=row.line,
            unit_code=row.values["unit_code"],
            year=row.values["year"],
            factor=row.values["factor"],
            average=row.values["average"],
            respondents=row.values["respondents"],
        )
        for row in checked.rows
    ]
    return CheckedFactors(checked=checked, rows=rows, existing=found_existing)


EXAMPLE = (
    "enhet;år;faktor;snitt;antall_svar\n"
    "E0001;2026;oppgavemotivasjon;4,3;24\n"
    "E0001;2026;mestringstro;4,1;24\n"
    "E0001;2026;opplevd selvstendighet;3,9;24\n"
    "E0001;2026;bruk av kompetanse;4,2;24\n"
    "E0001;2026;mestringsorientert ledelse;3,8;24\n"
    "E0001;2026;rolleklarhet;4,4;24\n"
    "E0001;2026;relevant kompetanseutvikling;3,6;24\n"
    "E0001;2026;fleksibilitetsvilje;4,5;24\n"
    "E0001;2026;mestringsklima;4,0;24\n"
    "E0001;2026;nyttemotivasjon;4,7;24\n"
)
