"""What every meeting service shares: the actor to record, and the started-meeting check."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from trepart.meetings import rules
from trepart.meetings.models import Meeting


def auditable(actor: Any) -> Any:
    """The user to record as the actor (None for a system task)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def require_started(meeting: Meeting) -> None:
    """Refuse to record what happened in a meeting that has not begun."""
    if not rules.has_started(meeting.starts_at, timezone.now()):
        raise ValidationError(rules.not_started_message(meeting.starts_at), code="not_started")
