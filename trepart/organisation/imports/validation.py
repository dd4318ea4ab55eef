"""Checking an import file row by row, before anything is written.

Pure: a ``Table`` and what the database already holds (as plain mappings) in, cleaned rows
and a list of ``RowError`` out. Every row is checked, so one upload tells the user about
every problem in the file, not just the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.organisation.imports.parsing import Table

MAX_EMPLOYEES = 2_147_483_647  # PositiveIntegerField's ceiling on every database


@dataclass(frozen=True)
class RowError:
    """A problem in the file: its line (header = 1), the column as headed there, and why."""

    line: int
    column: str
    code: str
    message: str


class CellError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


Parser = Callable[[str], Any]


@dataclass(frozen=True)
class Column:
    """A column the import understands: its key, accepted headings, and how to read a cell."""

    key: str
    names: tuple[str, ...]
    parse: Parser
    required: bool = False
    description: Any = ""

    @property
    def norwegian(self) -> str:
        return self.names[0]

    @property
    def english(self) -> str:
        return self.names[1]


# Readers for one cell. Each gets the cell stripped of surrounding space.


def text(max_length: int, *, required: bool = False) -> Parser:
    def parse(value: str) -> str:
        if required and not value:
            raise CellError("required", _("This field is required."))
        if len(value) > max_length:
            raise CellError(
                "too_long",
                _("At most %(max)s characters (this has %(length)s).")
                % {"max": max_length, "length": len(value)},
            )
        return value

    return parse


def count(value: str) -> int:
    if not value:
        return 0
    if not re.fullmatch(r"[+-]?\d+", value.replace(" ", "").replace("\u00a0", "")):
        raise CellError("not_a_number", _("“%(value)s” is not a whole number.") % {"value": value})
    number = int(value.replace(" ", "").replace("\u00a0", ""))
    if number < 0:
        raise CellError("negative", _("The number cannot be negative."))
    if number > MAX_EMPLOYEES:
        raise CellError("too_large", _("The number is too large."))
    return number


def choice(
    options: Mapping[str, str], *, shown: Sequence[str], default: str | None = None
) -> Parser:
    """A cell holding one of ``options`` (keys, lower case); empty gives ``default``."""

    def parse(value: str) -> str:
        if not value and default is not None:
            return default
        try:
            return options[value.lower()]
        except KeyError:
            allowed = ", ".join(shown)
            raise CellError(
                "invalid_choice",
                _("“%(value)s” is not one of the allowed values: %(allowed)s.")
                % {"value": value, "allowed": allowed},
            ) from None

    return parse


YES = {"ja", "j", "yes", "y", "true", "1", "x"}
NO = {"nei", "n", "no", "false", "0", ""}


def yes_no(value: str) -> bool:
    lowered = value.lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise CellError(
        "invalid_boolean", _("Write “ja” or “nei” (not “%(value)s”).") % {"value": value}
    )


def email(value: str) -> str:
    if not value:
        return ""
    if len(value) > 254:
        raise CellError("too_long", _("At most %(max)s characters.") % {"max": 254})
    try:
        validate_email(value)
    except ValidationError:
        raise CellError(
            "invalid_email", _("“%(value)s” is not a valid e-mail address.") % {"value": value}
        ) from None
    return value


def phone(value: str) -> str:
    text(30)(value)
    if not re.fullmatch(r"[0-9+()\-./ ]*", value):
        raise CellError(
            "invalid_phone",
            _("A phone number may hold digits, spaces and + ( ) - only."),
        )
    return value


UNIT_KINDS = {"sektor": "SECTOR", "sector": "SECTOR", "enhet": "UNIT", "unit": "UNIT"}
PERSON_KINDS = {
    "ansatt": "EMPLOYEE",
    "employee": "EMPLOYEE",
    "politiker": "POLITICIAN",
    "politician": "POLITICIAN",
    "innbygger": "CITIZEN",
    "citizen": "CITIZEN",
}

UNIT_COLUMNS = (
    Column(
        "code",
        ("kode", "code"),
        text(40, required=True),
        required=True,
        description=gettext_lazy("The unit's code, unique in the municipality."),
    ),
    Column(
        "name",
        ("navn", "name"),
        text(200, required=True),
        required=True,
        description=gettext_lazy("The unit's name."),
    ),
    Column(
        "parent_code",
        ("overordnet_kode", "parent_code"),
        text(40),
        description=gettext_lazy(
            "Code of the sector or unit it is part of: in the file or already imported. "
            "Empty: top level."
        ),
    ),
    Column(
        "kind",
        ("type", "kind"),
        choice(UNIT_KINDS, shown=("sektor", "enhet"), default="UNIT"),
        description=gettext_lazy("“sektor” or “enhet” (empty: enhet)."),
    ),
    Column(
        "employee_count",
        ("antall_ansatte", "employees"),
        count,
        description=gettext_lazy("Number of employees, a whole number (empty: 0)."),
    ),
)

PERSON_COLUMNS = (
    Column(
        "external_id",
        ("ansattnummer", "external_id"),
        text(60),
        description=gettext_lazy(
            "Employee number or another stable id. A person with a known number is "
            "updated; without one, a new person is always added."
        ),
    ),
    Column(
        "first_name",
        ("fornavn", "first_name"),
        text(100, required=True),
        required=True,
        description=gettext_lazy("First name."),
    ),
    Column(
        "last_name",
        ("etternavn", "last_name"),
        text(100, required=True),
        required=True,
        description=gettext_lazy("Last name."),
    ),
    Column(
        "email",
        ("epost", "email", "e_post"),
        email,
        description=gettext_lazy("E-mail address."),
    ),
    Column(
        "phone",
        ("telefon", "phone"),
        phone,
        description=gettext_lazy("Phone number."),
    ),
    Column(
        "kind",
        ("type", "kind"),
        choice(PERSON_KINDS, shown=("ansatt", "politiker", "innbygger")),
        required=True,
        description=gettext_lazy("“ansatt”, “politiker” or “innbygger”."),
    ),
    Column(
        "unit_code",
        ("enhetskode", "unit_code"),
        text(40),
        description=gettext_lazy("Code of the person's unit, which must already exist."),
    ),
    Column(
        "position",
        ("stilling", "position"),
        text(120),
        description=gettext_lazy("Position."),
    ),
    Column(
        "is_leader",
        ("leder", "is_leader"),
        yes_no,
        description=gettext_lazy("“ja” if the person is a leader, else “nei” or empty."),
    ),
    Column(
        "political_party",
        ("parti", "political_party"),
        text(80),
        description=gettext_lazy("Political party, for politicians."),
    ),
    Column(
        "union",
        ("fagforening", "union"),
        text(80),
        description=gettext_lazy("Union, for employees."),
    ),
)


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


def normalise_heading(heading: str) -> str:
    return re.sub(r"[\s\-]+", "_", heading.strip().lower())


def _map_header(
    header: Sequence[str], columns: Sequence[Column]
) -> tuple[dict[int, Column], list[RowError]]:
    by_name = {name: column for column in columns for name in column.names}
    found: dict[int, Column] = {}
    seen: dict[str, str] = {}
    errors: list[RowError] = []
    for index, heading in enumerate(header):
        column = by_name.get(normalise_heading(heading))
        if column is None:
            errors.append(
                RowError(
                    1,
                    heading,
                    "unknown_column",
                    _("Unknown column “%(column)s”. The columns are: %(columns)s.")
                    % {"column": heading, "columns": ", ".join(c.norwegian for c in columns)},
                )
            )
        elif column.key in seen:
            errors.append(
                RowError(
                    1,
                    heading,
                    "duplicate_column",
                    _("The column “%(column)s” appears twice (also as “%(other)s”).")
                    % {"column": heading, "other": seen[column.key]},
                )
            )
        else:
            seen[column.key] = heading
            found[index] = column
    for column in columns:
        if column.required and column.key not in seen:
            errors.append(
                RowError(
                    1,
                    column.norwegian,
                    "missing_column",
                    _("The required column “%(column)s” (or “%(english)s”) is missing.")
                    % {"column": column.norwegian, "english": column.english},
                )
            )
    return found, errors


def _check_cells(
    table: Table, columns: Sequence[Column]
) -> tuple[list[CleanRow], list[RowError], dict[int, Column]]:
    found, errors = _map_header(table.header, columns)
    if errors:
        return [], errors, found
    if not table.rows:
        errors.append(RowError(1, "", "no_rows", _("The file has a header line but no rows.")))
        return [], errors, found
    width = len(table.header)
    rows: list[CleanRow] = []
    for row in table.rows:
        if len(row.cells) != width:
            errors.append(
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
                clean.values[column.key] = column.parse(row.cells[index].strip())
            except CellError as error:
                clean.valid = False
                errors.append(RowError(row.line, table.header[index], error.code, error.message))
        rows.append(clean)
    return rows, errors, found


def _heading(found: Mapping[int, Column], header: Sequence[str], key: str) -> str:
    for index, column in found.items():
        if column.key == key:
            return header[index]
    return key


def _duplicates(rows: list[CleanRow], key: str, heading: str, message: str) -> list[RowError]:
    """Report, and mark invalid, every row after the first with the same non-empty ``key``."""
    first: dict[str, int] = {}
    errors: list[RowError] = []
    for row in rows:
        value = row.values.get(key, "")
        if value and value in first:
            errors.append(
                RowError(
                    row.line, heading, "duplicate", message % {"value": value, "line": first[value]}
                )
            )
            row.valid = False
        elif value:
            first[value] = row.line
    return errors


def check_units(table: Table, *, existing_parents: Mapping[str, str | None]) -> Checked:
    """Check a units file against the municipality's units (``{code: parent code}``)."""
    rows, errors, found = _check_cells(table, UNIT_COLUMNS)
    if not found or any(e.line == 1 for e in errors):
        return Checked([], errors, set())
    keys = {column.key for column in found.values()}
    code_heading = _heading(found, table.header, "code")
    parent_heading = _heading(found, table.header, "parent_code")
    errors += _duplicates(
        rows,
        "code",
        code_heading,
        _("The code “%(value)s” is already used on line %(line)s."),
    )

    # The tree as it will be after the import: the file's rows over what is stored. Rows
    # with errors still name known codes, so their children are not reported as well.
    known = set(existing_parents) | {row.values["code"] for row in rows if row.values.get("code")}
    for row in rows:
        parent = row.values.get("parent_code") or None
        if parent is None:
            continue
        if parent == row.values.get("code"):
            errors.append(
                RowError(
                    row.line, parent_heading, "self_parent", _("A unit cannot be part of itself.")
                )
            )
            row.valid = False
        elif parent not in known:
            errors.append(
                RowError(
                    row.line,
                    parent_heading,
                    "unknown_parent",
                    _("No unit has the code “%(code)s”, in the file or already imported.")
                    % {"code": parent},
                )
            )
            row.valid = False

    rows = [row for row in rows if row.valid]
    parents: dict[str, str | None] = dict(existing_parents)
    for row in rows:
        if "parent_code" in keys:
            parents[row.values["code"]] = row.values["parent_code"] or None
        else:
            parents.setdefault(row.values["code"], None)
    loops = _loops(parents)
    for row in rows:
        loop = loops.get(row.values["code"])
        if loop:
            errors.append(
                RowError(
                    row.line,
                    parent_heading,
                    "cycle",
                    _("The units lie under each other in a loop: %(chain)s.")
                    % {"chain": " → ".join(loop)},
                )
            )
    errors.sort(key=lambda e: e.line)
    return Checked(rows, errors, keys)


def _loops(parents: Mapping[str, str | None]) -> dict[str, list[str]]:
    """For each code on a loop, the loop from it back to itself. Linear in the tree's size."""
    on_path, done = 1, 2
    state: dict[str, int] = {}
    loops: dict[str, list[str]] = {}
    for start in parents:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = on_path
            path.append(node)
            node = parents.get(node)
        if node is not None and state[node] == on_path:
            loop = path[path.index(node) :]
            for i, code in enumerate(loop):
                loops[code] = [*loop[i:], *loop[:i], code]
        for code in path:
            state[code] = done
    return loops


def check_people(table: Table, *, unit_codes: set[str]) -> Checked:
    """Check a people file against the codes of the municipality's units."""
    rows, errors, found = _check_cells(table, PERSON_COLUMNS)
    if not found or any(e.line == 1 for e in errors):
        return Checked([], errors, set())
    keys = {column.key for column in found.values()}
    errors += _duplicates(
        rows,
        "external_id",
        _heading(found, table.header, "external_id"),
        _("The employee number “%(value)s” is already used on line %(line)s."),
    )
    unit_heading = _heading(found, table.header, "unit_code")
    for row in rows:
        code = row.values.get("unit_code", "")
        if code and code not in unit_codes:
            errors.append(
                RowError(
                    row.line,
                    unit_heading,
                    "unknown_unit",
                    _("No unit has the code “%(code)s”. Import the units first.") % {"code": code},
                )
            )
            row.valid = False
    errors.sort(key=lambda e: e.line)
    return Checked([row for row in rows if row.valid], errors, keys)
