"""Importing KS 10-FAKTOR results: everything is checked, then all is written or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from trepart.analysis.imports.factors import Key, check_factors
from trepart.analysis.models import FactorImport, FactorResult
from trepart.audit.services import audit_create
from trepart.organisation.imports.parsing import FileFormatError, read_table
from trepart.organisation.imports.validation import RowError
from trepart.organisation.models import Municipality, Unit

BATCH_SIZE = 1000


@dataclass
class FactorImportResult:
    """What an import did, or would do (``dry_run``), or why it did nothing (``errors``)."""

    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    replaced: int = 0
    log: FactorImport | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows(self) -> int:
        return self.created + self.replaced


def factors_import(
    *,
    actor: Any,
    municipality: Municipality,
    data: bytes,
    file_name: str = "",
    dry_run: bool = False,
    replace: bool = False,
) -> FactorImportResult:
    """Store the file's factor results, all or nothing.

    A (unit, year, factor) already imported is an error unless ``replace`` is set; then the
    old result is replaced, never doubled. The import is logged as a ``FactorImport`` and
    audited once.
    """
    result = FactorImportResult(dry_run=dry_run)
    try:
        table = read_table(data)
    except FileFormatError as error:
        result.errors.append(RowError(error.line, "", error.code, error.message))
        return result
    with transaction.atomic():
        unit_pk = dict(Unit.objects.filter(municipality=municipality).values_list("code", "pk"))
        code_of = {pk: code for code, pk in unit_pk.items()}
        years = set()
        for row in table.rows:  # narrow the lookup of stored results to the file's years
            for cell in row.cells:
                if cell.strip().isdigit() and len(cell.strip()) == 4:
                    years.add(int(cell.strip()))
        stored: dict[Key, int] = {
            (code_of[unit_id], year, factor): pk
            for pk, unit_id, year, factor in FactorResult.objects.select_for_update()
            .filter(municipality=municipality, year__in=years)
            .values_list("pk", "unit_id", "year", "factor")
        }
        checked = check_factors(table, unit_codes=set(unit_pk), imported=stored, replace=replace)
        if checked.checked.errors:
            result.errors = checked.checked.errors
            return result
        result.replaced = len(checked.existing)
        result.created = len(checked.rows) - result.replaced
        if dry_run:
            return result
        log = FactorImport.objects.create(
            municipality=municipality,
            imported_by=actor if getattr(actor, "pk", None) else None,
            file_name=file_name[:200],
            rows=len(checked.rows),
        )
        if checked.existing:
            FactorResult.objects.filter(pk__in=[stored[key] for key in checked.existing]).delete()
        FactorResult.objects.bulk_create(
            [
                FactorResult(
                    municipality=municipality,
                    unit_id=unit_pk[row.unit_code],
                    year=row.year,
                    factor=row.factor,
                    average=row.average,
                    respondents=row.respondents,
                    source=log,
                )
                for row in checked.rows
            ],
            batch_size=BATCH_SIZE,
        )
        audit_create(actor=actor, instance=log)
        result.log = log
    return result
