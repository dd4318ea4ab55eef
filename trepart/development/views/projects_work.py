"""The group's work on a project: phases, status reports to the mandating body, the
recommendation (innstilling), and recording the formal decision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.audit.writes import ConcurrentEditError
from trepart.development import privacy
from trepart.development.forms.projects import (
    DecisionForm,
    PhaseDoneForm,
    PhaseEditForm,
    PhaseForm,
    RecommendationForm,
    ReportForm,
)
from trepart.development.models import Phase, Project
from trepart.development.selectors.projects import coming_meetings
from trepart.development.services import decision, reports
from trepart.development.services import projects as services
from trepart.development.views.projects_common import (
    add_form_errors,
    login_required,
    project_for,
    work_project,
)


def _action_page(
    request: HttpRequest, project: Project, form: Any, *, heading: str, submit: str, **extra: Any
) -> HttpResponse:
    status = 409 if extra.get("conflict") else (400 if form.errors else 200)
    context = {"project": project, "form": form, "heading": heading, "submit": submit, **extra}
    return render(request, "development/project_action.html", context, status=status)


def _run(form: Any, action: Callable[[], Any]) -> bool:
    """Call the service; on a refusal, put its messages on the form and say so."""
    try:
        action()
    except ValidationError as error:
        add_form_errors(form, error)
        return False
    return True


@login_required
def phase_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = work_project(request, pk)
    form = PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(form, lambda: services.phase_add(actor=request.user, project=project, **data)):
            messages.success(request, _("The phase was added."))
            return redirect("development:project_detail", pk=project.pk)
    return _action_page(request, project, form, heading=_("New phase"), submit=_("Add phase"))


def _phase(request: HttpRequest, pk: int) -> Phase:
    phase = get_object_or_404(Phase.objects.for_user(request.user), pk=pk)
    if not privacy.can_work(request.user, phase.project):
        project_for(request, phase.project_id)  # a 404 for whoever may not even open it
        raise PermissionDenied
    return phase


@login_required
def phase_edit(request: HttpRequest, pk: int) -> HttpResponse:
    phase = _phase(request, pk)
    fields = ("kind", "title", "goal", "starts_on", "ends_on", "done_on", "version")
    form = PhaseEditForm(
        request.POST or None, initial={name: getattr(phase, name) for name in fields}
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.phase_update(actor=request.user, phase=phase, **data)
        except ConcurrentEditError as error:
            conflict = True
            fresh = request.POST.copy()
            fresh["version"] = str(Phase.objects.get(pk=pk).version)
            form = PhaseEditForm(fresh)
            form.is_valid()
            add_form_errors(form, error)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The phase was saved."))
            return redirect("development:project_detail", pk=phase.project_id)
    return _action_page(
        request,
        phase.project,
        form,
        heading=_("Edit phase: %(phase)s") % {"phase": phase},
        submit=_("Save"),
        conflict=conflict,
    )


@login_required
@require_POST
def phase_done(request: HttpRequest, pk: int) -> HttpResponse:
    phase = _phase(request, pk)
    form = PhaseDoneForm(request.POST)
    if form.is_valid():
        try:
            services.phase_mark_done(
                actor=request.user, phase=phase, version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The phase is marked done."))
    return redirect("development:project_detail", pk=phase.project_id)


def _to_meeting(
    request: HttpRequest, pk: int, form_class: type[Any], send: Callable[..., Any], **texts: str
) -> HttpResponse:
    project = work_project(request, pk)
    meetings = coming_meetings(body=project.mandating_body)
    form = form_class(request.POST or None, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(form, lambda: send(actor=request.user, project=project, **data)):
            messages.success(request, texts["done"])
            return redirect("development:project_detail", pk=project.pk)
    return _action_page(
        request,
        project,
        form,
        heading=texts["heading"],
        submit=texts["submit"],
        intro=texts["intro"],
        no_meetings=not meetings.exists(),
    )


@login_required
def report_send(request: HttpRequest, pk: int) -> HttpResponse:
    return _to_meeting(
        request,
        pk,
        ReportForm,
        reports.status_report_send,
        heading=_("New status report"),
        submit=_("Send to the body's agenda"),
        intro=_(
            "The report goes on the mandating body's agenda as a briefing item, and the "
            "people kept informed get it by e-mail."
        ),
        done=_("The status report is on the body's agenda."),
    )


@login_required
def recommendation_send(request: HttpRequest, pk: int) -> HttpResponse:
    return _to_meeting(
        request,
        pk,
        RecommendationForm,
        decision.recommendation_send,
        heading=_("Send the recommendation"),
        submit=_("Put it on the body's agenda"),
        intro=_(
            "The group's final product goes on the mandating body's agenda as a "
            "recommendation (innstilling), with the chosen plan frozen on it if there is one."
        ),
        done=_("The recommendation is on the body's agenda."),
    )


@login_required
def decision_record(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk)
    if not privacy.can_record_decision(request.user, project):
        raise PermissionDenied
    initial: dict[str, Any] = {"version": project.version}
    if project.decision_text:
        initial |= {
            "decision_maker": project.decision_maker,
            "adopted": "yes" if project.decision_adopted else "no",
            "text": project.decision_text,
            "votes": project.decision_votes,
            "decided_on": project.decided_on,
        }
    form = DecisionForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            decision.decision_record(actor=request.user, project=project, **form.cleaned_data)
        except ConcurrentEditError as error:
            conflict = True
            fresh = request.POST.copy()
            fresh["version"] = str(project_for(request, pk).version)
            form = DecisionForm(fresh)
            form.is_valid()
            add_form_errors(form, error)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The decision is recorded on the project."))
            return redirect("development:project_detail", pk=project.pk)
    return _action_page(
        request,
        project,
        form,
        heading=_("Record the decision"),
        submit=_("Record the decision"),
        conflict=conflict,
    )
