"""Before the meeting: the plan, the meetings, publication."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.audit.writes import ConcurrentEditError
from trepart.meetings import page_cache, permissions, rules, selectors, services
from trepart.meetings.forms.planning import (
    MeetingEditForm,
    MeetingForm,
    MeetingPlanForm,
    VersionOnlyForm,
    YearForm,
    local_moment,
    meeting_initial,
)
from trepart.meetings.models import Meeting
from trepart.meetings.panels import item_panels
from trepart.meetings.views._common import (
    add_form_errors,
    body_or_404,
    detail_redirect,
    meeting_or_404,
    user_municipality,
)
from trepart.organisation import selectors as organisation_selectors
from trepart.organisation.models import Body, Person

RECENT_DAYS = 60


UPCOMING_SHOWN = 20


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    user = user_municipality(request)
    person: Person | None = getattr(user, "person", None)
    memberships = list(organisation_selectors.my_memberships(user=user))
    upcoming: list[Meeting] = []
    recent: list[Meeting] = []
    if person is not None:
        day = organisation_selectors.today()
        upcoming = list(selectors.meetings_of_person(person=person, start=day)[:UPCOMING_SHOWN])
        recent = list(
            selectors.meetings_of_person(
                person=person,
                start=day - datetime.timedelta(days=RECENT_DAYS),
                before=timezone.now(),
            ).reverse()[:UPCOMING_SHOWN]
        )
        upcoming = [m for m in upcoming if m not in recent]
    bodies = {m.body_id: m.body for m in memberships}
    context = {"upcoming": upcoming, "recent": recent, "bodies": list(bodies.values())}
    return render(request, "meetings/meeting_list.html", context)


@login_required
def body_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    body = body_or_404(request, pk)
    form = YearForm(request.GET or None)
    year = (form.cleaned_data.get("ar") if form.is_valid() else None) or timezone.localdate().year
    prepare = permissions.can_prepare(request.user, body)
    insider = prepare or permissions.is_member(request.user, body)
    meetings = selectors.calendar(
        municipality_id=body.municipality_id,
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 12, 31),
        body_id=body.pk,
        public=not insider,
    )
    context = {
        "body": body,
        "meetings": meetings,
        "year": year,
        "can_prepare": prepare,
        "insider": insider,
    }
    return render(request, "meetings/body_meetings.html", context)


def _body_to_prepare(request: HttpRequest, pk: int) -> Body:
    body = body_or_404(request, pk)
    if not permissions.can_prepare(request.user, body):
        raise PermissionDenied
    return body


@login_required
def meeting_plan(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body_to_prepare(request, pk)
    form = MeetingPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts = rules.recurring(
            local_moment(data["first_day"], data["start_time"]),
            every_weeks=data["every_weeks"],
            count=data["count"],
            until=data["until"],
        )
        try:
            planned = services.meeting_plan(
                actor=request.user,
                body=body,
                starts=starts,
                duration=datetime.timedelta(minutes=data["minutes"]),
                place=data["place"],
                video_url=data["video_url"],
                is_open=data["is_open"],
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request, _("%(count)d meetings were planned.") % {"count": len(planned)}
            )
            url = reverse("meetings:body-meetings", args=[body.pk])
            return redirect(f"{url}?ar={timezone.localtime(planned[0].starts_at).year}")
    return render(request, "meetings/meeting_plan.html", {"body": body, "form": form})


@login_required
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body_to_prepare(request, pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, body=body, **form.moments())
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The meeting was planned."))
            return detail_redirect(meeting)
    context = {"body": body, "form": form, "meeting": None}
    return render(request, "meetings/meeting_edit.html", context)


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    form = MeetingEditForm(request.POST or None, initial=meeting_initial(meeting))
    saved = None
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                actor=request.user,
                meeting=meeting,
                version=form.cleaned_data["version"],
                **form.moments(),
            )
        except ConcurrentEditError as conflict:
            # Keep what the user typed, show what is saved now, and let a second,
            # deliberate save go through against the current version.
            saved = Meeting.objects.get(pk=meeting.pk)
            data = request.POST.copy()
            data["version"] = str(saved.version)
            form = MeetingEditForm(data)
            form.is_valid()
            add_form_errors(form, conflict)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return detail_redirect(meeting)
    context = {"body": meeting.body, "form": form, "meeting": meeting, "saved": saved}
    return render(request, "meetings/meeting_edit.html", context)


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    form = VersionOnlyForm(request.POST)
    try:
        if not form.is_valid():
            raise ConcurrentEditError()
        services.meeting_cancel(
            actor=request.user, meeting=meeting, version=form.cleaned_data["version"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The meeting was cancelled."))
    return detail_redirect(meeting)


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visitor = page_cache.visitor_key(request, pk)
    if visitor is not None:
        kept = page_cache.kept_page(request, visitor)
        if kept is not None:
            return kept
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    prepare = permissions.can_prepare(request.user, meeting.body)
    member = permissions.is_member(request.user, meeting.body)
    internal = permissions.can_see_internal(request.user, meeting)
    items = selectors.agenda(meeting, internal=internal, drafts=prepare)
    context = {
        "meeting": meeting,
        "items": items,
        "can_prepare": prepare,
        "internal": internal,
        "member": member,
        "show_video": prepare or member,
        "can_view_access_log": prepare,
        "agenda_overdue": not meeting.is_published
        and timezone.localdate() > meeting.release_due_on,
        "editable": prepare and meeting.status != Meeting.Status.CANCELLED,
        "has_charts": any(
            isinstance(item.snapshot, dict) and item.snapshot.get("type") == "analysis"
            for item in items
        ),
        "item_panels": item_panels(user=request.user, meeting=meeting, items=items),
    }
    if visitor is not None and permissions.is_public(meeting):
        context["csrf_token"] = page_cache.TOKEN_PLACEHOLDER
        page = render_to_string("meetings/meeting_detail.html", context, request)
        return page_cache.keep_page(request, visitor, page)
    return render(request, "meetings/meeting_detail.html", context)


@login_required
def meeting_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    form = VersionOnlyForm(request.POST or None, initial={"version": meeting.version})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_publish_agenda(
                actor=request.user, meeting=meeting, version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request,
                _("The agenda was published: every member has the documents from now on."),
            )
            if meeting.released_late:
                messages.warning(
                    request,
                    _(
                        "The agenda went out after its due date (%(day)s): the meeting is "
                        "flagged as released late."
                    )
                    % {"day": meeting.release_due_on.strftime("%d.%m.%Y")},
                )
            return detail_redirect(meeting)
    items = selectors.agenda(meeting, internal=True, drafts=True)
    context = {
        "meeting": meeting,
        "form": form,
        "items": items,
        "document_count": sum(len(item.documents) for item in items),
        "late": rules.is_late(timezone.localdate(), meeting.release_due_on),
    }
    return render(request, "meetings/meeting_publish.html", context)
