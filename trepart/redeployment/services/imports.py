"""Writing the stillingsbank's imports, all or nothing: every row is checked first
(``redeployment.imports``), then each is written through the same service as the pages, so
the file meets the same rules and leaves the same history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.organisation.imports.parsing import FileFormatError, Table, read_table
from trepart.organisation.imports.validation import RowError
from trepart.organisation.models import Person, Unit
from trepart.redeployment import privacy
from trepart.redeployment.imports.register import Known, check_register
from trepart.redeployment.imports.vacancies import check_vacancies
from trepart.redeployment.models import (
    CaseStatus,
    Location,
    Qualification,
    RedeploymentCase,
)
from trepart.redeployment.services.register import case_create
from trepart.redeployment.services.vacancies import vacancy_create


@dataclass
class ImportResult:
    """What an import did, or would do (``dry_run``), or why it did nothing (``errors``)."""

    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class _DryRun(Exception):
    """Raised to undo a dry run's writes once every row went through."""


def _run(
    data: bytes,
    *,
    dry_run: bool,
    check: Callable[[Table], Any],
    write: Callable[[dict[str, Any]], None],
) -> ImportResult:
    result = ImportResult(dry_run=dry_run)
    try:
        table = read_table(data)
    except FileFormatError as error:
        result.errors.append(RowError(error.line, "", error.code, error.message))
        return result
    checked = check(table)
    if checked.errors:
        result.errors = checked.errors
        return result
    try:
        with transaction.atomic():
            for line, row in zip(_lines(table), checked.rows, strict=True):
                try:
                    write(row)
                except ValidationError as error:
                    # A rule only the service knows: the whole file is refused.
                    result.errors.append(RowError(line, "", "refused", " ".join(error.messages)))
                    raise
            result.created = len(checked.rows)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except ValidationError:
        result.created = 0
    return result


def _lines(table: Table) -> list[int]:
    return [row.line for row in table.rows]


def case_import(*, actor: Any, data: bytes, dry_run: bool = False) -> ImportResult:
    """Register the file's people (members of the stillingsbank only)."""
    if not privacy.is_member(actor):
        raise PermissionDenied
    municipality_id = actor.municipality_id
    known = Known(
        people=dict(
            Person.objects.filter(municipality_id=municipality_id)
            .exclude(external_id="")
            .values_list("external_id", "pk")
        ),
        units=_codes(Unit, municipality_id, upper=False),
        locations=_codes(Location, municipality_id),
        qualifications={
            code.upper(): pk
            for code, pk in Qualification.objects.filter(
                municipality_id=municipality_id, active=True
            ).values_list("code", "pk")
        },
        open_cases=set(
            RedeploymentCase.objects.filter(municipality_id=municipality_id)
            .exclude(status=CaseStatus.CLOSED)
            .values_list("person_id", "kind")
        ),
    )

    def write(row: dict[str, Any]) -> None:
        row = dict(row)
        case_create(
            actor=actor,
            person=Person.objects.get(pk=row.pop("person_id")),
            from_unit=Unit.objects.get(pk=row.pop("from_unit_id")),
            location=Location.objects.get(pk=row.pop("location_id")),
            qualifications=list(Qualification.objects.filter(pk__in=row.pop("qualification_ids"))),
            preferred_units=list(Unit.objects.filter(pk__in=row.pop("preferred_unit_ids"))),
            preferred_locations=list(
                Location.objects.filter(pk__in=row.pop("preferred_location_ids"))
            ),
            **row,
        )

    return _run(
        data, dry_run=dry_run, check=lambda table: check_register(table, known=known), write=write
    )


def vacancy_import(*, actor: Any, data: bytes, dry_run: bool = False) -> ImportResult:
    """Register the file's vacancies, HELD for the stillingsbank (units the actor may hire for)."""
    if not privacy.is_hiring_authority(actor):
        raise PermissionDenied
    municipality_id = actor.municipality_id
    units = dict(privacy.hiring_units(actor).exclude(code="").values_list("code", "pk"))
    locations = _codes(Location, municipality_id)
    qualifications = {
        code.upper(): pk
        for code, pk in Qualification.objects.filter(
            municipality_id=municipality_id, active=True
        ).values_list("code", "pk")
    }

    def write(row: dict[str, Any]) -> None:
        row = dict(row)
        vacancy_create(
            actor=actor,
            unit=Unit.objects.get(pk=row.pop("unit_id")),
            location=Location.objects.get(pk=row.pop("location_id")),
            required=list(Qualification.objects.filter(pk__in=row.pop("required_ids"))),
            wanted=list(Qualification.objects.filter(pk__in=row.pop("wanted_ids"))),
            **row,
        )

    return _run(
        data,
        dry_run=dry_run,
        check=lambda table: check_vacancies(
            table, units=units, locations=locations, qualifications=qualifications
        ),
        write=write,
    )


def _codes(model: Any, municipality_id: int, *, upper: bool = True) -> dict[str, int]:
    rows = model.objects.filter(municipality_id=municipality_id).exclude(code="")
    return {(code.upper() if upper else code): pk for code, pk in rows.values_list("code", "pk")}


def import_summary(result: ImportResult, *, what: str) -> str:
    """One sentence: what was (or, in a dry run, would be) imported."""
    if result.dry_run:
        return _(
            "Checked only, nothing was imported. The file has no errors: importing it would "
            "add %(created)s %(what)s."
        ) % {"created": result.created, "what": what}
    return _("Imported: %(created)s %(what)s added.") % {"created": result.created, "what": what}
