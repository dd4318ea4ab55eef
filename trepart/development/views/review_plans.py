"""The plan page: the group sets the target, whose weights, locks and the FTE limit, and
the plan is re-solved at once (htmx swaps in the result; without JavaScript the form's
button does the same); kept plans, the group's choice, and a kept plan as its snapshot."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.development import plan_display, privacy
from trepart.development.forms.review import PlanForm
from trepart.development.models import Plan, Project, TaskLevel
from trepart.development.selectors.review import natural_attrition, review_project
from trepart.development.services import plans
from trepart.development.views.review import form_errors
from trepart.platform.snapshots import build_snapshot


def _form(project: Project, data: Any | None) -> PlanForm:
    tasks = list(project.tasks.only("pk", "project_id", "name", "statutory_minimum"))
    level_kinds: dict[int, list[str]] = {}
    levels = TaskLevel.objects.filter(task__project=project).order_by()
    for task_id, kind in levels.values_list("task_id", "kind"):
        level_kinds.setdefault(task_id, []).append(kind)
    is_open = privacy.weights_open(project)
    if data:
        return PlanForm(data, tasks=tasks, weights_open=is_open, level_kinds=level_kinds)
    defaults = plans.plan_defaults(project)
    return PlanForm(
        PlanForm.initial_for(defaults), tasks=tasks, weights_open=is_open, level_kinds=level_kinds
    )


def _solved(
    request: HttpRequest, project: Project, form: PlanForm, *, extras: bool = True
) -> dict[str, Any] | None:
    if not form.is_valid():
        return None
    try:
        return plans.plan_solve(
            user=request.user, project=project, inputs=form.inputs(), extras=extras
        )
    except ValidationError as error:
        form_errors(form, error)
        return None


def result_context(result: dict[str, Any] | None, *, task_ftes: bool) -> dict[str, Any]:
    """What the result partials show of a solved plan (the parts ``result`` has)."""
    if result is None:
        return {"result": None}
    return {
        "result": result,
        "rows": [
            {
                **choice,
                "label": plan_display.level_label(choice["kind"]),
                "text": plan_display.choice_text(choice),
            }
            for choice in result.get("choices", [])
        ],
        "blockers": [plan_display.blocker_text(b) for b in result.get("blockers", [])],
        "task_ftes": task_ftes,
        **extras_context(result),
    }


def extras_context(result: dict[str, Any]) -> dict[str, Any]:
    """The parties' views, the next-best plans and the curve, once ``result`` has them."""
    if "curve" not in result:
        return {"extras_ready": False}
    return {
        "extras_ready": True,
        "chart": plan_display.curve_chart(result),
        "parties": plan_display.party_table(result),
        "alternatives": [
            {
                "saving": other["saving"],
                "quality_lost": other["quality_lost"],
                "changes": ", ".join(
                    f"{c['name']} ({plan_display.level_label(c['kind'])})"
                    for c in plan_display.changed_choices(other)
                ),
            }
            for other in result.get("alternatives", [])
        ],
        "points": [{"saving": s, "lost": q} for s, q in result.get("curve", [])],
    }


def _inputs(request: HttpRequest) -> Any | None:
    """The inputs the request gives (None: none, the page's defaults apply)."""
    data = request.GET.copy() if "target" in request.GET else None
    if data is not None and data.get("pick"):
        # A point picked on the curve: its saving becomes the target.
        data["target"] = data.pop("pick")[0]
    return data


def _base_context(request: HttpRequest, project: Project, form: PlanForm) -> dict[str, Any]:
    return {
        "project": project,
        "form": form,
        "can_work": privacy.can_work(request.user, project),
        "task_ftes": privacy.shows_task_ftes(privacy.access(request.user, project)),
    }


@login_required
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The inputs at once, the plan after: the first paint shows the inputs and asks for the
    plan with htmx (``plan_result``); without JavaScript the form's button asks this page
    again with the inputs, and the page comes back with the whole plan. A change of input
    (htmx) gives the inputs and the plan, and the rest follows (``plan_extras``)."""
    project = review_project(user=request.user, pk=pk)
    data = _inputs(request)
    form = _form(project, data)
    htmx = bool(request.headers.get("HX-Request"))
    context = {**_base_context(request, project, form), "attrition": natural_attrition(project)}
    if data is None and not htmx:
        context.update({"deferred": True, "result": None})
    else:
        result = _solved(request, project, form, extras=not htmx)
        context.update(result_context(result, task_ftes=context["task_ftes"]))
    if htmx:
        return render(request, "development/partials/_plan_result.html", context)
    context["kept"] = Plan.objects.filter(project=project).select_related("made_by")[:20]
    return render(request, "development/plan.html", context)


@login_required
def plan_result_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan for the inputs (the project's defaults when none are given), without the
    parties' views, next-best plans and curve, which it asks for in turn (htmx fragment)."""
    project = review_project(user=request.user, pk=pk)
    form = _form(project, _inputs(request))
    context = _base_context(request, project, form)
    result = _solved(request, project, form, extras=False)
    context.update(result_context(result, task_ftes=context["task_ftes"]), fragment=True)
    return render(request, "development/partials/_plan_solved.html", context)


@login_required
def plan_extras_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Each party's view of the plan, the next-best plans and the trade-off curve for the
    inputs (htmx fragment)."""
    project = review_project(user=request.user, pk=pk)
    form = _form(project, _inputs(request))
    context = _base_context(request, project, form)
    result = _solved(request, project, form)
    context.update(extras_context(result) if result else {"extras_ready": False})
    return render(request, "development/partials/_plan_extras.html", context)


@login_required
@require_POST
def plan_save_page(request: HttpRequest, pk: int) -> HttpResponse:
    project = review_project(user=request.user, pk=pk)
    if not privacy.can_work(request.user, project):
        raise PermissionDenied
    form = _form(project, request.POST)
    if form.is_valid():
        try:
            plan = plans.plan_make(actor=request.user, project=project, inputs=form.inputs())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The plan is kept."))
            return redirect("development:plan_kept", pk=project.pk, plan_pk=plan.pk)
    else:
        messages.error(request, _("The plan could not be kept: check the inputs."))
    return redirect("development:plan", pk=project.pk)


@login_required
@require_POST
def plan_choose_page(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    project = review_project(user=request.user, pk=pk)
    plan = get_object_or_404(Plan, pk=plan_pk, project=project)
    plans.plan_choose(actor=request.user, plan=plan)
    messages.success(request, _("The plan is marked as the group's choice."))
    return redirect("development:plan_kept", pk=project.pk, plan_pk=plan.pk)


@login_required
def plan_kept_page(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    project = review_project(user=request.user, pk=pk)
    plan = get_object_or_404(Plan, pk=plan_pk, project=project)
    closed = request.GET.get("closed") == "1"
    snapshot = build_snapshot(
        "development.plan",
        user=request.user,
        params={"plan": str(plan.pk), "closed": "1" if closed else ""},
    )
    context = {
        "project": project,
        "plan": plan,
        "snapshot": snapshot,
        "closed": closed,
        "can_work": privacy.can_work(request.user, project),
    }
    return render(request, "development/plan_kept.html", context)
