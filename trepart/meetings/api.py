"""Meetings in the JSON API: the list with filters, and one meeting with its agenda.

Both answer without a login. Everyone outside the body — visitors, the municipality's other
employees, people of other municipalities — sees public meetings only, and of those the
public part: a closed item is its case number and a neutral title, exempt documents are
neither named nor linked, and the video link is left out. What a reader sees of an item
comes from ``privacy.item_for`` (through ``selectors.agenda``) alone, the one place where
closed items are masked; this module only puts it into the API's shape.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from trepart.accounts.api import auth_methods
from trepart.meetings import permissions, selectors
from trepart.meetings.models import Meeting
from trepart.meetings.privacy import DocumentView, ShownItem
from trepart.meetings.schemas import MeetingDetailOut, MeetingPage, MeetingQuery
from trepart.organisation.models import Municipality
from trepart.organisation.public import public_municipality
from trepart.organisation.schemas import Error
from trepart.platform.api import Id, caller, not_found
from trepart.platform.urls import absolute_url


class Visitor:
    """A request without credentials reads as a visitor, who sees what the public sees.

    One that carries an ``Authorization`` header the token check refused is not let
    through as a visitor: a wrong token answers 401 rather than a quietly smaller list.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization"):
            return None
        return AnonymousUser()


router = Router(tags=["meetings"], auth=[*auth_methods, Visitor()])
# The document says so: ninja lists the token and the session; an empty entry adds "none".
ANONYMOUS_TOO: dict[str, Any] = {"security": [{}]}


def _reader(request: HttpRequest) -> Any:
    """The logged-in user (in their language), or the anonymous visitor."""
    if getattr(request.auth, "is_authenticated", False):  # type: ignore[attr-defined]
        return caller(request)
    return request.auth  # type: ignore[attr-defined]


def _municipality(request: HttpRequest, reader: Any) -> Municipality:
    """The municipality asked for, else the reader's own, else the installation's only one."""
    try:
        named = public_municipality(request) if request.GET.get("kommune") else None
    except Http404:
        raise not_found() from None
    if named is not None:
        return named
    if getattr(reader, "municipality", None) is not None:
        return reader.municipality  # type: ignore[no-any-return]
    only = public_municipality(request)
    if only is None:
        raise HttpError(400, _("Give the municipality's organisation number as ?kommune=."))
    return only


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def _meeting_out(request: HttpRequest, meeting: Meeting, *, internal: bool) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "body": {"id": meeting.body_id, "name": meeting.body.name},
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "status": meeting.status,
        "status_label": meeting.get_status_display(),
        "is_open": meeting.is_open,
        "published_at": meeting.published_at,
        "release_due_on": meeting.release_due_on,
        "released_late": meeting.released_late,
        "video_url": (meeting.video_url or None) if internal else None,
        "internal": internal,
        "url": absolute_url(reverse("meetings:meeting-detail", args=[meeting.pk])),
    }


def _download_url(request: HttpRequest, document: DocumentView) -> str | None:
    if not document.readable or document.version_id is None:
        return None
    try:
        path = reverse("meetings:document-open", args=[document.version_id])
    except NoReverseMatch:  # the download page is not mounted in this installation
        return None
    return absolute_url(path)


def _is_analysis(snapshot: Any) -> bool:
    return isinstance(snapshot, dict) and snapshot.get("type") == "analysis"


def _item_out(request: HttpRequest, item: ShownItem) -> dict[str, Any]:
    # ``item`` is already masked for this reader: an empty kind or outcome is null here.
    return {
        "id": item.pk,
        "case_number": item.case_number,
        "position": item.position,
        "kind": item.kind or None,
        "kind_label": item.kind_label,
        "title": item.title,
        "closed": item.closed,
        "legal_basis": item.legal_basis or None,
        "legal_basis_label": item.legal_basis_label,
        "description": item.description,
        "case_officer": item.case_officer,
        "added_late": item.added_late,
        "outcome": item.outcome or None,
        "outcome_label": item.outcome_label,
        "outcome_text": item.outcome_text,
        "result_report": None if _is_analysis(item.snapshot) else item.snapshot,
        "analysis": item.snapshot if _is_analysis(item.snapshot) else None,
        "documents": [
            {
                "id": document.pk,
                "title": document.title,
                "exempt": document.exempt,
                "late": document.late,
                "released_at": document.released_at,
                "version": document.version_number,
                "file_name": document.file_name,
                "size": document.size,
                "content_type": document.content_type,
                "url": _download_url(request, document),
            }
            for document in item.documents
        ],
        "stands": [vars(stand) for stand in item.stands],
        "motions": [vars(motion) for motion in item.motions],
        "proposals": [
            {
                "id": proposal.pk,
                "title": proposal.title,
                "status": proposal.status,
                "status_label": proposal.status_label,
            }
            for proposal in item.proposals
        ],
    }


@router.get(
    "/meetings",
    response={200: MeetingPage, 400: Error, 401: Error, 403: Error, 404: Error},
    operation_id="meeting_list",
    openapi_extra=ANONYMOUS_TOO,
    summary="List meetings",
)
def meeting_list(request: HttpRequest, filters: Query[MeetingQuery]) -> dict[str, Any]:
    """Meetings by start time. Without a login (or from outside the body): open meetings
    whose agenda is published. The body's own people also see its planned and closed
    meetings. The number of queries does not depend on the page size."""
    reader = _reader(request)
    municipality = _municipality(request, reader)
    reach = selectors.reach_of(reader)
    rows = selectors.meetings_visible(reach=reach, municipality_id=municipality.pk)
    if filters.body is not None:
        rows = rows.filter(body_id=filters.body)
    if filters.start is not None:
        rows = rows.filter(starts_at__gte=_local_midnight(filters.start))
    if filters.end is not None:
        rows = rows.filter(starts_at__lt=_local_midnight(filters.end + datetime.timedelta(days=1)))
    rows = rows.order_by("starts_at", "pk")
    page = rows[filters.offset : filters.offset + filters.limit]
    return {
        "count": rows.count(),
        "items": [_meeting_out(request, m, internal=reach.internal(m)) for m in page],
    }


@router.get(
    "/meetings/{meeting_id}",
    response={200: MeetingDetailOut, 401: Error, 403: Error, 404: Error},
    operation_id="meeting_get",
    openapi_extra=ANONYMOUS_TOO,
    summary="Get a meeting with its agenda",
)
def meeting_get(request: HttpRequest, meeting_id: Id) -> dict[str, Any]:
    """The meeting with its items: case number, kind, title, documents with download
    addresses, each party's stand, motions and the outcome. A meeting the caller may not
    see answers 404."""
    reader = _reader(request)
    try:
        meeting = selectors.meeting_get(user=reader, pk=meeting_id)
    except Http404:
        raise not_found() from None
    internal = permissions.can_see_internal(reader, meeting)
    items = selectors.agenda(
        meeting,
        internal=internal,
        drafts=internal and permissions.can_prepare(reader, meeting.body),
    )
    return {
        **_meeting_out(request, meeting, internal=internal),
        "items": [_item_out(request, item) for item in items],
    }
