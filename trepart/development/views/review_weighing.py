"""The weighing page: a party's own weights until all three parties have weighed, then the
weights side by side (largest disagreement first) and the group's agreed weights."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.development import privacy
from trepart.development.forms.review import AgreedWeightsForm, WeightsForm
from trepart.development.models import Project
from trepart.development.selectors.review import review_project, weighing_view
from trepart.development.services import weighing
from trepart.development.views.review import form_errors
from trepart.organisation.models import Party
from trepart.platform.pagination import paginate

# Tasks a page of the weighing shows: a party weighs a page at a time (finishing still
# needs a weight on every task of the portfolio).
WEIGHING_PAGE_SIZE = 50


def _context(request: HttpRequest, project: Project, **forms: Any) -> dict[str, Any]:
    """A page of the tasks (``?page=``) with its forms: a party weighs, and the group agrees,
    a page at a time; a form sent back with errors shows the same page."""
    view = weighing_view(user=request.user, project=project)
    page = paginate(request, view.rows, per_page=WEIGHING_PAGE_SIZE)
    rows = list(page.object_list)
    tasks = [row.task for row in rows]
    if "own_form" not in forms and view.party:
        own = {f"weight_{row.task.pk}": row.own for row in rows}
        forms["own_form"] = WeightsForm(initial=own, tasks=tasks)
    own_form = forms.get("own_form")
    can_work = privacy.can_work(request.user, project)
    if "agreed_form" not in forms and view.open and can_work:
        initial: dict[str, Any] = {}
        for row in rows:
            initial[f"agreed_{row.task.pk}"] = (
                row.task.agreed_weight if row.task.agreed_weight is not None else row.mean
            )
            initial[f"version_{row.task.pk}"] = row.task.version
        forms["agreed_form"] = AgreedWeightsForm(initial=initial, tasks=tasks)
    agreed_form = forms.get("agreed_form")
    agreed_rows = [
        (
            row,
            agreed_form[f"agreed_{row.task.pk}"] if agreed_form else None,
            agreed_form[f"version_{row.task.pk}"] if agreed_form else None,
        )
        for row in rows
    ]
    return {
        "project": project,
        "view": view,
        "page_obj": page,
        "rows": rows,
        "own_fields": [own_form[f"weight_{row.task.pk}"] for row in rows] if own_form else [],
        "agreed_rows": agreed_rows,
        "parties": [(p, Party(p).label) for p in view.parties],
        "can_work": can_work,
        **forms,
    }


def _back(project: Project, request: HttpRequest) -> HttpResponse:
    """Back to the weighing page, on the page the form was sent from."""
    url = reverse("development:weighing", args=[project.pk])
    page = request.GET.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


def _project(request: HttpRequest, pk: int) -> Project:
    return review_project(user=request.user, pk=pk)


@login_required
def weighing_page(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if request.method == "POST":
        if privacy.weighing_party(request.user, project) is None:
            raise PermissionDenied
        tasks = list(project.tasks.all())
        form = WeightsForm(request.POST, tasks=tasks)
        if form.is_valid():
            try:
                weighing.weights_record(actor=request.user, project=project, weights=form.weights())
            except ValidationError as error:
                form_errors(form, error)
            else:
                if request.headers.get("HX-Request"):
                    context = _context(request, project)
                    context["saved"] = True
                    return render(request, "development/partials/_weighing_own.html", context)
                messages.success(request, _("Your party's weights are saved."))
                return _back(project, request)
        context = _context(request, project, own_form=form)
        template = (
            "development/partials/_weighing_own.html"
            if request.headers.get("HX-Request")
            else "development/weighing.html"
        )
        # 200, so htmx swaps the form with its errors in.
        return render(request, template, context)
    return render(request, "development/weighing.html", _context(request, project))


@login_required
@require_POST
def weighing_finish_page(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    try:
        weighing.weighing_finish(actor=request.user, project=project)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your party has finished its weighing."))
    return redirect("development:weighing", pk=project.pk)


@login_required
@require_POST
def weighing_agreed_page(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not privacy.can_work(request.user, project):
        raise PermissionDenied
    # Only the tasks of the page sent: a task the form did not show keeps its weight.
    sent = [task for task in project.tasks.all() if f"version_{task.pk}" in request.POST]
    form = AgreedWeightsForm(request.POST, tasks=sent)
    if form.is_valid():
        weights, versions = form.agreed()
        try:
            weighing.agreed_weights_record(
                actor=request.user, project=project, weights=weights, versions=versions
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The agreed weights are saved."))
            return _back(project, request)
    return render(
        request,
        "development/weighing.html",
        _context(request, project, agreed_form=form),
    )
