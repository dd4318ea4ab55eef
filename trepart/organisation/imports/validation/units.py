"""The units file: its columns, and a tree of units with no unknown parents and no loops."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.organisation.imports.parsing import Table
from trepart.organisation.imports.validation.cells import Column, choice, count, text_column
from trepart.organisation.imports.validation.sheet import Checked, Sheet, check_table

UNIT_KINDS = {"sektor": "SECTOR", "sector": "SECTOR", "enhet": "UNIT", "unit": "UNIT"}

UNIT_COLUMNS = (
    text_column(
        "code",
        ("kode", "code"),
        40,
        required=True,
        description=gettext_lazy("The unit's code, unique in the municipality."),
    ),
    text_column(
        "name",
        ("navn", "name"),
        200,
        required=True,
        description=gettext_lazy("The unit's name."),
    ),
    text_column(
        "parent_code",
        ("overordnet_kode", "parent_code"),
        40,
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


def check_units(table: Table, *, existing_parents: Mapping[str, str | None]) -> Checked:
    """Check a units file against the municipality's units (``{code: parent code}``)."""
    return check_table(
        table,
        UNIT_COLUMNS,
        unique="code",
        duplicate=_("The code “%(value)s” is already used on line %(line)s."),
        rules=partial(_check_tree, existing_parents=existing_parents),
    )


def _check_tree(sheet: Sheet, *, existing_parents: Mapping[str, str | None]) -> None:
    # The tree as it will be after the import: the file's rows over what is stored. Rows
    # with errors still name known codes, so their children are not reported as well.
    known = set(existing_parents) | {
        row.values["code"] for row in sheet.rows if row.values.get("code")
    }
    for row in sheet.rows:
        parent = row.values.get("parent_code") or None
        if parent is None:
            continue
        if parent == row.values.get("code"):
            sheet.reject(row, "parent_code", "self_parent", _("A unit cannot be part of itself."))
        elif parent not in known:
            sheet.reject(
                row,
                "parent_code",
                "unknown_parent",
                _("No unit has the code “%(code)s”, in the file or already imported.")
                % {"code": parent},
            )

    rows = [row for row in sheet.rows if row.valid]
    parents: dict[str, str | None] = dict(existing_parents)
    has_parents = "parent_code" in sheet.keys
    for row in rows:
        if has_parents:
            parents[row.values["code"]] = row.values["parent_code"] or None
        else:
            parents.setdefault(row.values["code"], None)
    loops = _loops(parents)
    for row in rows:
        loop = loops.get(row.values["code"])
        if loop:
            sheet.reject(
                row,
                "parent_code",
                "cycle",
                _("The units lie under each other in a loop: %(chain)s.")
                % {"chain": " → ".join(loop)},
            )


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
