"""The service review in the API: the portfolio, the weights (a party's own until all three
have weighed), plans solved on request (nothing written) and the plans kept, with the same
rules as the pages (``trepart.development.privacy``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from trepart.development import plan_display, privacy
from trepart.development.api.review_schemas import SolveIn, WeightsIn
from trepart.development.models import Plan, Project
from trepart.development.selectors.review import (
    portfolio_rows,
    portfolio_tasks,
    portfolio_totals,
    weighing_view,
)
from trepart.development.services import plans, weighing
from trepart.development.services.review import REVIEW_KINDS
from trepart.organisation.schemas import Error, PageQuery
from trepart.platform.api import Id, caller, not_found

router = Router(tags=["development"])
# What every operation may answer besides its own: no valid credentials, not allowed (or a
# refused CSRF check for a session), no such project in the caller's reach.
READ_ERRORS: dict[int, Any] = {401: Error, 403: Error, 404: Error}


def _project(request: HttpRequest, pk: int) -> tuple[Any, Project]:
    user = caller(request)
    project = privacy.visible_projects(user).filter(pk=pk, kind__in=REVIEW_KINDS).first()
    if project is None:
        raise not_found()
    if privacy.access(user, project) < privacy.Access.FULL:
        raise HttpError(403, _("You may not do this."))
    return user, project


def _refused(error: ValidationError) -> HttpError:
    return HttpError(400, " ".join(error.messages))


@router.get(
    "/development/projects/{pk}/portfolio",
    response={200: dict[str, Any], **READ_ERRORS},
    operation_id="development_portfolio",
    summary="A page of a service review's task portfolio",
)
def portfolio(request: HttpRequest, pk: Id, page: Query[PageQuery]) -> dict[str, Any]:
    """A page of the task portfolio (``limit``/``offset``, in the portfolio's order) with
    every task's levels; flagged levels cost more for less. ``count`` and ``totals`` cover
    the whole portfolio."""
    user, project = _project(request, pk)
    task_ftes = privacy.shows_task_ftes(privacy.access(user, project))
    totals = portfolio_totals(project)
    shown = portfolio_tasks(project)[page.offset : page.offset + page.limit]
    tasks = []
    for row in portfolio_rows(project, tasks=shown):
        task = row.task
        item: dict[str, Any] = {
            "id": task.pk,
            "code": task.code,
            "name": task.name,
            "unit": task.unit_id,
            "yearly_cost": task.yearly_cost,
            "volume": task.volume,
            "statutory": task.statutory,
            "statutory_minimum": task.statutory_minimum,
            "current_standard": task.current_standard,
            "desired_standard": task.desired_standard,
            "user_satisfaction": None
            if task.user_satisfaction is None
            else float(task.user_satisfaction),
            "user_survey": task.user_survey_id,
            "agreed_weight": None if task.agreed_weight is None else float(task.agreed_weight),
            "locked_level": task.locked_level,
            "version": task.version,
            "levels": [
                {
                    "kind": level.kind,
                    "yearly_cost": level.yearly_cost,
                    "quality": level.quality,
                    "description": level.description,
                    "flagged": level.kind in row.flagged,
                    **({"ftes": float(level.ftes)} if task_ftes else {}),
                }
                for level in row.ordered_levels
            ],
        }
        if task_ftes:
            item["ftes"] = float(task.ftes)
        tasks.append(item)
    return {
        "project": {"id": project.pk, "title": project.title},
        "count": totals["tasks"],
        "totals": {
            "yearly_cost": totals["cost"],
            "statutory": totals["statutory"],
            **({"ftes": float(totals["ftes"])} if task_ftes else {}),
        },
        "tasks": tasks,
    }


@router.get(
    "/development/projects/{pk}/weights",
    response={200: dict[str, Any], **READ_ERRORS},
    operation_id="development_weights",
    summary="The weights the caller may see",
)
def weights(request: HttpRequest, pk: Id) -> dict[str, Any]:
    """Your party's weights; every party's once all three have weighed."""
    user, project = _project(request, pk)
    view = weighing_view(user=user, project=project)
    return {
        "open": view.open,
        "party": view.party,
        "finished": sorted(view.finished),
        "tasks": [
            {
                "id": row.task.pk,
                "name": row.task.name,
                "own": row.own,
                "agreed": None if row.task.agreed_weight is None else float(row.task.agreed_weight),
                **({"parties": row.by_party, "spread": row.spread} if view.open else {}),
            }
            for row in view.rows
        ],
    }


@router.post(
    "/development/projects/{pk}/weights",
    response={200: dict[str, Any], 400: Error, **READ_ERRORS},
    operation_id="development_weights_record",
    summary="Record the caller's party's weights",
)
def weights_record(request: HttpRequest, pk: Id, payload: WeightsIn) -> dict[str, Any]:
    """Record your own party's weights (only the three parties weigh)."""
    user, project = _project(request, pk)
    try:
        values = {int(key): value for key, value in payload.weights.items()}
        saved = weighing.weights_record(actor=user, project=project, weights=values)
    except ValueError:
        raise HttpError(400, _("Task ids are numbers.")) from None
    except PermissionDenied:
        raise HttpError(403, _("You may not do this.")) from None
    except ValidationError as error:
        raise _refused(error) from None
    return {"saved": saved}


@router.post(
    "/development/projects/{pk}/plans/solve",
    response={200: dict[str, Any], 400: Error, **READ_ERRORS},
    operation_id="development_plan_solve",
    summary="Solve a plan for given weights, target and locks (nothing is written)",
)
def solve(request: HttpRequest, pk: Id, payload: SolveIn) -> dict[str, Any]:
    """The plan for the given target, weights and locks, explained; nothing is written."""
    user, project = _project(request, pk)
    defaults = plans.plan_defaults(project)
    given = payload.model_fields_set
    inputs = plans.PlanInputs(
        target=defaults.target if payload.target is None else payload.target,
        basis=payload.basis,
        locks=defaults.locks if payload.locks is None else payload.locks,
        fte_limit=defaults.fte_limit
        if "fte_limit" not in given
        else (None if payload.fte_limit is None else Decimal(str(payload.fte_limit))),
    )
    try:
        result = plans.plan_solve(user=user, project=project, inputs=inputs)
    except ValidationError as error:
        raise _refused(error) from None
    return {
        "plan": result,
        "explanation": [
            plan_display.choice_text(choice) for choice in plan_display.changed_choices(result)
        ],
        "blockers": [plan_display.blocker_text(b) for b in result.get("blockers", [])],
    }


@router.get(
    "/development/projects/{pk}/plans",
    response={200: list[dict[str, Any]], **READ_ERRORS},
    operation_id="development_plans",
    summary="The plans the project group kept",
)
def kept_plans(request: HttpRequest, pk: Id) -> list[dict[str, Any]]:
    """The plans the group has kept, newest first."""
    _user, project = _project(request, pk)
    return [
        {
            "id": plan.pk,
            "target": plan.target,
            "basis": plan.basis,
            "fte_limit": None if plan.fte_limit is None else float(plan.fte_limit),
            "chosen": plan.chosen,
            "created_at": plan.created_at.isoformat(),
            "result": plan.result,
        }
        for plan in Plan.objects.filter(project=project)
    ]
