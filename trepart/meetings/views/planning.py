"""Before the meeting: the plan, the agenda, documents, publication, the access log."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.concurrency import ConcurrentEditError
from trepart.meetings import forms, page_cache, permissions, rules, selectors, services
from trepart.meetings.models import AgendaItem, Document, DocumentVersion, Meeting
from trepart.organisation import selectors as organisation_selectors
from trepart.organisation.models import Body, Person
from trepart.organisation.permissions import same_municipality

RECENT_DAYS = 60
UPCOMING_SHOWN = 20


def _municipal(request: HttpRequest) -> Any:
    if getattr(request.user, "municipality_id", None) is None:
        raise PermissionDenied
    return request.user


def _body(request: HttpRequest, pk: int) -> Body:
    user = _municipal(request)
    try:
        return organisation_selectors.body_get(user=user, pk=pk)
    except Body.DoesNotExist as missing:
        raise Http404 from missing


def _preparing(request: HttpRequest, meeting: Meeting) -> Meeting:
    """The meeting, for someone who prepares it: others of the municipality are refused,
    and everybody else finds nothing."""
    if not same_municipality(request.user, meeting):
        raise Http404
    if not permissions.can_prepare(request.user, meeting.body):
        raise PermissionDenied
    return meeting


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return _preparing(request, selectors.meeting_get(user=request.user, pk=pk))


def _item(request: HttpRequest, pk: int) -> AgendaItem:
    user = _municipal(request)
    item = (
        AgendaItem.objects.select_related("meeting__body", "meeting__municipality")
        .filter(pk=pk, municipality_id=user.municipality_id)
        .first()
    )
    if item is None:
        raise Http404
    _preparing(request, item.meeting)
    return item


def _document(request: HttpRequest, pk: int) -> Document:
    user = _municipal(request)
    document = (
        Document.objects.select_related("item__meeting__body")
        .filter(pk=pk, municipality_id=user.municipality_id)
        .first()
    )
    if document is None:
        raise Http404
    _preparing(request, document.item.meeting)
    return document


def _add_form_errors(form: Any, error: ValidationError, *, field: str | None = None) -> None:
    """Attach a service's errors to the form, so the page keeps what the user typed."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error.messages)


def _detail(meeting: Meeting, anchor: str = "") -> HttpResponse:
    url = reverse("meetings:meeting-detail", args=[meeting.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


# ---------------------------------------------------------------------------------------
# Lists


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
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
    body = _body(request, pk)
    form = forms.YearForm(request.GET or None)
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


# ---------------------------------------------------------------------------------------
# Planning meetings


def _body_to_prepare(request: HttpRequest, pk: int) -> Body:
    body = _body(request, pk)
    if not permissions.can_prepare(request.user, body):
        raise PermissionDenied
    return body


@login_required
def meeting_plan(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body_to_prepare(request, pk)
    form = forms.MeetingPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts = rules.recurring(
            forms.local_moment(data["first_day"], data["start_time"]),
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
            _add_form_errors(form, error)
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
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, body=body, **form.moments())
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(request, _("The meeting was planned."))
            return _detail(meeting)
    context = {"body": body, "form": form, "meeting": None}
    return render(request, "meetings/meeting_edit.html", context)


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = forms.MeetingEditForm(request.POST or None, initial=forms.meeting_initial(meeting))
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
            form = forms.MeetingEditForm(data)
            form.is_valid()
            _add_form_errors(form, conflict)
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return _detail(meeting)
    context = {"body": meeting.body, "form": form, "meeting": meeting, "saved": saved}
    return render(request, "meetings/meeting_edit.html", context)


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = forms.VersionOnlyForm(request.POST)
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
    return _detail(meeting)


# ---------------------------------------------------------------------------------------
# The meeting page and publication


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
    }
    if visitor is not None and permissions.is_public(meeting):
        context["csrf_token"] = page_cache.TOKEN_PLACEHOLDER
        page = render_to_string("meetings/meeting_detail.html", context, request)
        return page_cache.keep_page(request, visitor, page)
    return render(request, "meetings/meeting_detail.html", context)


@login_required
def meeting_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = forms.VersionOnlyForm(request.POST or None, initial={"version": meeting.version})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_publish_agenda(
                actor=request.user, meeting=meeting, version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            _add_form_errors(form, error)
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
            return _detail(meeting)
    items = selectors.agenda(meeting, internal=True, drafts=True)
    context = {
        "meeting": meeting,
        "form": form,
        "items": items,
        "document_count": sum(len(item.documents) for item in items),
        "late": rules.is_late(timezone.localdate(), meeting.release_due_on),
    }
    return render(request, "meetings/meeting_publish.html", context)


# ---------------------------------------------------------------------------------------
# Agenda items


def _proposals(ids: list[int], meeting: Meeting) -> list[Any]:
    from trepart.proposals.models import Proposal

    return list(Proposal.objects.filter(pk__in=ids, municipality_id=meeting.municipality_id))


def _officer(pk: int | None, meeting: Meeting) -> Person | None:
    if pk is None:
        return None
    return Person.objects.filter(pk=pk, municipality_id=meeting.municipality_id).first()


@login_required
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = forms.ItemForm(request.POST or None, body=meeting.body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.item_add(
                actor=request.user,
                meeting=meeting,
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                case_officer=_officer(data["case_officer"], meeting),
                closed=data["closed"],
                legal_basis=data["legal_basis"],
                proposals=_proposals(data["proposals"], meeting),
            )
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(
                request, _("Item %(number)s was added.") % {"number": item.case_number}
            )
            return _detail(meeting, f"item-{item.pk}")
    context = {"meeting": meeting, "form": form, "item": None}
    return render(request, "meetings/item_form.html", context)


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    meeting = item.meeting
    initial = forms.item_initial(item)
    linked = initial["proposals"]
    form = forms.ItemEditForm(
        request.POST or None, body=meeting.body, linked=linked, initial=initial
    )
    saved = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Unchanged proposals are left alone: some may have been answered since.
        chosen = None if set(data["proposals"]) == set(linked) else data["proposals"]
        try:
            services.item_update(
                actor=request.user,
                item=item,
                version=data["version"],
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                case_officer=_officer(data["case_officer"], meeting),
                closed=data["closed"],
                legal_basis=data["legal_basis"],
                proposals=None if chosen is None else _proposals(chosen, meeting),
            )
        except ConcurrentEditError as conflict:
            saved = AgendaItem.objects.select_related("case_officer").get(pk=item.pk)
            post = request.POST.copy()
            post["version"] = str(saved.version)
            form = forms.ItemEditForm(post, body=meeting.body, linked=linked)
            form.is_valid()
            _add_form_errors(form, conflict)
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(
                request, _("Item %(number)s was saved.") % {"number": item.case_number}
            )
            return _detail(meeting, f"item-{item.pk}")
    context = {"meeting": meeting, "form": form, "item": item, "saved": saved}
    return render(request, "meetings/item_form.html", context)


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    meeting = item.meeting
    order = list(meeting.items.order_by("position", "pk").values_list("pk", flat=True))
    at = order.index(item.pk)
    to = at - 1 if request.POST.get("direction") == "up" else at + 1
    if 0 <= to < len(order):
        order[at], order[to] = order[to], order[at]
        try:
            services.items_reorder(actor=request.user, meeting=meeting, order=order)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("Item %(number)s was moved.") % {"number": item.case_number}
            )
    return _detail(meeting, f"item-{item.pk}")


# ---------------------------------------------------------------------------------------
# Documents


@login_required
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = forms.DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_add(
                actor=request.user,
                item=item,
                title=data["title"],
                upload=data["file"],
                exempt=data["exempt"],
                legal_basis=data["legal_basis"],
            )
        except ValidationError as error:
            _add_form_errors(form, error, field="file")
        else:
            if document.late:
                messages.warning(
                    request,
                    _(
                        "The document was added after the agenda was published: it is marked "
                        "as late, and every member has been told."
                    ),
                )
            else:
                messages.success(request, _("The document was added."))
            return _detail(item.meeting, f"item-{item.pk}")
    context = {"meeting": item.meeting, "item": item, "form": form, "document": None}
    return render(request, "meetings/document_form.html", context)


@login_required
def document_revise(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    item = document.item
    form = forms.DocumentReviseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.document_revise(
                actor=request.user, document=document, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            _add_form_errors(form, error, field="file")
        else:
            messages.success(
                request,
                _("Version %(number)d of “%(title)s” was added.")
                % {"number": version.number, "title": document.title},
            )
            return _detail(item.meeting, f"item-{item.pk}")
    context = {"meeting": item.meeting, "item": item, "form": form, "document": document}
    return render(request, "meetings/document_form.html", context)


def document_open(request: HttpRequest, pk: int) -> FileResponse:
    version = (
        DocumentVersion.objects.select_related("document__item__meeting__body")
        .filter(pk=pk)
        .first()
    )
    if version is None or not permissions.can_read_document(request.user, version.document):
        raise Http404
    services.document_open(user=request.user, version=version)
    response = FileResponse(
        version.file.open("rb"), content_type=version.content_type, filename=version.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    document = version.document
    if not permissions.document_is_public(document, document.item, document.item.meeting):
        response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------------------------------
# Equal access


@login_required
def access_log(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    if not same_municipality(request.user, meeting):
        raise Http404
    if not permissions.can_view_access_log(request.user, meeting):
        raise PermissionDenied
    documents, rows = selectors.access_log(meeting)
    table = [
        (row, [(row.opened.get(d.pk), row.times.get(d.pk, 0)) for d in documents]) for row in rows
    ]
    readers = [sum(1 for row in rows if d.pk in row.opened) for d in documents]
    context = {
        "meeting": meeting,
        "documents": list(zip(documents, readers, strict=True)),
        "table": table,
        "member_count": len(rows),
    }
    return render(request, "meetings/access_log.html", context)
