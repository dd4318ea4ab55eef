"""The course's front page (upcoming runs, one's own enrolments), one run, and making or
changing a run (HR)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from trepart.audit.writes import ConcurrentEditError
from trepart.organisation.selectors import today
from trepart.platform.pagination import paginate
from trepart.training import privacy
from trepart.training.forms.runs import CancelForm, EnrolOtherForm, RunForm
from trepart.training.models import CourseRun
from trepart.training.selectors import runs as selectors
from trepart.training.services.runs import run_create as create_run
from trepart.training.services.runs import run_update
from trepart.training.views.common import add_form_errors, course_admin, in_municipality

# The front page shows the latest of a person's enrolments; the record page shows them all.
RECORD_SHOWN = 5
PARTICIPANTS_PER_PAGE = 25


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = in_municipality(request)
    person = privacy.person_of(user)
    context = {
        "runs": list(selectors.run_list(user=user, upcoming_from=today())[:20]),
        "past": list(selectors.run_list(user=user).filter(ends_on__lt=today())[:8]),
        "record": selectors.person_record(person=person, latest=RECORD_SHOWN) if person else [],
        "person": person,
        "admin": privacy.is_course_admin(user),
        "leader": privacy.is_leader(user),
    }
    return render(request, "training/home.html", context)


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = in_municipality(request)
    run = _run(user, pk)
    own = selectors.own_enrolment(user=user, run=run)
    page = paginate(
        request, selectors.run_enrolments(user=user, run=run), per_page=PARTICIPANTS_PER_PAGE
    )
    for enrolment in page:
        # The days attended, read once from the prefetched rows (the template asks per day).
        enrolment.attended_days = {row.day_id for row in enrolment.attendance.all()}
    people = privacy.people_led(user)
    context = {
        "run": run,
        "days": list(run.days.all()),
        "teachers": list(run.teachers.all()),
        "own": own,
        "own_position": selectors.waiting_position(own)
        if own and own.status == "WAITING"
        else None,
        "can_enrol_self": own is None and person_can_take(user) and run.ends_on >= today(),
        "page_obj": paginate(
            request, selectors.run_enrolments(user=user, run=run), per_page=PARTICIPANTS_PER_PAGE
        ),
        "manages": privacy.can_manage_run(user, run),
        "enrol_form": EnrolOtherForm(people=people)
        if people.exists() and run.ends_on >= today()
        else None,
        "cancel_form": CancelForm(initial={"version": own.version}) if own else None,
    }
    return render(request, "training/run_detail.html", context)


def _run(user: Any, pk: int) -> CourseRun:
    try:
        return selectors.run_get(user=user, pk=pk)
    except CourseRun.DoesNotExist as missing:
        raise Http404 from missing


def person_can_take(user: Any) -> bool:
    person = privacy.person_of(user)
    return person is not None and person.kind in privacy.COURSE_KINDS


@login_required
def run_create(request: HttpRequest) -> HttpResponse:
    user = course_admin(request)
    form = RunForm(request.POST or None, municipality_id=user.municipality_id)
    if request.method == "POST" and form.is_valid():
        try:
            run = create_run(actor=user, **form.service_arguments())
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The course run is made."))
            return redirect("training:run-detail", pk=run.pk)
    return render(request, "training/run_form.html", {"form": form, "run": None})


@login_required
def run_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = course_admin(request)
    run = _run(user, pk)
    days = [day.date for day in run.days.all()]
    initial = {
        "place": run.place,
        "capacity": run.capacity,
        "day_1": days[0],
        "day_2": days[1],
        "day_3": days[2],
        "teachers": list(run.teachers.all()),
        "version": run.version,
    }
    form = RunForm(request.POST or None, initial=initial, municipality_id=user.municipality_id)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            run_update(
                actor=user,
                run=run,
                version=form.cleaned_data["version"],
                **form.service_arguments(),
            )
        except ConcurrentEditError as error:
            conflict = True
            add_form_errors(form, error)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The course run is saved."))
            return redirect("training:run-detail", pk=run.pk)
    context = {"form": form, "run": run}
    return render(request, "training/run_form.html", context, status=409 if conflict else 200)
