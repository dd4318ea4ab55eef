"""Sending an analysis to a meeting: a frozen snapshot on a new agenda item.

The snapshot is built once, from the same suppressed selectors as the page, and stored on
the item; later imports or answers never change what the members saw.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.meetings import permissions as meeting_permissions
from trepart.meetings import selectors as meeting_selectors
from trepart.meetings import services as meeting_services
from trepart.meetings.models import AgendaItem, Meeting
from trepart.platform.snapshots import build_snapshot, sources

SNAPSHOT_KINDS = (AgendaItem.Kind.ORIENTATION, AgendaItem.Kind.DISCUSSION)
OPEN_STATUSES = (Meeting.Status.PLANNED, Meeting.Status.PUBLISHED)


def _start_of_today() -> datetime.datetime:
    return datetime.datetime.combine(
        timezone.localdate(), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )


def meetings_for_snapshot(*, user: Any) -> QuerySet[Meeting]:
    """Upcoming meetings (not held, not cancelled) of the bodies ``user`` prepares."""
    reach = meeting_selectors.reach_of(user)
    if reach.municipality_id is None:
        return Meeting.objects.none()
    rows = meeting_selectors.meeting_queryset(municipality_id=reach.municipality_id).filter(
        status__in=OPEN_STATUSES, starts_at__gte=_start_of_today()
    )
    if not reach.admin:
        rows = rows.filter(body_id__in=reach.prepares)
    return rows.order_by("starts_at", "pk")


def _unique_chart_keys(frozen: dict[str, Any]) -> dict[str, Any]:
    """Chart keys name elements on the page: make them unique to this snapshot."""
    prefix = secrets.token_hex(4)
    for chart in frozen.get("charts", []):
        chart["key"] = f"s{prefix}-{chart['key']}"
    return frozen


@transaction.atomic
def snapshot_send(
    *,
    actor: Any,
    key: str,
    params: Mapping[str, str],
    meeting: Meeting,
    title: str,
    kind: str = AgendaItem.Kind.DISCUSSION,
) -> AgendaItem:
    """Put analysis ``key`` (as ``actor`` sees it for ``params``) on ``meeting``'s agenda.

    The item is added through the meetings' own service, so it gets the body's next case
    number, is marked late (and the members told) after publication, and is audited.
    """
    if key not in sources():
        raise ValidationError(_("There is no such analysis."), code="unknown")
    if meeting.municipality_id != getattr(actor, "municipality_id", None):
        raise PermissionDenied
    if not meeting_permissions.can_prepare(actor, meeting.body):
        raise PermissionDenied
    if meeting.status not in OPEN_STATUSES or meeting.starts_at < _start_of_today():
        raise ValidationError(
            {"meeting": [_("Choose a meeting that is still to be held.")]}, code="past"
        )
    if kind not in SNAPSHOT_KINDS:
        raise ValidationError({"kind": [_("Choose briefing or discussion.")]}, code="kind")
    frozen = _unique_chart_keys(build_snapshot(key, user=actor, params=params))
    return meeting_services.item_add(
        actor=actor, meeting=meeting, kind=kind, title=title, snapshot=frozen
    )
