"""After the meeting: the minutes, drafted from the records, approved and published."""

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
from trepart.meetings.forms.minutes import (
    MinutesForm,
)
from trepart.meetings.models import Meeting, Minutes
from trepart.meetings.panels import item_panels
from trepart.meetings.views._common import (
    add_form_errors,
    meeting_or_404,
    not_started,
    posted_version,
)


def _minutes_initial(parts: dict[str, Any]) -> dict[str, Any]:
    minutes = parts["minutes"]
    initial: dict[str, Any] = {
        "version": minutes.version if minutes else 1,
        "notes": minutes.notes if minutes else "",
    }
    for item in parts["items"]:
        initial[f"discussion_{item.pk}"] = item.discussion
    return initial


@login_required
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    parts = selectors.minutes_parts(meeting, internal=True)
    items = parts["items"]
    form = MinutesForm(request.POST or None, items=items, initial=_minutes_initial(parts))
    conflict = False
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                minutes = parts["minutes"] or services.minutes_start(
                    actor=request.user, meeting=meeting
                )
                services.minutes_save(
                    actor=request.user,
                    minutes=minutes,
                    version=form.cleaned_data["version"],
                    notes=form.cleaned_data["notes"],
                    discussions=form.discussions(),
                )
            except ConcurrentEditError as error:
                # Show what is saved now beside what this person typed, which stays.
                parts = selectors.minutes_parts(meeting, internal=True)
                data = request.POST.copy()
                data["version"] = str(parts["minutes"].version)
                form = MinutesForm(data, items=parts["items"])
                form.is_valid()
                add_form_errors(form, error)
                conflict, status = True, 409
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("The minutes were saved."))
                return redirect("meetings:minutes-detail", pk=meeting.pk)
    rows = [(item, form[form.item_fields[item.pk]]) for item in parts["items"]]
    context = {**parts, "form": form, "rows": rows, "conflict": conflict}
    return render(request, "meetings/minutes_edit.html", context, status=status)


def _readable_minutes(request: HttpRequest, pk: int) -> tuple[Meeting, Minutes]:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    minutes = selectors.minutes_of(meeting)
    if minutes is None or not permissions.can_see_minutes(request.user, minutes):
        raise Http404
    return meeting, minutes


def minutes_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, minutes = _readable_minutes(request, pk)
    user = request.user
    internal = permissions.can_see_internal(user, meeting)
    person_id = permissions.person_id_of(user)
    approved_by_me = any(a.person_id == person_id for a in minutes.approvals.all())
    parts = selectors.minutes_parts(meeting, internal=internal)
    context = {
        **parts,
        "item_panels": item_panels(user=user, meeting=meeting, items=parts["items"]),
        "internal": internal,
        "can_prepare": permissions.can_prepare(user, meeting.body),
        "can_approve": not approved_by_me and permissions.can_approve_minutes(user, minutes),
        "approved_by_me": approved_by_me,
        "not_started": not_started(meeting),
    }
    return render(request, "meetings/minutes_detail.html", context)


@login_required
@require_POST
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, minutes = _readable_minutes(request, pk)
    if not permissions.can_approve_minutes(request.user, minutes):
        raise PermissionDenied
    try:
        services.minutes_approve(
            actor=request.user, minutes=minutes, version=posted_version(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You approved the minutes."))
    return redirect("meetings:minutes-detail", pk=meeting.pk)


@login_required
@require_POST
def minutes_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, minutes = _readable_minutes(request, pk)
    if not permissions.can_prepare(request.user, meeting.body):
        raise PermissionDenied
    try:
        services.minutes_publish(
            actor=request.user, minutes=minutes, version=posted_version(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The minutes were published."))
    return redirect("meetings:minutes-detail", pk=meeting.pk)
