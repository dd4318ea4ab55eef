"""Plans: the portfolio turned into the optimiser's problem, solved, kept and chosen.

``plan_solve`` writes nothing (the plan page and the API re-solve as inputs change);
``plan_make`` keeps the answer as plain JSON on a ``Plan``, so a plan never changes with
the data, and ``plan_choose`` marks the group's choice (one per project).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_update, snapshot
from trepart.audit.writes import row_lock
from trepart.development import optimiser, privacy
from trepart.development.models import LEVEL_ORDER, LevelKind, Plan, Project, Task
from trepart.development.selectors.review import natural_attrition, party_weights
from trepart.development.services.review import review_check

# The weight of a task nobody has weighed yet: the middle of the scale.
DEFAULT_WEIGHT = 5.0
CURVE_POINTS = 20
ALTERNATIVES = 3
PARTY_BASES: dict[str, str] = {
    Plan.Basis.POLITICAL: "POLITICAL",
    Plan.Basis.ADMINISTRATION: "ADMINISTRATION",
    Plan.Basis.EMPLOYEE: "EMPLOYEE",
}


@dataclass(frozen=True)
class PlanInputs:
    target: int
    basis: str = Plan.Basis.AGREED
    locks: Mapping[str, str] = field(default_factory=dict)  # task id (str) → level kind
    fte_limit: Decimal | None = None


def plan_defaults(project: Project) -> PlanInputs:
    """The project's target, the agreed weights, the group's locks, natural attrition."""
    locks = {
        str(pk): kind
        for pk, kind in project.tasks.exclude(locked_level="").values_list("pk", "locked_level")
    }
    return PlanInputs(
        target=project.savings_target or 0,
        basis=Plan.Basis.AGREED,
        locks=locks,
        fte_limit=natural_attrition(project).total,
    )


def _weights(project: Project, basis: str, tasks: list[Task]) -> tuple[dict[str, float], int]:
    """Each task's weight on ``basis``, and how many fell back to the default."""
    parties = party_weights(project) if privacy.weights_open(project) else {}
    out: dict[str, float] = {}
    defaulted = 0
    for task in tasks:
        key = str(task.pk)
        if basis in PARTY_BASES:
            value = parties.get(PARTY_BASES[basis], {}).get(key)
        elif task.agreed_weight is not None:
            value = float(task.agreed_weight)
        else:
            given = [weights[key] for weights in parties.values() if key in weights]
            value = sum(given) / len(given) if given else None
        if value is None:
            value = DEFAULT_WEIGHT
            defaulted += 1
        out[key] = value
    return out, defaulted


def _check(project: Project, inputs: PlanInputs, tasks: list[Task]) -> None:
    errors: dict[str, list[str]] = {}
    if inputs.basis not in Plan.Basis.values:
        errors.setdefault("basis", []).append(_("Choose whose weights the plan uses."))
    elif inputs.basis in PARTY_BASES and not privacy.weights_open(project):
        errors.setdefault("basis", []).append(
            _("A party's weights can be used once every party in the group has weighed.")
        )
    if inputs.target < 0:
        errors.setdefault("target", []).append(_("The target cannot be negative."))
    if inputs.fte_limit is not None and inputs.fte_limit < 0:
        errors.setdefault("fte_limit", []).append(_("The FTE limit cannot be negative."))
    by_key = {str(task.pk): task for task in tasks}
    for key, kind in inputs.locks.items():
        task = by_key.get(key)
        if not kind:
            continue
        if task is None:
            errors.setdefault("locks", []).append(_("A task is not in this portfolio."))
        elif kind not in {level.kind for level in task.levels.all()}:
            errors.setdefault("locks", []).append(
                _("%(task)s has no such level.") % {"task": task.name}
            )
        elif task.statutory_minimum and LEVEL_ORDER[kind] < LEVEL_ORDER[task.statutory_minimum]:
            errors.setdefault("locks", []).append(
                _("%(task)s cannot be locked below the level the law allows.") % {"task": task.name}
            )
    if errors:
        raise ValidationError(errors)


def plan_problem(*, project: Project, inputs: PlanInputs) -> tuple[optimiser.Problem, int]:
    """The optimiser's problem for ``inputs``, and how many tasks have the default weight."""
    tasks = list(project.tasks.prefetch_related("levels"))
    _check(project, inputs, tasks)
    weights, defaulted = _weights(project, inputs.basis, tasks)
    items = []
    for task in tasks:
        levels = list(task.levels.all())
        if not any(level.kind == LevelKind.KEEP for level in levels):
            continue
        items.append(
            optimiser.Item(
                key=str(task.pk),
                name=task.name,
                options=tuple(
                    optimiser.Option(
                        kind=level.kind,
                        cost=int(level.yearly_cost),
                        ftes=float(level.ftes),
                        quality=float(level.quality),
                    )
                    for level in sorted(levels, key=lambda level: LEVEL_ORDER[level.kind])
                ),
                weight=weights[str(task.pk)],
                minimum=task.statutory_minimum,
                locked=inputs.locks.get(str(task.pk), ""),
            )
        )
    problem = optimiser.Problem(
        items=tuple(items),
        target=inputs.target,
        fte_limit=None if inputs.fte_limit is None else float(inputs.fte_limit),
    )
    return problem, defaulted


def plan_solve(
    *, user: Any, project: Project, inputs: PlanInputs, extras: bool = True
) -> dict[str, Any]:
    """The plan for ``inputs`` with the parties' views (once weights are open), the next-best
    alternatives and the trade-off curve, as plain JSON. Writes nothing.

    With ``extras=False`` only the plan itself is solved (the plan page shows it first and
    asks for the rest in a second request); the result then has no ``party_views``,
    ``alternatives`` or ``curve``."""
    if privacy.access(user, project) < privacy.Access.FULL:
        raise PermissionDenied
    review_check(project)
    problem, defaulted = plan_problem(project=project, inputs=inputs)
    if not problem.items:
        raise ValidationError(
            _("Add tasks with their levels to the portfolio before making a plan."), code="empty"
        )
    solution = optimiser.solve(problem)
    result = solution.as_json()
    result.update(
        {
            "basis": inputs.basis,
            "locks": {key: kind for key, kind in inputs.locks.items() if kind},
            "default_weights": defaulted,
        }
    )
    if not extras:
        return result
    views: dict[str, float] = {}
    if privacy.weights_open(project):
        chosen = {choice["key"]: choice["kind"] for choice in result["choices"]}
        views = optimiser.party_views(problem, chosen, party_weights(project))
    others = optimiser.alternatives(problem, solution, count=ALTERNATIVES)
    points = optimiser.curve(problem, points=CURVE_POINTS)
    result.update(
        {
            "party_views": views,
            "alternatives": [other.as_json() for other in others],
            "curve": [[int(saving), float(lost)] for saving, lost in points],
        }
    )
    return result


@transaction.atomic
def plan_make(*, actor: Any, project: Project, inputs: PlanInputs) -> Plan:
    """Solve and keep the plan for ``inputs``."""
    if not privacy.can_work(actor, project):
        raise PermissionDenied
    result = plan_solve(user=actor, project=project, inputs=inputs)
    plan = Plan.objects.create(
        project=project,
        target=inputs.target,
        basis=inputs.basis,
        fte_limit=inputs.fte_limit,
        result=result,
        made_by=actor,
    )
    audit_create(actor=actor, instance=plan)
    return plan


@transaction.atomic
def plan_choose(*, actor: Any, plan: Plan) -> Plan:
    """Mark ``plan`` as the group's choice; the project's earlier choice is unmarked."""
    project = plan.project
    if not privacy.can_work(actor, project):
        raise PermissionDenied
    row_lock(project, version=None)
    for other in Plan.objects.filter(project=project, chosen=True).exclude(pk=plan.pk):
        before = snapshot(other)
        other.chosen = False
        other.save(update_fields=["chosen"])
        audit_update(actor=actor, instance=other, before=before)
    row = Plan.objects.select_for_update().get(pk=plan.pk)
    if not row.chosen:
        before = snapshot(row)
        row.chosen = True
        row.save(update_fields=["chosen"])
        audit_update(actor=actor, instance=row, before=before)
    return row
