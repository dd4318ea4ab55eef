"""The parties' weighing: each party weighs every task on its own and says when it is done;
once all three are done, the group records the agreed weight per task.

A party's weights are its own until all three have finished (``privacy.weights_open``), and
they cannot change after the party has said it is done: otherwise a party could move its
weights after seeing the others'.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_update_many
from trepart.audit.writes import row_lock, versioned_edit
from trepart.development import privacy
from trepart.development.models import Project, Task, Weighing, Weight
from trepart.development.models.review import WEIGHT_MAX


def _party(actor: Any, project: Project) -> str:
    party = privacy.weighing_party(actor, project)
    if party is None:
        raise PermissionDenied
    return party


def _finished(project: Project, party: str) -> bool:
    return Weighing.objects.filter(project=project, party=party).exists()


@transaction.atomic
def weights_record(*, actor: Any, project: Project, weights: Mapping[int, int]) -> int:
    """Record the actor's party's weights (task id → 0–10); returns how many were saved."""
    party = _party(actor, project)
    row_lock(project, version=None)
    if _finished(project, party):
        raise ValidationError(
            _("Your party has finished its weighing: the weights can no longer be changed."),
            code="finished",
        )
    tasks = set(project.tasks.filter(pk__in=list(weights)).values_list("pk", flat=True))
    if set(weights) - tasks:
        raise ValidationError(_("A task is not in this portfolio."), code="unknown_task")
    if any(not 0 <= value <= WEIGHT_MAX for value in weights.values()):
        raise ValidationError(
            _("A weight is a whole number from 0 to %(max)s.") % {"max": WEIGHT_MAX},
            code="range",
        )
    stored = {w.task_id: w for w in Weight.objects.filter(task__project=project, party=party)}
    audited: list[tuple[Any, dict[str, Any]]] = []
    for task_id, value in weights.items():
        row = stored.get(task_id)
        old = None if row is None else row.weight
        if row is None:
            row = Weight.objects.create(
                task_id=task_id, party=party, weight=value, recorded_by=actor
            )
        elif row.weight != value:
            row.weight = value
            row.recorded_by = actor
            row.save(update_fields=["weight", "recorded_by", "updated_at"])
        if old != value:
            # Recorded on the task, which the audit log places in its municipality.
            audited.append((row.task, {f"weight {party}": [old, value]}))
    audit_update_many(actor=actor, changes=audited)
    return len(weights)


@transaction.atomic
def weighing_finish(*, actor: Any, project: Project) -> Weighing:
    """The actor's party says it has weighed every task."""
    party = _party(actor, project)
    row_lock(project, version=None)
    if _finished(project, party):
        raise ValidationError(_("Your party has already finished its weighing."), code="finished")
    weighed = Weight.objects.filter(task__project=project, party=party).count()
    if not project.tasks.exists() or weighed < project.tasks.count():
        raise ValidationError(
            _("Weigh every task before you finish: %(left)s tasks have no weight yet.")
            % {"left": project.tasks.count() - weighed},
            code="incomplete",
        )
    done = Weighing.objects.create(project=project, party=party, done_by=actor)
    audit_create(actor=actor, instance=done)
    return done


def agreed_weights_record(
    *,
    actor: Any,
    project: Project,
    weights: Mapping[int, Decimal | None],
    versions: Mapping[int, int],
) -> int:
    """Record the group's agreed weight per task (each task at the version the form showed);
    only once every party in the group has weighed. Returns how many tasks changed."""
    if not privacy.can_work(actor, project):
        raise PermissionDenied
    if not privacy.weights_open(project):
        raise ValidationError(
            _("The group agrees on the weights once every party in the group has weighed."),
            code="not_open",
        )
    changed = 0
    with transaction.atomic():
        tasks = {
            task.pk: task for task in Task.objects.filter(project=project, pk__in=list(weights))
        }
        if set(weights) - set(tasks):
            raise ValidationError(_("A task is not in this portfolio."), code="unknown_task")
        for task_id, value in weights.items():
            task = tasks[task_id]
            if value is not None and not 0 <= value <= WEIGHT_MAX:
                raise ValidationError(
                    _("A weight is a number from 0 to %(max)s.") % {"max": WEIGHT_MAX},
                    code="range",
                )
            if task.agreed_weight == value:
                continue
            with versioned_edit(
                task,
                actor=actor,
                version=versions.get(task_id, 0),
                changes={"agreed_weight": value},
            ):
                changed += 1
    return changed
