"""What the handling pages share: the municipal user, and a service's errors on a form."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest


def _municipal(request: HttpRequest) -> Any:
    if request.user.municipality_id is None:  # type: ignore[union-attr]
        raise PermissionDenied
    return request.user


def _add_form_errors(
    form: Any, error: ValidationError, renames: Mapping[str, str] | None = None
) -> None:
    """Attach a service's errors to the form, so the page keeps what the user typed.

    ``renames`` maps a service's argument names to the form's field names where they differ.
    """
    if hasattr(error, "error_dict"):
        for key, errors in error.message_dict.items():
            field = (renames or {}).get(key, key)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
