"""Enrolling (oneself, or someone one leads), cancelling, and recording attendance."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.training import privacy
from trepart.training.forms.imports import ListForm
from trepart.training.forms.runs import CancelForm, EnrolOtherForm
from trepart.training.models import Enrolment
from trepart.training.services.attendance import attendance_set
from trepart.training.services.enrolment import enrolment_cancel, enrolment_create
from trepart.training.services.imports import enrolment_import
from trepart.training.views.common import in_municipality
from trepart.training.views.runs import _run


def _said(request: HttpRequest, enrolment: Enrolment, *, own: bool) -> None:
    if enrolment.status == Enrolment.Status.WAITING:
        messages.warning(
            request,
            _("The course run is full: you are on the waiting list.")
            if own
            else _("The course run is full: %(person)s is on the waiting list.")
            % {"person": enrolment.person},
        )
    else:
        messages.success(
            request,
            _("You are enrolled.")
            if own
            else _("%(person)s is enrolled.") % {"person": enrolment.person},
        )


@require_POST
@login_required
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    user = in_municipality(request)
    run = _run(user, pk)
    person = privacy.person_of(user)
    if "person" in request.POST:
        form = EnrolOtherForm(request.POST, people=privacy.people_led(user))
        if not form.is_valid():
            messages.error(request, _("Choose someone you may enrol."))
            return redirect("training:run-detail", pk=run.pk)
        person = form.cleaned_data["person"]
    if person is None or not privacy.can_enrol(user, person):
        raise PermissionDenied
    own = person.pk == getattr(privacy.person_of(user), "pk", None)
    way = (
        Enrolment.Way.SELF
        if own
        else (Enrolment.Way.ADMIN if privacy.is_course_admin(user) else Enrolment.Way.LEADER)
    )
    try:
        enrolment = enrolment_create(actor=user, run=run, person=person, way=way)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _said(request, enrolment, own=own)
    return redirect("training:run-detail", pk=run.pk)


@require_POST
@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = in_municipality(request)
    enrolment = (
        Enrolment.objects.for_user(user).select_related("person", "run").filter(pk=pk).first()
    )
    if enrolment is None or not (
        privacy.can_enrol(user, enrolment.person) or privacy.can_manage_run(user, enrolment.run)
    ):
        raise Http404
    form = CancelForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        enrolment_cancel(actor=user, enrolment=enrolment, version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The enrolment is cancelled."))
    return redirect("training:run-detail", pk=enrolment.run_id)


@require_POST
@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """One participant's attendance on every day of the run, from the run page's checkboxes."""
    user = in_municipality(request)
    enrolment = Enrolment.objects.for_user(user).select_related("run").filter(pk=pk).first()
    if enrolment is None:
        raise Http404
    if not privacy.can_manage_run(user, enrolment.run):
        raise PermissionDenied
    wanted = {int(value) for value in request.POST.getlist("days") if value.isdigit()}
    try:
        attendance_set(actor=user, enrolment=enrolment, attended_day_ids=wanted)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Attendance is saved."))
    return redirect("training:run-detail", pk=enrolment.run_id)


@login_required
def run_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Enrol from a list: HR anyone, a leader the people of their units."""
    user = in_municipality(request)
    run = _run(user, pk)
    if not privacy.people_led(user).exists():
        raise PermissionDenied
    form = ListForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = enrolment_import(actor=user, run=run, data=form.cleaned_data["file"].read())
        if result.ok:
            messages.success(
                request,
                _("%(enrolled)s enrolled, %(waiting)s on the waiting list.")
                % {"enrolled": result.enrolled, "waiting": result.waiting},
            )
            return redirect("training:run-detail", pk=run.pk)
        form.add_error("file", _("The list has errors. Nobody was enrolled."))
    context = {"form": form, "run": run, "errors": result.errors if result else []}
    return render(request, "training/run_import.html", context)
