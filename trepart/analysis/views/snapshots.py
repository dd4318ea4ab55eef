"""Sending an analysis view to a meeting as a frozen snapshot."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from trepart.analysis.forms.snapshots import PARAM_PREFIX, SnapshotSendForm, meeting_label
from trepart.analysis.permissions import can_send_to_meeting
from trepart.analysis.services.snapshots import meetings_for_snapshot, snapshot_send
from trepart.meetings.models import Meeting
from trepart.platform.snapshots import build_snapshot, sources


def _params(data: Any) -> dict[str, str]:
    return {
        name[len(PARAM_PREFIX) :]: value
        for name, value in data.items()
        if name.startswith(PARAM_PREFIX)
    }


def _form_errors(form: SnapshotSendForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def snapshot_send_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_send_to_meeting(user):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else request.GET
    key = data.get("key", "")
    source = sources().get(key)
    if source is None:
        raise Http404
    params = _params(data)
    try:
        preview = build_snapshot(key, user=user, params=params)
    except ValidationError as error:
        # Refused before anything is asked (an open survey round, say): say why.
        context = {"source": source, "messages_refused": error.messages}
        return render(request, "analysis/snapshots/refused.html", context, status=409)
    meetings = list(meetings_for_snapshot(user=user))
    if request.method == "POST":
        form = SnapshotSendForm(request.POST, meetings=meetings)
        if form.is_valid():
            meeting = (
                Meeting.objects.select_related("body")
                .for_user(user)
                .filter(pk=form.cleaned_data["meeting"])
                .first()
            )
            if meeting is None:
                raise Http404
            try:
                item = snapshot_send(
                    actor=user,
                    key=key,
                    params=params,
                    meeting=meeting,
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The analysis is on the agenda of %(meeting)s as case %(number)s.")
                    % {"meeting": meeting_label(meeting), "number": item.case_number},
                )
                url = reverse("meetings:meeting-detail", args=[meeting.pk])
                return redirect(f"{url}#item-{item.pk}")
    if request.method != "POST":
        form = SnapshotSendForm(initial={"key": key, "title": preview["title"]}, meetings=meetings)
    context = {
        "form": form,
        "source": source,
        "preview": preview,
        "params": params,
        "meetings": meetings,
        "param_prefix": PARAM_PREFIX,
    }
    return render(request, "analysis/snapshots/send.html", context)
