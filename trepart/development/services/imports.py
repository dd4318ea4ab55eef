"""Writing the review's imports (all or nothing) and a unit's workforce figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_update, snapshot
from trepart.audit.writes import row_lock
from trepart.development import privacy
from trepart.development.imports.portfolio import check_portfolio
from trepart.development.imports.workforce import check_workforce
from trepart.development.models import LevelKind, Project, Task, TaskLevel, Workforce
from trepart.development.services.review import levels_audit, review_check
from trepart.organisation.imports.parsing import FileFormatError, read_table
from trepart.organisation.imports.validation import RowError
from trepart.organisation.models import Unit


@dataclass
class ImportResult:
    """What an import did, or would do (``dry_run``), or why it did nothing (``errors``)."""

    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    replaced: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _check_work(actor: Any, project: Project) -> None:
    if not privacy.can_work(actor, project):
        raise PermissionDenied


def portfolio_import(
    *, actor: Any, project: Project, data: bytes, dry_run: bool = False
) -> ImportResult:
    """Add the file's tasks with their levels to the portfolio: every row is checked first,
    and nothing is written if any row is bad."""
    _check_work(actor, project)
    review_check(project)
    result = ImportResult(dry_run=dry_run)
    try:
        table = read_table(data)
    except FileFormatError as error:
        result.errors.append(RowError(error.line, "", error.code, error.message))
        return result
    with transaction.atomic():
        row_lock(project, version=None)
        units = dict(
            Unit.objects.filter(municipality_id=project.municipality_id)
            .exclude(code="")
            .values_list("code", "pk")
        )
        existing = set()
        for code, name in project.tasks.values_list("code", "name"):
            existing.add(name.lower())
            if code:
                existing.add(code)
        checked = check_portfolio(table, unit_codes=set(units), existing=existing)
        if checked.errors:
            result.errors = checked.errors
            return result
        result.created = len(checked.tasks)
        if dry_run:
            return result
        position = project.tasks.count()
        levels: list[TaskLevel] = []
        created: list[Task] = []
        for imported in checked.tasks:
            position += 1
            keep = imported.levels[LevelKind.KEEP]
            task = Task.objects.create(
                project=project,
                unit_id=units.get(imported.unit_code),
                code=imported.code,
                name=imported.name,
                yearly_cost=keep.cost,
                ftes=keep.ftes,
                volume=imported.volume,
                statutory=bool(imported.minimum),
                statutory_minimum=imported.minimum,
                position=position,
            )
            audit_create(actor=actor, instance=task)
            created.append(task)
            levels.extend(
                TaskLevel(
                    task=task,
                    kind=level.kind,
                    yearly_cost=level.cost,
                    ftes=level.ftes,
                    quality=level.quality,
                    description=level.description,
                )
                for level in imported.levels.values()
            )
        TaskLevel.objects.bulk_create(levels)
        for task in created:
            levels_audit(actor=actor, task=task, before={})
    return result


def workforce_import(
    *, actor: Any, project: Project, data: bytes, dry_run: bool = False
) -> ImportResult:
    """Import units' workforce figures (all or nothing); a unit's year already stored is
    replaced by the file's."""
    _check_work(actor, project)
    result = ImportResult(dry_run=dry_run)
    try:
        table = read_table(data)
    except FileFormatError as error:
        result.errors.append(RowError(error.line, "", error.code, error.message))
        return result
    with transaction.atomic():
        units = dict(
            Unit.objects.filter(municipality_id=project.municipality_id)
            .exclude(code="")
            .values_list("code", "pk")
        )
        checked = check_workforce(table, unit_codes=set(units))
        if checked.errors:
            result.errors = checked.errors
            return result
        for row in checked.rows:
            stored = _workforce_write(
                actor=actor,
                project=project,
                unit_id=units[row.unit_code],
                year=row.year,
                values={
                    "ftes": row.ftes,
                    "turnover_percent": row.turnover,
                    "retiring_ftes": row.retiring,
                },
                dry_run=dry_run,
            )
            if stored:
                result.replaced += 1
            else:
                result.created += 1
        if dry_run:
            transaction.set_rollback(True)
    return result


def _workforce_write(
    *, actor: Any, project: Project, unit_id: int, year: int, values: dict[str, Any], dry_run: bool
) -> bool:
    """Write one unit's year; True when it replaced figures already stored."""
    row = (
        Workforce.objects.select_for_update()
        .filter(municipality_id=project.municipality_id, unit_id=unit_id, year=year)
        .first()
    )
    if dry_run:
        return row is not None
    if row is None:
        row = Workforce(
            municipality_id=project.municipality_id, unit_id=unit_id, year=year, **values
        )
        row.full_clean()
        row.save()
        audit_create(actor=actor, instance=row)
        return False
    before = snapshot(row)
    for name, value in values.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    audit_update(actor=actor, instance=row, before=before)
    return True


@transaction.atomic
def workforce_set(
    *,
    actor: Any,
    project: Project,
    unit: Unit,
    year: int,
    ftes: Decimal,
    turnover_percent: Decimal,
    retiring_ftes: Decimal,
) -> Workforce:
    """Enter (or correct) a unit's workforce figures for a year."""
    _check_work(actor, project)
    if unit.municipality_id != project.municipality_id:
        raise PermissionDenied
    _workforce_write(
        actor=actor,
        project=project,
        unit_id=unit.pk,
        year=year,
        values={
            "ftes": ftes,
            "turnover_percent": turnover_percent,
            "retiring_ftes": retiring_ftes,
        },
        dry_run=False,
    )
    return Workforce.objects.get(unit=unit, year=year)


def import_summary(result: ImportResult, *, what: str) -> str:
    """One sentence: what was (or, in a dry run, would be) imported."""
    if result.dry_run:
        return _(
            "Checked only, nothing was imported. The file has no errors: importing it would "
            "add %(created)s and replace %(replaced)s %(what)s."
        ) % {"created": result.created, "replaced": result.replaced, "what": what}
    return _("Imported: %(created)s %(what)s added, %(replaced)s replaced.") % {
        "created": result.created,
        "replaced": result.replaced,
        "what": what,
    }
