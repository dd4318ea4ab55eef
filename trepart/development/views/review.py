"""The service review's portfolio pages: the tasks with their levels, adding and editing a
task, the CSV imports, and the workforce figures natural attrition is read from."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from trepart.development import privacy
from trepart.development.forms.review import (
    ImportForm,
    TaskForm,
    TaskLockForm,
    WorkforceForm,
    lock_choices,
)
from trepart.development.imports import portfolio as portfolio_csv
from trepart.development.imports import workforce as workforce_csv
from trepart.development.models import LevelKind, Project, Task
from trepart.development.selectors.review import (
    dominated_kinds,
    natural_attrition,
    portfolio_rows,
    portfolio_tasks,
    portfolio_totals,
    review_project,
)
from trepart.development.services import imports, review
from trepart.platform.csv_writer import csv_example_response
from trepart.platform.pagination import paginate

# Tasks a page of the portfolio shows (the totals cover them all).
PORTFOLIO_PAGE_SIZE = 50


def form_errors(form: Any, error: ValidationError) -> None:
    """A service's refusal shown on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def portfolio_page(request: HttpRequest, pk: int) -> HttpResponse:
    project = review_project(user=request.user, pk=pk)
    page = paginate(request, portfolio_tasks(project), per_page=PORTFOLIO_PAGE_SIZE)
    rows = portfolio_rows(project, tasks=page.object_list)
    can_work = privacy.can_work(request.user, project)
    locks = {row.task.pk: lock_choices(row.task, row.levels) for row in rows if can_work}
    context = {
        "project": project,
        "rows": [(row, locks.get(row.task.pk)) for row in rows],
        "page_obj": page,
        "totals": portfolio_totals(project),
        "attrition": natural_attrition(project),
        "can_work": can_work,
        "task_ftes": privacy.shows_task_ftes(privacy.access(request.user, project)),
    }
    return render(request, "development/portfolio.html", context)


def _back_page(request: HttpRequest) -> int | None:
    """The portfolio page the user came from (``?page=``), to go back to after a change."""
    value = request.GET.get("page", "")
    return int(value) if value.isdigit() and 1 < int(value) < 100_000 else None


def _to_portfolio(request: HttpRequest, project: Project) -> HttpResponse:
    url = reverse("development:portfolio", args=[project.pk])
    page = _back_page(request)
    return redirect(f"{url}?page={page}" if page else url)


def _task_page(request: HttpRequest, pk: int, task_pk: int | None) -> HttpResponse:
    project = review_project(user=request.user, pk=pk)
    if not privacy.can_work(request.user, project):
        raise PermissionDenied
    task = get_object_or_404(Task, pk=task_pk, project=project) if task_pk else None
    if request.method == "POST":
        form = TaskForm(request.POST, project=project)
        if form.is_valid():
            try:
                if task is None:
                    saved = review.task_add(
                        actor=request.user,
                        project=project,
                        fields=form.task_fields(),
                        levels=form.levels(),
                    )
                else:
                    saved = review.task_edit(
                        actor=request.user,
                        task=task,
                        version=form.cleaned_data["version"] or 0,
                        fields=form.task_fields(),
                        levels=form.levels(),
                    )
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The task is saved."))
                flagged = dominated_kinds(saved.levels.all())
                if flagged:
                    messages.warning(
                        request,
                        _(
                            "Check the levels %(levels)s: each costs more than another level "
                            "of the task and gives less quality."
                        )
                        % {"levels": ", ".join(str(LevelKind(k).label) for k in sorted(flagged))},
                    )
                return _to_portfolio(request, project)
    else:
        initial = TaskForm.initial_for(task) if task else {"KEEP_quality": 5}
        form = TaskForm(initial=initial, project=project)
    page = _back_page(request)
    back = reverse("development:portfolio", args=[project.pk])
    context = {
        "project": project,
        "task": task,
        "form": form,
        "back_page": page,
        "back_url": f"{back}?page={page}" if page else back,
    }
    return render(request, "development/portfolio_task.html", context)


@login_required
def task_add_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _task_page(request, pk, None)


@login_required
def task_edit_page(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    return _task_page(request, pk, task_pk)


@login_required
@require_POST
def task_remove_page(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    project = review_project(user=request.user, pk=pk)
    task = get_object_or_404(Task, pk=task_pk, project=project)
    try:
        version = int(request.POST.get("version", "0"))
        review.task_remove(actor=request.user, task=task, version=version)
    except (ValueError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("The task is removed."))
    return _to_portfolio(request, project)


@login_required
@require_POST
def task_lock_page(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    """The group locks a task at a level (or unlocks it) from the portfolio."""
    project = review_project(user=request.user, pk=pk)
    if not privacy.can_work(request.user, project):
        raise PermissionDenied
    task = get_object_or_404(Task, pk=task_pk, project=project)
    form = TaskLockForm(request.POST, task=task)
    if not form.is_valid():
        messages.error(request, _("The lock could not be saved: choose one of the levels."))
        return _to_portfolio(request, project)
    try:
        review.task_lock(
            actor=request.user,
            task=task,
            version=form.cleaned_data["version"],
            level=form.cleaned_data["level"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The lock is saved: the plan starts from it."))
    return _to_portfolio(request, project)


def _import_page(request: HttpRequest, pk: int, *, kind: str) -> HttpResponse:
    project = review_project(user=request.user, pk=pk)
    if not privacy.can_work(request.user, project):
        raise PermissionDenied
    module = portfolio_csv if kind == "portfolio" else workforce_csv
    run = imports.portfolio_import if kind == "portfolio" else imports.workforce_import
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = run(
            actor=request.user,
            project=project,
            data=upload.read(),
            dry_run=form.cleaned_data["dry_run"],
        )
        if result.ok:
            what = _("tasks") if kind == "portfolio" else _("years of unit figures")
            messages.success(request, imports.import_summary(result, what=what))
            target = "development:portfolio" if kind == "portfolio" else "development:workforce"
            return redirect(target, pk=project.pk)
        count = len(result.errors)
        form.add_error(
            "file",
            ngettext(
                "The file has %(count)s error. Nothing was imported.",
                "The file has %(count)s errors. Nothing was imported.",
                count,
            )
            % {"count": count},
        )
    context = {
        "project": project,
        "form": form,
        "result": result,
        "kind": kind,
        "columns": module.COLUMNS,
        "errors_shown": result.errors[:200] if result else [],
        "errors_hidden": max(len(result.errors) - 200, 0) if result else 0,
    }
    return render(request, "development/portfolio_import.html", context)


@login_required
def portfolio_import_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _import_page(request, pk, kind="portfolio")


@login_required
def workforce_import_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _import_page(request, pk, kind="workforce")


@login_required
def import_example(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    review_project(user=request.user, pk=pk)
    if kind not in ("portfolio", "workforce"):
        raise Http404
    if kind == "portfolio":
        return csv_example_response(portfolio_csv.EXAMPLE, file_name="portefolje.csv")
    return csv_example_response(workforce_csv.EXAMPLE, file_name="bemanning.csv")


@login_required
def workforce_page(request: HttpRequest, pk: int) -> HttpResponse:
    project = review_project(user=request.user, pk=pk)
    can_work = privacy.can_work(request.user, project)
    form = WorkforceForm(request.POST or None, project=project)
    if request.method == "POST":
        if not can_work:
            raise PermissionDenied
        if form.is_valid():
            try:
                imports.workforce_set(actor=request.user, project=project, **form.cleaned_data)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The workforce figures are saved."))
                return redirect("development:workforce", pk=project.pk)
    context = {
        "project": project,
        "form": form,
        "attrition": natural_attrition(project),
        "can_work": can_work,
    }
    return render(request, "development/portfolio_workforce.html", context)
