"""Optimistic concurrency: an edit states which version it started from.

Editable models carry a ``version`` integer. A form sends the version it showed; the
update succeeds only if nobody saved in between, so no edit is silently overwritten.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConcurrentEditError(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else saved this while you were editing. Your changes are kept in the "
                "form: compare them with the current version and save again."
            ),
            code="concurrent_edit",
        )


def save_versioned(instance: models.Model, *, expected_version: int, fields: list[str]) -> None:
    """Write ``fields`` of ``instance`` if its stored version is still ``expected_version``."""
    values: dict[str, Any] = {name: getattr(instance, name) for name in fields}
    updated = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=expected_version)
        .update(version=models.F("version") + 1, **values)
    )
    if updated != 1:
        raise ConcurrentEditError()
    instance.version = expected_version + 1  # type: ignore[attr-defined]
