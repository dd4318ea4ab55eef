"""The service review's portfolio: adding, editing and removing tasks with their levels.

A task and its ambition levels are edited together and carry one version (the task's): the
levels hang off the task, so a change to any of them counts as a change to the task. The
KEEP level mirrors the task as done today: its cost and FTEs are the task's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.analysis.models import Instrument, Survey
from trepart.audit.services import audit_create, audit_update_many
from trepart.audit.writes import row_lock, versioned_delete, versioned_edit
from trepart.development import privacy
from trepart.development.models import LEVEL_ORDER, LevelKind, Project, ProjectKind, Task, TaskLevel
from trepart.organisation.models import Unit

REVIEW_KINDS = (ProjectKind.SERVICE_REVIEW, ProjectKind.SAVINGS_PROGRAMME)


@dataclass(frozen=True)
class LevelFields:
    """One ambition level as entered (KEEP's cost and FTEs are the task's own)."""

    yearly_cost: int
    ftes: Decimal
    quality: int
    description: str = ""


@dataclass(frozen=True)
class TaskFields:
    name: str
    yearly_cost: int
    ftes: Decimal
    code: str = ""
    description: str = ""
    volume: str = ""
    statutory: bool = False
    statutory_minimum: str = ""
    current_standard: str = ""
    desired_standard: str = ""
    user_satisfaction: Decimal | None = None
    unit: Unit | None = None
    user_survey: Survey | None = None

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def review_check(project: Project) -> None:
    """Only a service review or a savings programme has a portfolio."""
    if project.kind not in REVIEW_KINDS:
        raise ValidationError(
            _("Only a service review or a savings programme has a task portfolio."),
            code="not_review",
        )


def _check_work(actor: Any, project: Project) -> None:
    if not privacy.can_work(actor, project):
        raise PermissionDenied


def _check(project: Project, fields: TaskFields, levels: Mapping[str, LevelFields]) -> None:
    errors: dict[str, list[str]] = {}
    if LevelKind.KEEP not in levels:
        errors.setdefault("levels", []).append(
            _("Every task has the level “keep”: the task as it is done today.")
        )
    if fields.statutory and not fields.statutory_minimum:
        errors.setdefault("statutory_minimum", []).append(
            _("A statutory task needs the lowest level the law allows.")
        )
    if fields.statutory_minimum == LevelKind.REMOVE:
        errors.setdefault("statutory_minimum", []).append(
            _("The lowest level the law allows cannot be “remove”: then the task is not statutory.")
        )
    if fields.statutory_minimum and fields.statutory_minimum not in levels:
        errors.setdefault("statutory_minimum", []).append(
            _("Describe the level the law requires as one of the task's levels.")
        )
    if fields.unit is not None and fields.unit.municipality_id != project.municipality_id:
        errors.setdefault("unit", []).append(_("Choose a unit of the municipality."))
    survey = fields.user_survey
    if survey is not None and (
        survey.municipality_id != project.municipality_id
        or survey.instrument.kind != Instrument.Kind.USER
    ):
        errors.setdefault("user_survey", []).append(_("Choose a user survey of the municipality."))
    for kind, level in levels.items():
        if kind not in LEVEL_ORDER:
            errors.setdefault("levels", []).append(_("Unknown level."))
        elif not 0 <= level.quality <= 10:
            errors.setdefault("levels", []).append(_("The quality score is from 0 to 10."))
    if errors:
        raise ValidationError(errors)


def _normalised(fields: TaskFields) -> TaskFields:
    if fields.statutory:
        return fields
    return TaskFields(**{**fields.values(), "statutory_minimum": ""})


def levels_plain(task: Task) -> dict[str, list[Any]]:
    """The task's levels as plain values (for the audit record on the task)."""
    return {
        level.kind: [level.yearly_cost, str(level.ftes), level.quality, level.description]
        for level in task.levels.order_by("kind")
    }


def levels_audit(*, actor: Any, task: Task, before: dict[str, list[Any]]) -> None:
    """Record a change of the task's levels on the task itself (the levels hang off it)."""
    after = levels_plain(task)
    if after != before:
        audit_update_many(actor=actor, changes=[(task, {"levels": [before, after]})])


def _write_levels(task: Task, levels: Mapping[str, LevelFields], actor: Any) -> None:
    """Replace the task's levels by ``levels``; KEEP takes the task's cost and FTEs."""
    before = levels_plain(task)
    stored = {level.kind: level for level in task.levels.all()}
    for kind, level in stored.items():
        if kind not in levels:
            level.delete()
    for kind, fields in levels.items():
        cost = task.yearly_cost if kind == LevelKind.KEEP else fields.yearly_cost
        ftes = task.ftes if kind == LevelKind.KEEP else fields.ftes
        row = stored.get(kind) or TaskLevel(task=task, kind=kind)
        row.yearly_cost = cost
        row.ftes = ftes
        row.quality = fields.quality
        row.description = fields.description
        row.full_clean()
        row.save()
    levels_audit(actor=actor, task=task, before=before)


@transaction.atomic
def task_add(
    *, actor: Any, project: Project, fields: TaskFields, levels: Mapping[str, LevelFields]
) -> Task:
    """Add a task with its levels to the project's portfolio."""
    _check_work(actor, project)
    review_check(project)
    fields = _normalised(fields)
    _check(project, fields, levels)
    row_lock(project, version=None)
    position = (
        project.tasks.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    task = Task(project=project, position=position, **fields.values())
    task.full_clean()
    task.save()
    audit_create(actor=actor, instance=task)
    _write_levels(task, levels, actor)
    return task


def task_edit(
    *,
    actor: Any,
    task: Task,
    version: int,
    fields: TaskFields,
    levels: Mapping[str, LevelFields],
) -> Task:
    """Change a task and its levels, if nobody saved it since ``version``."""
    project = task.project
    _check_work(actor, project)
    fields = _normalised(fields)
    _check(project, fields, levels)
    if task.locked_level and task.locked_level not in levels:
        raise ValidationError({"levels": [_("The task is locked at a level you removed.")]})
    with versioned_edit(task, actor=actor, version=version, changes=fields.values()) as row:
        _write_levels(row, levels, actor)
    return Task.objects.get(pk=task.pk)


def task_remove(*, actor: Any, task: Task, version: int) -> None:
    """Take a task out of the portfolio (its levels and weights go with it)."""
    _check_work(actor, task.project)
    versioned_delete(task, actor=actor, version=version)


def task_lock(*, actor: Any, task: Task, version: int, level: str) -> Task:
    """Lock the task at ``level`` (``""`` unlocks): the plan then keeps that level, and the
    plan page starts from the group's locks."""
    _check_work(actor, task.project)
    review_check(task.project)
    if level:
        kinds = set(task.levels.values_list("kind", flat=True))
        if level not in kinds:
            raise ValidationError({"level": [_("Lock the task at one of its own levels.")]})
        if LEVEL_ORDER[level] < LEVEL_ORDER.get(task.statutory_minimum, 0):
            raise ValidationError(
                {"level": [_("A statutory task cannot be locked below the level the law allows.")]}
            )
    with versioned_edit(task, actor=actor, version=version, changes={"locked_level": level}):
        pass
    return Task.objects.get(pk=task.pk)
