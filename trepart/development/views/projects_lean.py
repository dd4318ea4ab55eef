"""The Lean improvement board's pages: a new problem or idea (any employee of the units
involved), the group's edit of a card, and moving a card to the next PDSA step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.audit.writes import ConcurrentEditError
from trepart.development import privacy
from trepart.development.forms.lean import (
    AdvanceForm,
    ImprovementAddForm,
    ImprovementForm,
    improvement_initial,
)
from trepart.development.models import Improvement
from trepart.development.services import lean
from trepart.development.views.projects_common import add_form_errors, login_required, project_for


@login_required
def improvement_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk)
    if not privacy.can_suggest(request.user, project):
        raise PermissionDenied
    form = ImprovementAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lean.improvement_add(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Thank you: it is on the improvement board."))
            return redirect("development:project_detail", pk=project.pk)
    context = {
        "project": project,
        "form": form,
        "heading": _("New problem or idea"),
        "submit": _("Put it on the board"),
    }
    return render(
        request, "development/project_action.html", context, status=400 if form.errors else 200
    )


def _card(request: HttpRequest, pk: int) -> Improvement:
    card = get_object_or_404(Improvement.objects.for_user(request.user), pk=pk)
    if not privacy.can_work(request.user, card.project):
        project_for(request, card.project_id)
        raise PermissionDenied
    return card


@login_required
def improvement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    card = _card(request, pk)
    project = card.project
    form = ImprovementForm(request.POST or None, project=project, initial=improvement_initial(card))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            lean.improvement_update(actor=request.user, improvement=card, **form.cleaned_data)
        except ConcurrentEditError as error:
            status = 409
            fresh = request.POST.copy()
            fresh["version"] = str(Improvement.objects.get(pk=pk).version)
            form = ImprovementForm(fresh, project=project)
            form.is_valid()
            add_form_errors(form, error)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The improvement was saved."))
            return redirect("development:project_detail", pk=project.pk)
    if form.errors and status == 200:
        status = 400
    context = {
        "project": project,
        "form": form,
        "heading": _("Edit: %(title)s") % {"title": card.title},
        "submit": _("Save"),
    }
    return render(request, "development/project_action.html", context, status=status)


@login_required
@require_POST
def improvement_advance(request: HttpRequest, pk: int) -> HttpResponse:
    card = _card(request, pk)
    form = AdvanceForm(request.POST)
    if form.is_valid():
        try:
            moved = lean.improvement_advance(
                actor=request.user, improvement=card, version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("“%(title)s” moved to: %(step)s")
                % {"title": moved.title, "step": moved.get_step_display()},
            )
    return redirect("development:project_detail", pk=card.project_id)
