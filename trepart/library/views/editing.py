"""Editing the library: a new document, its title, a new draft version and its edits, the
approval of a draft, and the bodies a document governs. Every edit of a row carries the
version the form showed; a refused edit keeps what the user typed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.library import privacy, services
from trepart.library.forms import (
    ApproveForm,
    BodyLinkForm,
    DocumentCreateForm,
    DocumentEditForm,
    VersionForm,
)
from trepart.library.models import BodyDocument, DocumentVersion
from trepart.library.views.common import add_form_errors, editable_document, version_or_404
from trepart.organisation.selectors import today


def _person(user: Any) -> Any:
    return getattr(user, "person", None)


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not privacy.can_edit_library(user, user.municipality_id):
        raise PermissionDenied
    form = DocumentCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_create(
                actor=user,
                municipality=user.municipality,
                proposed_by=_person(user),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The document was created with its first draft."))
            return redirect("library:document-detail", pk=document.pk)
    return render(request, "library/document_form.html", {"form": form, "document": None})


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = editable_document(request, pk)
    initial = {
        "kind": document.kind,
        "title": document.title,
        "summary": document.summary,
        "version": document.version,
    }
    form = DocumentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_edit(actor=request.user, document=document, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The document was saved."))
            return redirect("library:document-detail", pk=document.pk)
    return render(request, "library/document_form.html", {"form": form, "document": document})


@login_required
def version_create(request: HttpRequest, pk: int) -> HttpResponse:
    document = editable_document(request, pk)
    latest = document.versions.order_by("-number").first()
    initial = {"text": latest.text, "is_public": latest.is_public} if latest else {}
    form = VersionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            version = services.version_draft(
                actor=request.user, document=document, proposed_by=_person(request.user), **data
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request, _("Version %(number)s was saved as a draft.") % {"number": version.number}
            )
            return redirect("library:version-detail", pk=version.pk)
    context = {"form": form, "document": document, "draft": None}
    return render(request, "library/version_form.html", context)


def _editable_draft(request: HttpRequest, pk: int) -> DocumentVersion:
    draft = version_or_404(request, pk)
    if not privacy.can_edit(request.user, draft.document):
        raise PermissionDenied
    if not draft.is_draft:
        raise Http404
    return draft


@login_required
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _editable_draft(request, pk)
    initial = {
        "text": draft.text,
        "change_note": draft.change_note,
        "is_public": draft.is_public,
        "version": draft.version,
    }
    form = VersionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_edit(
                actor=request.user,
                document_version=draft,
                proposed_by=draft.proposed_by,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("library:version-detail", pk=draft.pk)
    context = {"form": form, "document": draft.document, "draft": draft}
    return render(request, "library/version_form.html", context)


@login_required
def version_approve(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _editable_draft(request, pk)
    initial = {"approved_on": today(), "applies_from": today(), "version": draft.version}
    form = ApproveForm(request.POST or None, initial=initial, municipality_id=draft.municipality_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_approve(
                actor=request.user, document_version=draft, **form.cleaned_data
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request, _("Version %(number)s was approved.") % {"number": draft.number}
            )
            return redirect("library:version-detail", pk=draft.pk)
    context = {"form": form, "document": draft.document, "draft": draft}
    return render(request, "library/version_approve.html", context)


@login_required
def body_link(request: HttpRequest, pk: int) -> HttpResponse:
    document = editable_document(request, pk)
    form = BodyLinkForm(request.POST or None, municipality_id=document.municipality_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_document_link(
                actor=request.user, body=form.cleaned_data["body"], document=document
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The body was linked to the document."))
            return redirect("library:document-detail", pk=document.pk)
    return render(request, "library/body_link.html", {"form": form, "document": document})


@login_required
@require_POST
def body_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(BodyDocument.objects.for_user(request.user), pk=pk)
    document = editable_document(request, link.document_id)
    services.body_document_unlink(actor=request.user, link=link)
    messages.success(request, _("The link to %(body)s was removed.") % {"body": link.body.name})
    return redirect("library:document-detail", pk=document.pk)
