"""What the project pages share: finding the project the user may open, and putting a
service's errors on the form so the page keeps what the user typed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from trepart.development import privacy
from trepart.development.models import Project
from trepart.development.selectors.projects import project_get

__all__ = ["add_form_errors", "login_required", "project_for", "work_project"]


def project_for(request: HttpRequest, pk: int) -> Project:
    """The project if the user may open it; another municipality's id is a 404."""
    return project_get(user=request.user, pk=pk)


def work_project(request: HttpRequest, pk: int) -> Project:
    """The project if the user works on it (the group, administrators)."""
    project = project_for(request, pk)
    if not privacy.can_work(request.user, project):
        raise PermissionDenied
    return project


def add_form_errors(form: Any, error: ValidationError) -> None:
    """Attach a service's errors to the form beside the fields they concern."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
