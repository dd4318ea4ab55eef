"""What the register's and the vacancies' CSV checks share: the columns both files have
(codes, position %, wage, days), the check of the codes a row gives against the
municipality's lists, and the run that checks every row and hands back either the rows or
every problem (never some of each: nothing is written from a file with an error)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy

from trepart.organisation.imports.parsing import Table
from trepart.organisation.imports.validation.cells import Column, text_column
from trepart.organisation.imports.validation.sheet import CleanRow, RowError, Sheet, check_table
from trepart.redeployment.imports.cells import codes, day, unknown_codes, whole

# The largest number a whole-number cell may hold (the database's integer).
LARGEST = 2**31 - 1


def code_column(key: str, names: tuple[str, ...], description: Any) -> Column:
    """A required code from one of the municipality's lists (a unit, a location)."""
    return text_column(key, names, 40, required=True, description=description)


def codes_column(key: str, names: tuple[str, ...], description: Any) -> Column:
    """Codes from one of the municipality's lists, separated by commas."""
    return Column(key, names, codes, description=description)


def amount_column(key: str, names: tuple[str, ...], description: Any) -> Column:
    """A required whole number of kroner (or a position %, checked by the file's rules)."""
    return Column(
        key, names, whole(minimum=0, maximum=LARGEST), required=True, description=description
    )


def day_column(key: str, names: tuple[str, ...], description: Any) -> Column:
    return Column(key, names, day(), required=True, description=description)


PERCENT_COLUMN = amount_column(
    "percent", ("stillingsprosent", "percent"), gettext_lazy("Position %, 1 to 100.")
)
LOCATION_COLUMN = code_column(
    "location", ("arbeidssted", "location"), gettext_lazy("The code of the work location.")
)
UNKNOWN_LOCATION = gettext_lazy("There is no work location with the code “%(code)s”.")
UNKNOWN_QUALIFICATIONS = gettext_lazy("Unknown qualification codes: %(codes)s.")


def reject_unknown(
    sheet: Sheet,
    row: CleanRow,
    key: str,
    known: Collection[str],
    message: Any,
    *,
    code: str = "unknown_code",
) -> None:
    """Refuse the row's code in ``key`` if it is not one of ``known`` (the location's code
    is read in upper case, as the list keeps it)."""
    value = row.values.get(key, "")
    if value and (value.upper() if key == "location" else value) not in known:
        sheet.reject(row, key, code, str(message) % {"code": value})


def reject_unknown_codes(
    sheet: Sheet, row: CleanRow, key: str, known: Collection[str], message: Any
) -> None:
    """Refuse the row's codes in ``key`` that are not among ``known``, naming them."""
    missing = unknown_codes(row.values.get(key, ()), set(known))
    if missing:
        sheet.reject(row, key, "unknown_code", str(message) % {"codes": ", ".join(missing)})


def reject_errors(sheet: Sheet, row: CleanRow, errors: dict[str, list[str]], code: str) -> None:
    """A service's check of the values (``{field: [message]}``) as the row's problems."""
    for key, messages in errors.items():
        sheet.reject(row, key, code, messages[0])


@dataclass
class CheckedRows:
    """The rows to write (with ids for the codes), or every problem in the file."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def rows_check(
    table: Table,
    columns: tuple[Column, ...],
    *,
    each: Callable[[Sheet, CleanRow], dict[str, Any] | None],
) -> CheckedRows:
    """Check every cell, then each row with ``each`` (which rejects what is wrong and gives
    the row's values to write, or None); the rows only if no row has a problem."""
    out: list[dict[str, Any]] = []

    def rules(sheet: Sheet) -> None:
        for row in sheet.rows:
            made = each(sheet, row)
            if made is not None and row.valid:
                out.append(made)

    checked = check_table(table, columns, unique="", duplicate="", rules=rules)
    if checked.errors:
        return CheckedRows(errors=checked.errors)
    return CheckedRows(rows=out)
