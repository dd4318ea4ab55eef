"""What the stillingsbank's pages share: a service's errors put on the form."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


def add_form_errors(form: Any, error: ValidationError) -> None:
    """Attach a service's errors to the form beside the fields they concern."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
