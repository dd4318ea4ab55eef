"""Importing units and people from CSV: everything is checked, then all is written or nothing.

Rows are matched to what the municipality already has — units by code, people by employee
number — and those are updated (with an audit entry for each change); the rest are created.
Sized for a large municipality's staff list: a handful of queries and bulk writes, never a
query per row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from trepart.audit.services import audit_create_many, audit_update_many, diff, snapshot
from trepart.organisation.imports.parsing import FileFormatError, read_table
from trepart.organisation.imports.validation import (
    Checked,
    CleanRow,
    RowError,
    check_people,
    check_units,
)
from trepart.organisation.models import Municipality, Person, Unit

UNITS = "units"
PEOPLE = "people"
BATCH_SIZE = 1000
Changes = dict[str, list[Any]]


@dataclass
class ImportResult:
    """What an import did, or would do (``dry_run``), or why it did nothing (``errors``)."""

    kind: str
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


def _read(kind: str, data: bytes, dry_run: bool) -> tuple[Any, ImportResult | None]:
    try:
        return read_table(data), None
    except FileFormatError as error:
        failed = ImportResult(kind=kind, dry_run=dry_run)
        failed.errors.append(RowError(error.line, "", error.code, error.message))
        return None, failed


def _apply(instance: Any, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set ``values`` on a stored row; what changed, as ``{field: [old, new]}``."""
    before = snapshot(instance)
    for name, value in values.items():
        setattr(instance, name, value)
    changes = diff(before, snapshot(instance))
    if changes:
        instance.version += 1
    return changes


def _write_updates(*, actor: Any, model: type[Any], changed: list[tuple[Any, Changes]]) -> None:
    """Save the changed rows and audit each change, in a few statements however many rows.

    Django's ``bulk_update`` builds a CASE expression per field and row, which costs several
    milliseconds a row (minutes for a large staff list). Instead, rows that changed the same
    columns go out as one UPDATE run with each row's values, setting only those columns so
    the database leaves the other indexes alone. The rows were locked when read.
    """
    by_columns: dict[tuple[str, ...], list[Any]] = {}
    for row, changes in changed:
        by_columns.setdefault(tuple(sorted(changes)), []).append(row)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for attnames, rows in by_columns.items():
            fields = [model._meta.get_field(name) for name in (*attnames, "version")]
            sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - names from the model
                quote(model._meta.db_table),
                ", ".join(f"{quote(field.column)} = %s" for field in fields),
                quote(model._meta.pk.column),
            )
            params = [
                [
                    field.get_db_prep_save(getattr(row, field.attname), connection)
                    for field in fields
                ]
                + [row.pk]
                for row in rows
            ]
            for start in range(0, len(params), BATCH_SIZE):
                cursor.executemany(sql, params[start : start + BATCH_SIZE])
    audit_update_many(actor=actor, changes=changed)


def units_import(
    *, actor: Any, municipality: Municipality, data: bytes, dry_run: bool = False
) -> ImportResult:
    """Create and update the municipality's units from a CSV file, all or nothing."""
    table, failed = _read(UNITS, data, dry_run)
    if failed:
        return failed
    result = ImportResult(kind=UNITS, dry_run=dry_run)
    with transaction.atomic():
        stored = {
            unit.code: unit
            for unit in Unit.objects.select_for_update().filter(municipality=municipality)
        }
        code_of = {unit.pk: code for code, unit in stored.items()}
        checked = check_units(
            table,
            existing_parents={
                code: code_of[unit.parent_id] if unit.parent_id else None
                for code, unit in stored.items()
            },
        )
        if checked.errors:
            result.errors = checked.errors
            return result
        new = [row for row in checked.rows if row.values["code"] not in stored]
        created = [] if dry_run else _create_units(actor, municipality, new, stored, checked)
        result.created = len(new) if dry_run else len(created)

        pk_of = {code: unit.pk for code, unit in stored.items()}
        pk_of.update({unit.code: unit.pk for unit in created})
        changed: list[tuple[Unit, Changes]] = []
        for row in checked.rows:
            unit = stored.get(row.values["code"])
            if unit is None:
                continue
            changes = _apply(unit, _unit_values(row, checked, pk_of))
            if changes:
                changed.append((unit, changes))
            else:
                result.unchanged += 1
        result.updated = len(changed)
        if not dry_run:
            _write_updates(actor=actor, model=Unit, changed=changed)
    return result


def _unit_values(row: CleanRow, checked: Checked, pk_of: Mapping[str, int]) -> dict[str, Any]:
    values = {k: v for k, v in row.values.items() if k not in {"code", "parent_code"}}
    if "parent_code" in checked.columns:
        parent = row.values["parent_code"]
        # In a dry run new parents have no key yet; any value other than the old one will do.
        values["parent_id"] = pk_of.get(parent, -1) if parent else None
    return values


def _create_units(
    actor: Any,
    municipality: Municipality,
    new: list[CleanRow],
    stored: dict[str, Unit],
    checked: Checked,
) -> list[Unit]:
    """Create new units parents first, a level of the tree at a time."""
    parent_of = {row.values["code"]: row.values.get("parent_code") or None for row in new}
    depth: dict[str, int] = {}

    def depth_of(code: str) -> int:
        # Iterative, so a deep chain cannot hit the recursion limit; the file has no loops.
        start, chain = code, []
        while code not in depth:
            parent = parent_of[code]
            if parent is None or parent not in parent_of:  # top level, or under a stored unit
                depth[code] = 0
                break
            chain.append(code)
            code = parent
        level = depth[code]
        for link in reversed(chain):
            level += 1
            depth[link] = level
        return depth[start]

    levels: dict[int, list[CleanRow]] = {}
    for row in new:
        levels.setdefault(depth_of(row.values["code"]), []).append(row)
    pk_of: dict[str, int] = {code: unit.pk for code, unit in stored.items()}
    created: list[Unit] = []
    for level in sorted(levels):
        units = [
            Unit(
                municipality=municipality,
                code=row.values["code"],
                parent_id=pk_of.get(row.values.get("parent_code") or ""),
                **{k: v for k, v in row.values.items() if k not in {"code", "parent_code"}},
            )
            for row in levels[level]
        ]
        Unit.objects.bulk_create(units, batch_size=BATCH_SIZE)
        pk_of.update({unit.code: unit.pk for unit in units})
        created += units
    audit_create_many(actor=actor, instances=created)
    return created


def people_import(
    *, actor: Any, municipality: Municipality, data: bytes, dry_run: bool = False
) -> ImportResult:
    """Create and update the municipality's people from a CSV file, all or nothing."""
    table, failed = _read(PEOPLE, data, dry_run)
    if failed:
        return failed
    result = ImportResult(kind=PEOPLE, dry_run=dry_run)
    with transaction.atomic():
        unit_pk = dict(Unit.objects.filter(municipality=municipality).values_list("code", "pk"))
        checked = check_people(table, unit_codes=set(unit_pk))
        if checked.errors:
            result.errors = checked.errors
            return result
        # One query for everyone with a number; matching is done here, not row by row.
        stored = {
            person.external_id: person
            for person in Person.objects.select_for_update()
            .filter(municipality=municipality)
            .exclude(external_id="")
        }
        new: list[Person] = []
        changed: list[tuple[Person, Changes]] = []
        for row in checked.rows:
            values = dict(row.values)
            if "unit_code" in values:
                code = values.pop("unit_code")
                values["unit_id"] = unit_pk[code] if code else None
            person = stored.get(values.get("external_id", ""))
            if person is None:
                new.append(Person(municipality=municipality, **values))
                continue
            changes = _apply(person, values)
            if changes:
                changed.append((person, changes))
            else:
                result.unchanged += 1
        result.created = len(new)
        result.updated = len(changed)
        if not dry_run:
            Person.objects.bulk_create(new, batch_size=BATCH_SIZE)
            audit_create_many(actor=actor, instances=new)
            _write_updates(actor=actor, model=Person, changed=changed)
    return result


IMPORTERS = {UNITS: units_import, PEOPLE: people_import}
