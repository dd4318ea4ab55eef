"""What the survey pages share with their forms: the posted data, and a service's errors
put on the form's fields."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _posted(request: HttpRequest) -> Any:
    """The posted data, even when empty (a form posted with nothing chosen is still bound)."""
    return request.POST if request.method == "POST" else None
