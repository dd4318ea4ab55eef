"""What every meeting service shares: locking with a version check, and the audit record."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from trepart.concurrency import ConcurrentEditError
from trepart.meetings import rules
from trepart.meetings.models import Meeting

M = TypeVar("M", bound=models.Model)


def auditable(actor: Any) -> Any:
    """The user to record as the actor (None for a system task)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def locked(instance: M, version: int | None) -> M:
    """The row, locked for this transaction; a stale ``version`` is a concurrent edit."""
    current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if version is not None and current.version != version:  # type: ignore[attr-defined]
        raise ConcurrentEditError()
    return current


def bump(instance: Any, fields: list[str]) -> None:
    """Save ``fields`` and count the new version."""
    instance.version += 1
    instance.save(update_fields=[*fields, "version"])


def require_started(meeting: Meeting) -> None:
    """Refuse to record what happened in a meeting that has not begun."""
    if not rules.has_started(meeting.starts_at, timezone.now()):
        raise ValidationError(rules.not_started_message(meeting.starts_at), code="not_started")
