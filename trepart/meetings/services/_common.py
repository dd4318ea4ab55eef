"""What every meeting service shares: the actor to record, the started-meeting check and
the cancelled-meeting check."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.meetings import rules
from trepart.meetings.models import Meeting


def auditable(actor: Any) -> Any:
    """The user to record as the actor (None for a system task)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def require_started(meeting: Meeting) -> None:
    """Refuse to record what happened in a meeting that has not begun."""
    if not rules.has_started(meeting.starts_at, timezone.now()):
        raise ValidationError(rules.not_started_message(meeting.starts_at), code="not_started")


def require_not_cancelled(meeting: Meeting) -> None:
    """Refuse to change anything of a cancelled meeting."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting is cancelled."), code="cancelled")
