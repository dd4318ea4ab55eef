"""What the library's views share: finding a document or version the user may open (404
otherwise, whatever the reason), and putting a service's errors on a form."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest

from trepart.library import privacy
from trepart.library.models import Document, DocumentVersion


def document_or_404(request: HttpRequest, pk: int) -> Document:
    document = Document.objects.select_related("municipality").filter(pk=pk).first()
    if document is None or not privacy.can_open(request.user, document):
        raise Http404
    return document


def version_or_404(request: HttpRequest, pk: int) -> DocumentVersion:
    version = (
        DocumentVersion.objects.select_related(
            "document__municipality", "proposed_by", "approved_by", "approved_item__meeting"
        )
        .filter(pk=pk)
        .first()
    )
    if version is None or not privacy.can_read_version(request.user, version):
        raise Http404
    return version


def editable_document(request: HttpRequest, pk: int) -> Document:
    document = document_or_404(request, pk)
    if not privacy.reads_internal(request.user, document):
        raise Http404  # another municipality's document: not there for them
    if not privacy.can_edit(request.user, document):
        raise PermissionDenied
    return document


def add_form_errors(form: Any, error: ValidationError) -> None:
    """Attach a service's errors to the form, so the page keeps what the user typed."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
