"""During the meeting: attendance, and each item's stands, motions and outcome."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.audit.writes import ConcurrentEditError
from trepart.meetings import permissions, selectors, services
from trepart.meetings.forms.conduct import (
    AttendanceForm,
    MotionForm,
    OutcomeForm,
    ProposalStepForm,
    StandsForm,
)
from trepart.meetings.forms.follow_up import FollowUpCreateForm
from trepart.meetings.forms.planning import VersionOnlyForm
from trepart.meetings.models import AgendaItem
from trepart.meetings.views._common import (
    add_form_errors,
    meeting_or_404,
    not_started,
    user_municipality,
)


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    form = AttendanceForm(
        request.POST or None,
        seats=selectors.people_for_attendance(meeting),
        current=selectors.attendance_of(meeting),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.attendance_record(actor=request.user, meeting=meeting, rows=form.rows())
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Attendance was saved."))
                return redirect("meetings:attendance", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "form": form,
        "groups": form.bound_groups(),
        "not_started": not_started(meeting),
    }
    return render(request, "meetings/attendance.html", context, status=status)


@login_required
@require_POST
def attendance_all_present(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    form = VersionOnlyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page was out of date. Look at the list and try again."))
        return redirect("meetings:attendance", pk=meeting.pk)
    try:
        services.attendance_mark_all_present(
            actor=request.user, meeting=meeting, version=form.cleaned_data["version"]
        )
    except ValidationError as error:  # a concurrent edit among them
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Every member is marked as present."))
    return redirect("meetings:attendance", pk=meeting.pk)


def _item_to_prepare(request: HttpRequest, pk: int) -> AgendaItem:
    user = user_municipality(request)
    item = (
        AgendaItem.objects.select_related("meeting__body", "body", "case_officer")
        .for_user(user)
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    if not permissions.can_prepare(user, item.body):
        raise PermissionDenied
    return item


def _step_forms(item: AgendaItem, data: Any = None) -> list[ProposalStepForm]:
    proposals = item.proposals.select_related("body").order_by("pk")
    return [ProposalStepForm(data, proposal=proposal) for proposal in proposals]


def _outcome_page(
    request: HttpRequest, item: AgendaItem, status: int = 200, **forms: Any
) -> HttpResponse:
    context = {
        "item": item,
        "meeting": item.meeting,
        "stands": {s.party: s for s in item.stands.all()},
        "motions": item.motions.all(),
        "follow_ups": item.follow_ups.select_related("owner").order_by("due_on", "pk"),
        "stands_form": forms.get("stands_form") or StandsForm(stands=item.stands.all()),
        "motion_form": forms.get("motion_form") or MotionForm(),
        "outcome_form": forms.get("outcome_form")
        or OutcomeForm(
            initial={
                "version": item.version,
                "outcome": item.outcome,
                "outcome_text": item.outcome_text,
            }
        ),
        "step_forms": forms.get("step_forms") or _step_forms(item),
        "follow_up_form": FollowUpCreateForm(body=item.body, initial={"item": item.pk}),
        "failed": forms.get("failed", ""),
        "not_started": not_started(item.meeting),
    }
    return render(request, "meetings/item_outcome.html", context, status=status)


@login_required
def item_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_to_prepare(request, pk)
    if request.method != "POST":
        return _outcome_page(request, item)
    op = request.POST.get("op")
    if op == "stands":
        return _record_stands(request, item)
    if op == "motion":
        return _add_motion(request, item)
    if op == "outcome":
        return _record_outcome(request, item)
    raise Http404


def _record_stands(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    form = StandsForm(request.POST, stands=item.stands.all())
    if form.is_valid():
        try:
            services.stands_record(actor=request.user, item=item, stands=form.stands())
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The parties' stands were saved."))
            return redirect("meetings:item-outcome", pk=item.pk)
    return _outcome_page(request, item, 400, stands_form=form, failed="stands")


def _add_motion(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    form = MotionForm(request.POST)
    if form.is_valid():
        try:
            services.motion_add(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The motion was added."))
            return redirect("meetings:item-outcome", pk=item.pk)
    return _outcome_page(request, item, 400, motion_form=form, failed="motion")


def _record_outcome(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    form = OutcomeForm(request.POST)
    steps = _step_forms(item, request.POST)
    # Every form is checked, so each proposal shows its own problems at once.
    checked = [form.is_valid()] + [step.is_valid() for step in steps]
    valid = all(checked)
    status = 400
    if valid:
        postponed = form.cleaned_data["outcome"] == AgendaItem.Outcome.POSTPONED
        for step in steps:
            if not postponed and step.step() is None:
                step.add_error("action", _("Choose what happens to the proposal."))
                valid = False
    if valid:
        try:
            services.item_outcome_record(
                actor=request.user,
                item=item,
                version=form.cleaned_data["version"],
                outcome=form.cleaned_data["outcome"],
                outcome_text=form.cleaned_data["outcome_text"],
                steps=[s for s in (step.step() for step in steps) if s is not None],
            )
        except ConcurrentEditError as conflict:
            # Keep what was typed; a second, deliberate save goes against the saved version.
            item = _item_to_prepare(request, item.pk)
            data = request.POST.copy()
            data["version"] = str(item.version)
            form = OutcomeForm(data)
            form.is_valid()
            add_form_errors(form, conflict)
            status = 409
        except ValidationError as error:
            _outcome_errors(error, form, steps)
            item = _item_to_prepare(request, item.pk)
        else:
            messages.success(request, _("The outcome was recorded."))
            return redirect("meetings:item-outcome", pk=item.pk)
    return _outcome_page(
        request, item, status, outcome_form=form, step_forms=steps, failed="outcome"
    )


def _outcome_errors(error: ValidationError, form: Any, steps: list[ProposalStepForm]) -> None:
    """Each proposal's problems beside that proposal; the rest on the outcome form."""
    by_key = {f"proposal_{step.proposal.pk}": step for step in steps}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    per_proposal = set(error.message_dict) & set(by_key)
    for key, errors in error.message_dict.items():
        if key in by_key:
            by_key[key].add_error(None, errors)
        elif key == "steps" and per_proposal:
            continue  # the same messages, already shown beside their proposals
        else:
            form.add_error(key if key in form.fields else None, errors)
