"""The ledger's measures made from a decided plan: when the council adopts a service review,
each task the chosen plan changes the cost of becomes a measure, planned every year: a saving
for a task removed or lowered, an added cost (a negative amount) for a task raised. The
plan's measures together hold its net saving."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_create_many
from trepart.development.models import (
    LevelKind,
    Plan,
    Realisation,
    SavingsMeasure,
    SavingsYear,
    Task,
)
from trepart.development.services.ledger import FIRST_YEAR, LAST_YEAR


def _years_check(years: list[int]) -> list[int]:
    if not years:
        raise ValidationError(_("Give at least one budget year for the savings."))
    if len(set(years)) != len(years):
        raise ValidationError(_("Each budget year may be given once."))
    for year in years:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationError(
                _("The year must be between %(first)s and %(last)s (this is %(year)s).")
                % {"first": FIRST_YEAR, "last": LAST_YEAR, "year": year}
            )
    return sorted(years)


def _level_label(kind: str) -> str:
    try:
        return str(LevelKind(kind).label)
    except ValueError:
        return kind


def _realisation(*, saving: int, fte_change: Decimal) -> str:
    if saving < 0:
        return Realisation.ADDED_COST
    return Realisation.ATTRITION if fte_change < 0 else Realisation.SERVICE_LEVEL


def measures_from_plan(*, actor: Any, plan: Plan, years: list[int]) -> list[SavingsMeasure]:
    """The plan's net saving in the ledger: one measure per choice that changes the task's
    cost, on the task's unit (or the project's first), planned at the choice's saving each
    year, so the plan's measures sum to the plan's saving.

    A choice that costs more (a raised task) is an added cost, its amounts negative. One
    that saves is realised through natural attrition where the choice has fewer FTEs, else
    through a changed service level. Only the group's chosen plan counts, and not once the
    decision went against it. Calling it again adds only the choices not yet in the ledger:
    a task already there keeps its measure (and whatever has been realised on it)."""
    years = _years_check(years)
    project = plan.project
    if not plan.chosen:
        raise ValidationError(_("Only the plan the project group chose can go into the ledger."))
    if project.decision_adopted is False:
        raise ValidationError(_("The decision went against the plan: it has no savings."))
    choices = [
        choice
        for choice in (plan.result or {}).get("choices", [])
        if int(choice.get("saving") or 0) != 0
    ]
    keys = {str(choice.get("key", "")) for choice in choices}
    tasks = {
        str(task.pk): task
        for task in Task.objects.filter(
            project=project, pk__in=[int(key) for key in keys if key.isdigit()]
        ).select_related("unit")
    }
    missing = sorted(keys - set(tasks))
    if missing:
        raise ValidationError(
            _("The plan names tasks that are no longer in the project: %(keys)s.")
            % {"keys": ", ".join(missing)}
        )
    first_unit = project.units.order_by("pk").first()
    with transaction.atomic():
        existing = {
            measure.task_id: measure
            for measure in SavingsMeasure.objects.select_for_update().filter(
                project=project, task_id__in=[task.pk for task in tasks.values()]
            )
        }
        measures: list[SavingsMeasure] = []
        for choice in choices:
            task = tasks[str(choice["key"])]
            if task.pk in existing:
                measures.append(existing[task.pk])
                continue
            unit = task.unit or first_unit
            if unit is None:
                raise ValidationError(
                    _(
                        "“%(task)s” has no unit and the project names none: give the task or "
                        "the project a unit first."
                    )
                    % {"task": task.name}
                )
            fte_change = Decimal(str(choice.get("fte_change") or 0)).quantize(Decimal("0.01"))
            saving = int(choice["saving"])
            measure = SavingsMeasure.objects.create(
                municipality_id=project.municipality_id,
                unit=unit,
                project=project,
                task=task,
                title=f"{task.name}: {_level_label(str(choice.get('kind', '')))}"[:200],
                description=_("From the plan the project group chose in “%(project)s”.")
                % {"project": project.title},
                realisation=_realisation(saving=saving, fte_change=fte_change),
                fte_effect=fte_change,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
            audit_create(actor=actor, instance=measure)
            rows = SavingsYear.objects.bulk_create(
                [SavingsYear(measure=measure, year=year, planned=saving) for year in years]
            )
            audit_create_many(actor=actor, instances=rows)
            existing[task.pk] = measure
            measures.append(measure)
    return measures
