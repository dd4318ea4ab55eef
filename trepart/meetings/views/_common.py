"""What the planning and item views share: finding objects the user may prepare."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from trepart.meetings import permissions, rules, selectors
from trepart.meetings.models import AgendaItem, Document, Meeting
from trepart.organisation import selectors as organisation_selectors
from trepart.organisation.models import Body, Person
from trepart.platform.tenancy import same_municipality


def user_municipality(request: HttpRequest) -> Any:
    if getattr(request.user, "municipality_id", None) is None:
        raise PermissionDenied
    return request.user


def body_or_404(request: HttpRequest, pk: int) -> Body:
    user = user_municipality(request)
    try:
        return organisation_selectors.body_get(user=user, pk=pk)
    except Body.DoesNotExist as missing:
        raise Http404 from missing


def preparing_or_403(request: HttpRequest, meeting: Meeting) -> Meeting:
    """The meeting, for someone who prepares it: others of the municipality are refused,
    and everybody else finds nothing."""
    if not same_municipality(request.user, meeting):
        raise Http404
    if not permissions.can_prepare(request.user, meeting.body):
        raise PermissionDenied
    return meeting


def meeting_or_404(request: HttpRequest, pk: int) -> Meeting:
    return preparing_or_403(request, selectors.meeting_get(user=request.user, pk=pk))


def item_or_404(request: HttpRequest, pk: int) -> AgendaItem:
    user = user_municipality(request)
    item = (
        AgendaItem.objects.select_related("meeting__body", "meeting__municipality")
        .for_user(user)
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    preparing_or_403(request, item.meeting)
    return item


def document_or_404(request: HttpRequest, pk: int) -> Document:
    user = user_municipality(request)
    document = (
        Document.objects.select_related("item__meeting__body").for_user(user).filter(pk=pk).first()
    )
    if document is None:
        raise Http404
    preparing_or_403(request, document.item.meeting)
    return document


def add_form_errors(form: Any, error: ValidationError, *, field: str | None = None) -> None:
    """Attach a service's errors to the form, so the page keeps what the user typed."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error.messages)


def detail_redirect(meeting: Meeting, anchor: str = "") -> HttpResponse:
    url = reverse("meetings:meeting-detail", args=[meeting.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def posted_version(request: HttpRequest) -> int:
    """The ``version`` the form was made from (0 if missing: the save is then refused)."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else 0


def person_in(municipality_id: int, pk: int | None) -> Person | None:
    if pk is None:
        return None
    return Person.objects.filter(pk=pk, municipality_id=municipality_id).first()


def not_started(meeting: Meeting) -> str:
    """Why the meeting's conduct cannot be recorded yet, or "" once it has begun."""
    if rules.has_started(meeting.starts_at, timezone.now()):
        return ""
    return rules.not_started_message(meeting.starts_at)
