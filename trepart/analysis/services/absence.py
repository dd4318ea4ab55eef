"""Writing sick leave: importing a CSV file (all or nothing) and setting presence targets."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from trepart.analysis.absence import Period
from trepart.analysis.imports.absence import (
    CheckedFile,
    Stored,
    already_errors,
    check_absence,
    find_already,
)
from trepart.analysis.models import AbsenceImport, AbsenceRecord, PresenceTarget
from trepart.audit.services import audit_create
from trepart.audit.writes import ConcurrentEditError, versioned_edit
from trepart.organisation.imports.parsing import FileFormatError, read_table
from trepart.organisation.imports.validation import RowError
from trepart.organisation.models import Municipality, Unit

BATCH_SIZE = 1000


@dataclass
class AbsenceImportResult:
    """What an import did, or would do (``dry_run``), or why it did nothing (``errors``)."""

    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    replaced: int = 0
    already: list[Stored] = field(default_factory=list)
    first_period: datetime.date | None = None
    last_period: datetime.date | None = None
    log: AbsenceImport | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def _stored_periods(municipality: Municipality, codes: set[str]) -> dict[str, list[Period]]:
    stored: dict[str, list[Period]] = {}
    rows = (
        AbsenceRecord.objects.filter(municipality=municipality, unit__code__in=sorted(codes))
        .order_by()
        .values_list("unit__code", "period_start", "months")
    )
    for code, start, months in rows:
        stored.setdefault(code, []).append(Period(start, months))
    return stored


def absence_import(
    *,
    actor: Any,
    municipality: Municipality,
    data: bytes,
    file_name: str = "",
    replace: bool = False,
    dry_run: bool = False,
) -> AbsenceImportResult:
    """Import sick-leave figures from a CSV file: every row is checked, then all or nothing.

    Periods already imported for a unit are refused unless ``replace``; then the stored
    records they overlap are deleted and the file's written in their place.
    """
    result = AbsenceImportResult(dry_run=dry_run)
    try:
        table = read_table(data)
    except FileFormatError as error:
        result.errors.append(RowError(error.line, "", error.code, error.message))
        return result
    with transaction.atomic():
        units = dict(Unit.objects.filter(municipality=municipality).values_list("code", "pk"))
        checked: CheckedFile = check_absence(table, unit_codes=set(units))
        if not checked.errors:
            codes = {row.unit_code for row in checked.rows}
            find_already(checked, _stored_periods(municipality, codes))
        if checked.errors:
            result.errors = checked.errors
            return result
        result.already = checked.already
        if checked.already and not replace:
            result.errors = already_errors(checked)
            return result
        starts = [row.period.start for row in checked.rows]
        result.first_period = min(starts) if starts else None
        result.last_period = (
            max(row.period.last_month for row in checked.rows) if checked.rows else None
        )
        result.created = len(checked.rows)
        result.replaced = len({(s.unit_code, s.period.start) for s in checked.already})
        if dry_run:
            return result
        if checked.already:
            gone = Q()
            for stored in {(s.unit_code, s.period.start) for s in checked.already}:
                gone |= Q(unit_id=units[stored[0]], period_start=stored[1])
            AbsenceRecord.objects.filter(gone, municipality=municipality).delete()
        log = AbsenceImport.objects.create(
            municipality=municipality,
            imported_by=actor if getattr(actor, "is_authenticated", False) else None,
            file_name=file_name[:200],
            rows=len(checked.rows),
            first_period=result.first_period,
            last_period=result.last_period,
        )
        AbsenceRecord.objects.bulk_create(
            [
                AbsenceRecord(
                    municipality=municipality,
                    unit_id=units[row.unit_code],
                    period_start=row.period.start,
                    months=row.period.months,
                    agreed_days=row.agreed,
                    lost_certified=row.certified,
                    lost_self=row.self_certified,
                    employees=row.employees,
                    source=log,
                )
                for row in checked.rows
            ],
            batch_size=BATCH_SIZE,
        )
        audit_create(actor=actor, instance=log)
        result.log = log
    return result


def absence_import_summary(result: AbsenceImportResult) -> str:
    """One sentence: what was (or, in a dry run, would be) imported."""
    values = {"created": result.created, "replaced": result.replaced}
    if result.dry_run:
        return (
            _(
                "Checked only, nothing was imported. The file has no errors: importing it "
                "would add %(created)s rows of figures, replacing %(replaced)s already imported."
            )
            % values
        )
    return _("Sick leave imported: %(created)s rows, %(replaced)s replaced.") % values


def presence_target_set(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    percent: Decimal,
    expected_version: int | None = None,
) -> PresenceTarget:
    """Set a unit's presence target (nærværsmål) for a year.

    A new target needs no version; changing one needs the version the form showed, so
    two people editing at once cannot overwrite each other unseen.
    """
    if not Decimal(50) <= percent <= Decimal(100):
        raise ValidationError(
            _("A presence target is a percentage between 50 and 100."), code="range"
        )
    with transaction.atomic():
        current = PresenceTarget.objects.filter(unit=unit, year=year).first()
        if current is None:
            if expected_version not in (None, 0):
                # It was deleted while the form was open: someone else acted.
                raise ConcurrentEditError()
            target = PresenceTarget.objects.create(
                municipality_id=unit.municipality_id, unit=unit, year=year, percent=percent
            )
            audit_create(actor=actor, instance=target)
            return target
        if expected_version is None:
            raise ConcurrentEditError()
        with versioned_edit(
            current, actor=actor, version=expected_version, changes={"percent": percent}
        ) as changed:
            pass
        return changed
