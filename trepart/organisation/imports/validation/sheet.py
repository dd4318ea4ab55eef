"""Checking a whole file against a set of columns: the header, every cell, repeated keys."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from trepart.organisation.imports.parsing import Table
from trepart.organisation.imports.validation.cells import CellError, Column, cell_text


@dataclass(frozen=True)
class RowError:
    """A problem in the file: its line (header = 1), the column as headed there, and why."""

    line: int
    column: str
    code: str
    message: str


@dataclass
class CleanRow:
    """A row that passed every check: model values by field name, for the columns present."""

    line: int
    values: dict[str, Any] = field(default_factory=dict)
    valid: bool = True


@dataclass
class Checked:
    rows: list[CleanRow]
    errors: list[RowError]
    columns: set[str]


@dataclass
class Sheet:
    """A file while it is checked: its rows, the problems so far, and where each column is."""

    header: Sequence[str]
    found: dict[int, Column]
    rows: list[CleanRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def keys(self) -> set[str]:
        return {column.key for column in self.found.values()}

    def heading(self, key: str) -> str:
        """The column as headed in the file; its key when the file leaves the column out."""
        for index, column in self.found.items():
            if column.key == key:
                return self.header[index]
        return key

    def reject(self, row: CleanRow, key: str, code: str, message: str) -> None:
        """Report a problem with ``row`` in the column ``key``; the row will not be imported."""
        self.errors.append(RowError(row.line, self.heading(key), code, message))
        row.valid = False

    def reject_duplicates(self, key: str, message: str) -> None:
        """Reject every row after the first with the same non-empty ``key``."""
        first: dict[str, int] = {}
        for row in self.rows:
            value = row.values.get(key, "")
            if value and value in first:
                self.reject(row, key, "duplicate", message % {"value": value, "line": first[value]})
            elif value:
                first[value] = row.line


def check_table(
    table: Table,
    columns: Sequence[Column],
    *,
    unique: str,
    duplicate: str,
    rules: Callable[[Sheet], None],
) -> Checked:
    """Check the header and each cell, then that ``unique`` is, then the file's own ``rules``.

    ``duplicate`` is the message for a repeated ``unique`` value, with ``%(value)s`` and
    ``%(line)s`` (the first line that has it).
    """
    sheet = _read_cells(table, columns)
    if not sheet.found or any(e.line == 1 for e in sheet.errors):
        return Checked([], sheet.errors, set())
    sheet.reject_duplicates(unique, duplicate)
    rules(sheet)
    sheet.errors.sort(key=lambda e: e.line)
    return Checked([row for row in sheet.rows if row.valid], sheet.errors, sheet.keys)


def normalise_heading(heading: str) -> str:
    return re.sub(r"[\s\-]+", "_", heading.strip().lower())


def _map_header(
    header: Sequence[str], columns: Sequence[Column]
) -> tuple[dict[int, Column], list[RowError]]:
    by_name = {name: column for column in columns for name in column.names}
    found: dict[int, Column] = {}
    seen: dict[str, str] = {}
    errors: list[RowError] = []

    def problem(heading: str, code: str, message: str) -> None:
        errors.append(RowError(1, heading, code, message))  # the header is line 1

    for index, heading in enumerate(header):
        column = by_name.get(normalise_heading(heading))
        if column is None:
            problem(
                heading,
                "unknown_column",
                _("Unknown column “%(column)s”. The columns are: %(columns)s.")
                % {"column": heading, "columns": ", ".join(c.norwegian for c in columns)},
            )
        elif column.key in seen:
            problem(
                heading,
                "duplicate_column",
                _("The column “%(column)s” appears twice (also as “%(other)s”).")
                % {"column": heading, "other": seen[column.key]},
            )
        else:
            seen[column.key] = heading
            found[index] = column
    for column in columns:
        if column.required and column.key not in seen:
            problem(
                column.norwegian,
                "missing_column",
                _("The required column “%(column)s” (or “%(english)s”) is missing.")
                % {"column": column.norwegian, "english": column.english},
            )
    return found, errors


def _read_cells(table: Table, columns: Sequence[Column]) -> Sheet:
    found, errors = _map_header(table.header, columns)
    sheet = Sheet(table.header, found, errors=errors)
    if errors:
        return sheet
    if not table.rows:
        sheet.errors.append(
            RowError(1, "", "no_rows", _("The file has a header line but no rows."))
        )
        return sheet
    width = len(table.header)
    for row in table.rows:
        if len(row.cells) != width:
            sheet.errors.append(
                RowError(
                    row.line,
                    "",
                    "field_count",
                    _(
                        "This line has %(found)s fields, but the header has %(expected)s. "
                        "Check the separators and quotation marks."
                    )
                    % {"found": len(row.cells), "expected": width},
                )
            )
            continue
        # A row with a bad cell is kept, marked invalid, so its other cells are still
        # checked against the rest of the file (duplicates, parents).
        clean = CleanRow(line=row.line)
        for index, column in found.items():
            try:
                clean.values[column.key] = column.parse(cell_text(row.cells[index]))
            except CellError as error:
                sheet.reject(clean, column.key, error.code, error.message)
        sheet.rows.append(clean)
    return sheet
