"""Importing ledger figures from a CSV file: every row is checked, then all is written or
nothing. A measure already in the ledger (same unit and title) gets the file's figures for
the years the file gives; the others are made."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F

from trepart.audit.services import audit_create_many, audit_update_many, diff, snapshot
from trepart.development.imports.ledger import LedgerRow, MeasureKey, check_ledger
from trepart.development.models import SavingsMeasure, SavingsYear
from trepart.organisation.imports.parsing import FileFormatError, read_table
from trepart.organisation.imports.validation import RowError
from trepart.organisation.models import Municipality, Unit

BATCH_SIZE = 1000


@dataclass
class LedgerImportResult:
    """What an import did, or would do (``dry_run``), or why it did nothing (``errors``)."""

    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    created: int = 0  # measures made
    updated: int = 0  # measures already in the ledger given figures
    years: int = 0  # year rows written

    @property
    def ok(self) -> bool:
        return not self.errors


def _measures(rows: list[LedgerRow]) -> dict[MeasureKey, list[LedgerRow]]:
    grouped: dict[MeasureKey, list[LedgerRow]] = {}
    for row in rows:
        grouped.setdefault(row.key, []).append(row)
    return grouped


def ledger_import(
    *,
    actor: Any,
    municipality: Municipality,
    data: bytes,
    file_name: str = "",
    dry_run: bool = False,
) -> LedgerImportResult:
    """Store the file's ledger figures, all or nothing; audited row by row."""
    result = LedgerImportResult(dry_run=dry_run)
    try:
        table = read_table(data)
    except FileFormatError as error:
        result.errors.append(RowError(error.line, "", error.code, error.message))
        return result
    with transaction.atomic():
        unit_pk = dict(Unit.objects.filter(municipality=municipality).values_list("code", "pk"))
        code_of = {pk: code for code, pk in unit_pk.items()}
        stored: dict[MeasureKey, SavingsMeasure] = {}
        ambiguous: set[MeasureKey] = set()
        for measure in SavingsMeasure.objects.select_for_update().filter(municipality=municipality):
            key = (code_of.get(measure.unit_id, ""), measure.title.casefold())
            if key in stored:
                ambiguous.add(key)
            stored[key] = measure
        checked, rows = check_ledger(table, unit_codes=set(unit_pk), ambiguous=ambiguous)
        if checked.errors:
            result.errors = checked.errors
            return result
        grouped = _measures(rows)
        result.created = sum(1 for key in grouped if key not in stored)
        result.updated = len(grouped) - result.created
        result.years = len(rows)
        if dry_run:
            return result
        _write(
            actor=actor, municipality=municipality, grouped=grouped, stored=stored, units=unit_pk
        )
    return result


def _write(
    *,
    actor: Any,
    municipality: Municipality,
    grouped: dict[MeasureKey, list[LedgerRow]],
    stored: dict[MeasureKey, SavingsMeasure],
    units: dict[str, int],
) -> None:
    made_by = actor if getattr(actor, "pk", None) else None
    new = [
        SavingsMeasure(
            municipality=municipality,
            unit_id=units[rows[0].unit_code],
            title=rows[0].title,
            realisation=rows[0].realisation,
            fte_effect=rows[0].fte_effect,
            status=rows[0].status or SavingsMeasure.Status.PLANNED,
            created_by=made_by,
        )
        for key, rows in grouped.items()
        if key not in stored
    ]
    SavingsMeasure.objects.bulk_create(new, batch_size=BATCH_SIZE)
    audit_create_many(actor=actor, instances=new)
    changes: list[tuple[Any, dict[str, Any]]] = []
    bumped: list[int] = []
    for key, rows in grouped.items():
        measure = stored.get(key)
        if measure is None:
            continue
        before = snapshot(measure)
        measure.realisation = rows[0].realisation
        measure.fte_effect = rows[0].fte_effect
        measure.status = rows[0].status or measure.status
        after = snapshot(measure)
        if after != before:
            measure.save(update_fields=["realisation", "fte_effect", "status"])
            changes.append((measure, diff(before, after)))
        bumped.append(measure.pk)
    # Forms opened before the import must not overwrite its figures.
    SavingsMeasure.objects.filter(pk__in=bumped).update(version=F("version") + 1)
    pk_of = {key: stored[key].pk for key in grouped if key in stored}
    pk_of.update(
        zip([key for key in grouped if key not in stored], [m.pk for m in new], strict=True)
    )
    existing = {
        (row.measure_id, row.year): row
        for row in SavingsYear.objects.select_for_update().filter(measure_id__in=bumped)
    }
    created: list[SavingsYear] = []
    for key, rows in grouped.items():
        for row in rows:
            found = existing.get((pk_of[key], row.year))
            if found is None:
                created.append(
                    SavingsYear(
                        measure_id=pk_of[key],
                        year=row.year,
                        planned=row.planned,
                        realised=row.realised,
                    )
                )
            elif (found.planned, found.realised) != (row.planned, row.realised):
                before = snapshot(found)
                found.planned, found.realised = row.planned, row.realised
                found.save(update_fields=["planned", "realised"])
                changes.append((found, diff(before, snapshot(found))))
    SavingsYear.objects.bulk_create(created, batch_size=BATCH_SIZE)
    audit_create_many(actor=actor, instances=created)
    audit_update_many(actor=actor, changes=changes)
