"""Before the meeting: agenda items, their documents, and who opened them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.audit.writes import ConcurrentEditError
from trepart.meetings import permissions, selectors, services
from trepart.meetings.forms.agenda import ItemEditForm, ItemForm, item_initial
from trepart.meetings.forms.documents import DocumentForm, DocumentReviseForm
from trepart.meetings.models import AgendaItem, DocumentVersion, Meeting
from trepart.meetings.views._common import (
    add_form_errors,
    detail_redirect,
    document_or_404,
    item_or_404,
    meeting_or_404,
)
from trepart.organisation.models import Person
from trepart.platform.files.stored import stored_file_response
from trepart.platform.tenancy import same_municipality
from trepart.proposals.models import Proposal


def _proposals(ids: list[int], meeting: Meeting) -> list[Any]:
    return list(Proposal.objects.filter(pk__in=ids, municipality_id=meeting.municipality_id))


def _officer(pk: int | None, meeting: Meeting) -> Person | None:
    if pk is None:
        return None
    return (
        Person.objects.filter(pk=pk, municipality_id=meeting.municipality_id)
        .exclude(kind=Person.Kind.CITIZEN)
        .first()
    )


def _officer_search(request: HttpRequest) -> tuple[bool, str]:
    """Whether the form came back only to search for a case officer (the picker's button,
    without JavaScript), and what to search for."""
    data = request.POST if request.method == "POST" else request.GET
    return "case_officer_search" in request.POST, data.get("case_officer_q", "")[:100]


def _typed(data: Any) -> dict[str, Any]:
    """What was typed, to show again unjudged while the user searches for a person."""
    typed: dict[str, Any] = {name: data.get(name, "") for name in data}
    typed["proposals"] = data.getlist("proposals")
    return typed


@login_required
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    searching, query = _officer_search(request)
    options: dict[str, Any] = {"body": meeting.body, "user": request.user, "officer_query": query}
    if searching:
        form = ItemForm(initial=_typed(request.POST), **options)
    else:
        form = ItemForm(request.POST or None, **options)
    if request.method == "POST" and not searching and form.is_valid():
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
            add_form_errors(form, error)
        else:
            messages.success(
                request, _("Item %(number)s was added.") % {"number": item.case_number}
            )
            return detail_redirect(meeting, f"item-{item.pk}")
    context = {"meeting": meeting, "form": form, "item": None}
    return render(request, "meetings/item_form.html", context)


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_or_404(request, pk)
    meeting = item.meeting
    initial = item_initial(item)
    linked = initial["proposals"]
    searching, query = _officer_search(request)
    options: dict[str, Any] = {
        "body": meeting.body,
        "user": request.user,
        "officer_query": query,
        "linked": linked,
    }
    if searching:
        form = ItemEditForm(initial=_typed(request.POST), **options)
    else:
        form = ItemEditForm(request.POST or None, initial=initial, **options)
    saved = None
    if request.method == "POST" and not searching and form.is_valid():
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
            form = ItemEditForm(post, **options)
            form.is_valid()
            add_form_errors(form, conflict)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request, _("Item %(number)s was saved.") % {"number": item.case_number}
            )
            return detail_redirect(meeting, f"item-{item.pk}")
    context = {"meeting": meeting, "form": form, "item": item, "saved": saved}
    return render(request, "meetings/item_form.html", context)


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_or_404(request, pk)
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
    return detail_redirect(meeting, f"item-{item.pk}")


@login_required
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_or_404(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
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
            add_form_errors(form, error, field="file")
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
            return detail_redirect(item.meeting, f"item-{item.pk}")
    context = {"meeting": item.meeting, "item": item, "form": form, "document": None}
    return render(request, "meetings/document_form.html", context)


@login_required
def document_revise(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    item = document.item
    form = DocumentReviseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.document_revise(
                actor=request.user, document=document, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_form_errors(form, error, field="file")
        else:
            messages.success(
                request,
                _("Version %(number)d of “%(title)s” was added.")
                % {"number": version.number, "title": document.title},
            )
            return detail_redirect(item.meeting, f"item-{item.pk}")
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
    # Opened in the browser: the papers are read on screen, in the meeting.
    response = stored_file_response(version, as_attachment=False)
    document = version.document
    if not permissions.document_is_public(document, document.item, document.item.meeting):
        response["Cache-Control"] = "private, no-store"
    return response


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
