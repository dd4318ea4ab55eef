"""What the course's pages share: a service's errors put on a form, and the gates."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from trepart.training import privacy


def add_form_errors(form: Any, error: ValidationError) -> None:
    """Attach a service's errors to the form beside the fields they concern."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def in_municipality(request: HttpRequest) -> Any:
    if not privacy.in_municipality(request.user):
        raise PermissionDenied
    return request.user


def course_admin(request: HttpRequest) -> Any:
    if not privacy.is_course_admin(request.user):
        raise PermissionDenied
    return request.user
